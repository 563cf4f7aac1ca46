import Foundation
import Trace

extension SweepAxis {
  /// The most points one range may produce.
  package static let maxRangePoints = 1_000_000

  /// Parses `NAME=v1,v2,...`, `NAME=start:stop:step` or `NAME=start:stop:*F`
  /// (numeric axes only; stop inclusive): the one parser of `--vary`.
  /// Errors in the grammar are at ``RunParameter/vary``; errors in a value
  /// at the axis (``InputOrigin/sweepAxis(_:)``). Workload values are parsed
  /// here, once, by the option's own parser.
  package static func parse(_ spec: String) throws(LifeError) -> SweepAxis {
    let vary = InputOrigin.parameter(.vary)
    guard let eq = spec.firstIndex(of: "=") else {
      throw LifeError.usage(
        vary, "missing '='", got: "'\(spec)'", expected: "NAME=v1,v2,... or NAME=start:stop:step")
    }
    let rawName = spec[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
    let body = String(spec[spec.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
    let names = Name.all.map(\.name)
    guard let name = Name(named: rawName) else {
      throw LifeError.usage(
        vary, "unknown axis", got: "'\(rawName)'",
        expected: "one of " + names.joined(separator: ", "),
        suggestion: DidYouMean.suggest(rawName, among: names))
    }
    guard !body.isEmpty else {
      throw LifeError.usage(
        .sweepAxis(name.name), "no values", got: "'\(spec)'", expected: name.expected)
    }
    if name.isNumeric && body.contains(":") {
      return SweepAxis(name: name, values: try range(name, body))
    }
    var values: [SweepValue] = []
    for part in body.split(separator: ",", omittingEmptySubsequences: false) {
      let text = part.trimmingCharacters(in: .whitespaces)
      values.append(try value(name, text))
    }
    return SweepAxis(name: name, values: values)
  }

  /// One listed value, validated for its axis.
  static func value(_ name: Name, _ text: String) throws(LifeError) -> SweepValue {
    func bad(_ message: String, suggestion: String? = nil) -> LifeError {
      LifeError.usage(
        .sweepAxis(name.name), message, got: "'\(text)'", expected: name.expected,
        suggestion: suggestion)
    }
    if text.isEmpty { throw bad("empty value") }
    switch name {
    case .option(let option):
      do {
        return SweepValue(setting: try option.parse(text))
      } catch {
        throw bad(error.message, suggestion: error.suggestion)
      }
    case .device, .model:
      return SweepValue(text: text)
    case .runtime:
      let runtime = try Runtime.resolve(
        text, at: ErrorLocation(origin: .sweepAxis(name.name)))
      return SweepValue(text: text, runtime: runtime)
    default:
      guard case .success(let number) = NumberText.number(text) else {
        throw bad("not a number")
      }
      return try numeric(name, number, text: text)
    }
  }

  /// A numeric value checked against its axis's range.
  static func numeric(_ name: Name, _ number: Double, text: String) throws(LifeError)
    -> SweepValue
  {
    func bad(_ message: String) -> LifeError {
      LifeError.usage(.sweepAxis(name.name), message, got: "'\(text)'", expected: name.expected)
    }
    if let option = name.option {
      guard number == number.rounded(), abs(number) < 1e15 else { throw bad("not an integer") }
      do {
        return SweepValue(setting: try option.setting(integer: Int(number)))
      } catch {
        throw bad(error.message)
      }
    }
    switch name {
    case .tops, .bandwidth:
      guard number >= Device.minimumRate, number <= Device.maximumRate else {
        throw bad("out of range")
      }
    case .computeEfficiency, .memoryEfficiency:
      guard number > 0, number <= 1 else { throw bad("out of range") }
    case .dispatchUs: guard number >= 0 else { throw bad("out of range") }
    case .powerCap: guard number > 0 else { throw bad("out of range") }
    default: break
    }
    return SweepValue(number: number)
  }

  /// `start:stop:step`: value_i = start + i·step for i < count, count =
  /// ⌊(stop − start)/step + 1e-9⌋ + 1, each rounded to the decimals the
  /// start and step were written with (so 0.1:0.3:0.1 gives 0.1, 0.2, 0.3).
  static func range(_ name: Name, _ body: String) throws(LifeError) -> [SweepValue] {
    let parts = body.split(separator: ":", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    func bad(_ message: String) -> LifeError {
      LifeError.usage(
        .sweepAxis(name.name), message, got: "'\(body)'",
        expected: "start:stop:step with step > 0 and stop ≥ start")
    }
    guard parts.count == 3 else { throw bad("a range needs three parts") }
    if parts[2].hasPrefix("*") { return try geometric(name, parts, body: body) }
    guard case .success(let start) = NumberText.number(parts[0]),
      case .success(let stop) = NumberText.number(parts[1]),
      case .success(let step) = NumberText.number(parts[2])
    else { throw bad("a range needs three numbers") }
    guard step > 0 else { throw bad("the step must be > 0") }
    guard stop >= start else { throw bad("empty range: stop is below start") }
    let steps = ((stop - start) / step + 1e-9).rounded(.down)
    guard steps + 1 <= Double(maxRangePoints) else {
      throw LifeError.usage(
        .sweepAxis(name.name), "range too large",
        got: "'\(body)' (\(JSONFormat.number(steps + 1)) points)",
        expected: "at most \(maxRangePoints) points")
    }
    let decimals = max(decimalPlaces(parts[0]), decimalPlaces(parts[2]))
    var values: [SweepValue] = []
    for i in 0...Int(steps) {
      var v = start + Double(i) * step
      if let d = decimals {
        let scale = pow(10, Double(d))
        v = (v * scale).rounded() / scale
      }
      values.append(try numeric(name, v, text: JSONFormat.number(v)))
    }
    return values
  }

  /// `start:stop:*F`: value_i = start·F^i while ≤ stop (within 1e-9
  /// relative), each rounded to 12 significant digits; F > 1, start > 0.
  static func geometric(_ name: Name, _ parts: [String], body: String)
    throws(LifeError) -> [SweepValue]
  {
    func bad(_ message: String) -> LifeError {
      LifeError.usage(
        .sweepAxis(name.name), message, got: "'\(body)'",
        expected: "start:stop:*F with start > 0, F > 1 and stop ≥ start")
    }
    guard case .success(let start) = NumberText.number(parts[0]),
      case .success(let stop) = NumberText.number(parts[1]),
      case .success(let factor) = NumberText.number(String(parts[2].dropFirst()))
    else { throw bad("a range needs three numbers") }
    guard factor > 1 else { throw bad("the factor must be > 1") }
    guard start > 0 else { throw bad("a geometric range must start above 0") }
    guard stop >= start else { throw bad("empty range: stop is below start") }
    var values: [SweepValue] = []
    var i = 0.0
    while true {
      let raw = start * pow(factor, i)
      guard raw <= stop * (1 + 1e-9) else { break }
      let v = Double(String(format: "%.12g", Swift.min(raw, stop))) ?? raw
      values.append(try numeric(name, v, text: JSONFormat.number(v)))
      i += 1
    }
    return values
  }

  /// Digits after the decimal point of a plain decimal literal; nil for
  /// exponent forms or more than 12 digits (no rounding then).
  static func decimalPlaces(_ text: String) -> Int? {
    if text.contains("e") || text.contains("E") { return nil }
    guard let dot = text.firstIndex(of: ".") else { return 0 }
    let count = text.distance(from: text.index(after: dot), to: text.endIndex)
    return count <= 12 ? count : nil
  }
}

/// `max` over optional decimal counts: nil (no rounding) wins.
private func max(_ a: Int?, _ b: Int?) -> Int? {
  guard let a, let b else { return nil }
  return Swift.max(a, b)
}
