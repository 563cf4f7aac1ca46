import Foundation
import Trace

/// Typed reads of flag values. Each checks its value and throws a usage error
/// at the flag, quoting what was typed and saying what is accepted.
extension ParsedArguments {
  /// The spec of flag `name`; parsing only records flags the spec has.
  private func spec(_ name: String) -> FlagSpec {
    command.flag(named: name) ?? .option(name, "VALUE", "")
  }

  private func bad(
    _ name: String, _ message: String, got value: String, expected: String? = nil,
    suggestion: String? = nil
  ) -> LifeError {
    let flag = spec(name)
    return LifeError.usage(
      .argument(flag.spelling), message, got: "'\(value)'", expected: expected ?? flag.values,
      suggestion: suggestion)
  }

  /// Whether switch `name` was given.
  func isSet(_ name: String) -> Bool { has(name) }

  /// A non-empty text value (a name or a path), or nil when absent.
  func text(_ name: String) throws(LifeError) -> String? {
    guard let value = value(name) else { return nil }
    if value.isEmpty {
      let flag = spec(name)
      throw LifeError.usage(
        .argument(flag.spelling), "empty value", expected: flag.values ?? flag.valueName)
    }
    return value
  }

  /// A non-empty text value that must be present.
  func requiredText(_ name: String) throws(LifeError) -> String {
    if let value = try text(name) { return value }
    let flag = spec(name)
    throw LifeError.usage(
      .argument(flag.spelling), "missing required flag", expected: flag.values ?? flag.valueName)
  }

  /// An integer in `min...max`, or nil when absent.
  func integer(_ name: String, min: Int = .min, max: Int = .max) throws(LifeError) -> Int? {
    guard let value = value(name) else { return nil }
    return try Self.integer(value, min: min, max: max) { message, expected throws(LifeError) in
      throw bad(name, message, got: value, expected: expected)
    }
  }

  /// A finite number in a range (`exclusiveMin` excludes the lower bound), or
  /// nil when absent. `nan` and `inf` are refused.
  func number(
    _ name: String, min: Double = -.greatestFiniteMagnitude,
    max: Double = .greatestFiniteMagnitude, exclusiveMin: Bool = false
  ) throws(LifeError) -> Double? {
    guard let value = value(name) else { return nil }
    return try Self.number(value, min: min, max: max, exclusiveMin: exclusiveMin) {
      message, expected throws(LifeError) in
      throw bad(name, message, got: value, expected: expected)
    }
  }

  /// One of an enumeration's raw values, or nil when absent; anything else is
  /// an error with a did-you-mean.
  func choice<Choice: RawRepresentable & CaseIterable>(
    _ name: String, _ type: Choice.Type
  ) throws(LifeError) -> Choice? where Choice.RawValue == String {
    guard let value = value(name) else { return nil }
    if let choice = Choice(rawValue: value.lowercased()) { return choice }
    let names = Choice.allCases.map(\.rawValue)
    throw bad(
      name, "invalid value", got: value, expected: "one of " + names.joined(separator: ", "),
      suggestion: DidYouMean.suggest(value, among: names))
  }

  /// A comma-separated list of an enumeration's raw values, or nil when
  /// absent. Repeats and empty items are errors.
  func choices<Choice: RawRepresentable & CaseIterable & Equatable>(
    _ name: String, _ type: Choice.Type
  ) throws(LifeError) -> [Choice]? where Choice.RawValue == String {
    guard let value = value(name) else { return nil }
    let names = Choice.allCases.map(\.rawValue)
    var result: [Choice] = []
    for item in value.split(separator: ",", omittingEmptySubsequences: false) {
      let text = item.trimmingCharacters(in: .whitespaces).lowercased()
      guard let choice = Choice(rawValue: text) else {
        throw bad(
          name, text.isEmpty ? "empty item in the list" : "invalid value '\(text)'", got: value,
          expected: "a comma-separated list of " + names.joined(separator: ", "),
          suggestion: DidYouMean.suggest(text, among: names))
      }
      if result.contains(choice) {
        throw bad(name, "'\(text)' is listed twice", got: value)
      }
      result.append(choice)
    }
    return result
  }

  /// Every workload flag given, in command-line order, each parsed once by
  /// its option's parser (``WorkloadOption/parse(_:)``); without prompt,
  /// generate and batch when `operatingPoint` is false (`serve`, where the
  /// requests give them).
  func workloadSettings(operatingPoint: Bool = true) throws(LifeError) -> [WorkloadSetting] {
    var result: [WorkloadSetting] = []
    for setting in settings {
      guard let option = WorkloadOption(rawValue: setting.name),
        operatingPoint || !option.isOperatingPoint
      else { continue }
      result.append(try option.parse(setting.value))
    }
    return result
  }

  /// `base` with every workload flag given applied.
  func workloadOptions(_ base: WorkloadOptions = WorkloadOptions(prompt: 0)) throws(LifeError)
    -> WorkloadOptions
  {
    var options = base
    options.apply(try workloadSettings())
    return options
  }
}

extension ParsedArguments {
  /// Parses an integer in `min...max`, calling `fail(message, expected)` on
  /// a bad value.
  static func integer(
    _ text: String, min: Int, max: Int,
    fail: (String, String) throws(LifeError) -> Never
  ) throws(LifeError) -> Int {
    let expected = NumberText.rangeText(
      kind: "an integer", min: min == .min ? nil : "\(min)",
      max: max == .max ? nil : "\(max)", exclusiveMin: false)
    switch NumberText.integer(text) {
    case .failure(let failure): try fail(failure.message, expected)
    case .success(let value):
      if value < min || value > max { try fail("out of range", expected) }
      return value
    }
  }

  /// Parses a finite number in a range, calling `fail(message, expected)` on
  /// a bad value.
  static func number(
    _ text: String, min: Double, max: Double, exclusiveMin: Bool,
    fail: (String, String) throws(LifeError) -> Never
  ) throws(LifeError) -> Double {
    let expected = NumberText.rangeText(
      kind: "a number", min: min == -.greatestFiniteMagnitude ? nil : JSONFormat.number(min),
      max: max == .greatestFiniteMagnitude ? nil : JSONFormat.number(max),
      exclusiveMin: exclusiveMin)
    switch NumberText.number(text) {
    case .failure(let failure): try fail(failure.message, expected)
    case .success(let value):
      let tooLow = exclusiveMin ? value <= min : value < min
      if tooLow || value > max { try fail("out of range", expected) }
      return value
    }
  }
}
