import Foundation
import Trace

extension SweepAxis {
  /// Device fields `--vary` accepts, with their ranges.
  static let deviceFields: [(name: String, min: Double, max: Double, exclusiveMin: Bool)] = [
    ("tops", 0, 1e9, true), ("bandwidth", 0, 1e9, true), ("compute-efficiency", 0, 1, true),
    ("memory-efficiency", 0, 1, true), ("dispatch-us", 0, 1e9, false),
  ]

  /// Integer workload options, which may take a range.
  static let integerOptions = ["prompt", "generate", "batch", "chunk", "lora-rank", "tile"]

  /// Every name `--vary` accepts.
  static var names: [String] { WorkloadOptions.names + deviceFields.map(\.name) + ["device"] }

  /// The most values one axis may have.
  static let maxValues = 100_000

  /// Parses `NAME=v1,v2,...` or `NAME=start:stop:step` (`step` may be `*F`
  /// for a geometric range).
  init(parsing text: String) throws(LifeError) {
    guard let equals = text.firstIndex(of: "=") else {
      throw LifeError(
        .usage, at: .flag("--vary"), "missing '='", got: "'\(text)'",
        expected: "NAME=v1,v2,... or NAME=start:stop:step")
    }
    let name = String(text[..<equals])
    let spec = String(text[text.index(after: equals)...])
    let location = ErrorLocation.flag("--vary " + name)
    func fail(_ message: String, _ expected: String) throws(LifeError) -> Never {
      throw LifeError(.usage, at: location, message, got: "'\(spec)'", expected: expected)
    }
    guard Self.names.contains(name) else {
      throw LifeError(
        .usage, at: .flag("--vary"), "unknown name", got: "'\(name)'",
        expected: "a workload flag name, a device field (tops, bandwidth, compute-efficiency,"
          + " memory-efficiency, dispatch-us) or device",
        suggestion: DidYouMean.suggest(name, among: Self.names))
    }
    let field = Self.deviceFields.first { $0.name == name }
    let isNumeric = field != nil || Self.integerOptions.contains(name)
    let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    var values: [String]
    if isNumeric, parts.count == 3, !spec.contains(",") {
      if let field {
        values = try Self.numberRange(parts, field: field, fail: fail)
      } else {
        values = try Self.integerRange(
          parts, min: name == "prompt" || name == "generate" ? 0 : 1,
          fail: fail)
      }
    } else {
      values = spec.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      if values.contains(where: \.isEmpty) {
        try fail("empty value in the list", "NAME=v1,v2,... or NAME=start:stop:step")
      }
      for (index, value) in values.enumerated() {
        if let field {
          let number = try ParsedArguments.number(
            value, min: field.min, max: field.max, exclusiveMin: field.exclusiveMin
          ) { message, expected throws(LifeError) in
            throw LifeError(.usage, at: location, message, got: "'\(value)'", expected: expected)
          }
          values[index] = JSONFormat.number(number)
        } else if name != "device" {
          var scratch = WorkloadOptions(prompt: 0)
          try scratch.set(name, to: value, at: location)
        }
      }
    }
    if values.count > Self.maxValues {
      try fail("too many values", "at most \(Self.maxValues) per axis")
    }
    self.init(
      name: name, kind: field != nil ? .deviceField : name == "device" ? .device : .workload,
      values: values)
  }

  private static func integerRange(
    _ parts: [String], min: Int, fail: (String, String) throws(LifeError) -> Never
  ) throws(LifeError) -> [String] {
    let expected = "start:stop:step or start:stop:*F with integers \(min) ≤ start ≤ stop"
    guard let start = Int(parts[0]), let stop = Int(parts[1]), start >= min, start <= stop else {
      try fail("invalid range", expected)
    }
    let geometric = parts[2].hasPrefix("*")
    guard let step = Int(geometric ? String(parts[2].dropFirst()) : parts[2]),
      geometric ? step >= 2 && start >= 1 : step >= 1
    else {
      try fail("invalid step", expected + ", step ≥ 1 (F ≥ 2, start ≥ 1 for *F)")
    }
    var values: [String] = []
    var value = start
    while value <= stop {
      values.append(String(value))
      if values.count > maxValues { try fail("too many values", "at most \(maxValues) per axis") }
      let (next, overflow) =
        geometric
        ? value.multipliedReportingOverflow(by: step) : value.addingReportingOverflow(step)
      if overflow { break }
      value = next
    }
    return values
  }

  private static func numberRange(
    _ parts: [String], field: (name: String, min: Double, max: Double, exclusiveMin: Bool),
    fail: (String, String) throws(LifeError) -> Never
  ) throws(LifeError) -> [String] {
    func number(_ text: String) throws(LifeError) -> Double {
      try ParsedArguments.number(
        text, min: field.min, max: field.max, exclusiveMin: field.exclusiveMin
      ) { message, expected throws(LifeError) in try fail(message, expected) }
    }
    let start = try number(parts[0])
    let stop = try number(parts[1])
    guard start <= stop else { try fail("invalid range", "start:stop:step with start ≤ stop") }
    let geometric = parts[2].hasPrefix("*")
    guard let step = Double(geometric ? String(parts[2].dropFirst()) : parts[2]), step.isFinite,
      geometric ? step > 1 && start > 0 : step > 0
    else {
      try fail("invalid step", "a step > 0, or *F with F > 1")
    }
    var values: [String] = []
    var index = 0.0
    while true {
      let value = geometric ? start * pow(step, index) : start + index * step
      let tolerance = 1e-9 * max(abs(stop), geometric ? 1 : step)
      if !(value <= stop + tolerance) { break }
      // Twelve significant digits: 0.1 + 2 × 0.1 prints as 0.3.
      let rounded = Double(String(format: "%.12g", min(value, stop))) ?? value
      values.append(JSONFormat.number(rounded))
      if values.count > maxValues { try fail("too many values", "at most \(maxValues) per axis") }
      index += 1
    }
    return values
  }
}
