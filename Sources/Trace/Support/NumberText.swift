/// The one parser of integer and number text: flag values, scenario
/// strings, sweep values and CSV cells all go through it.
///
/// An integer is an optional `-` and ASCII digits, nothing else (no `+`,
/// no spaces, no other digits). A number is an optional sign, digits with
/// an optional decimal point, and an optional exponent; `nan`, `inf` and
/// hexadecimal forms are not numbers.
package enum NumberText {
  /// Why text is not the value wanted.
  package enum Failure: Error, Sendable, Equatable {
    /// Not an integer at all.
    case notAnInteger
    /// Digits, but beyond the 64-bit range.
    case integerTooLarge
    /// Not a number at all.
    case notANumber
    /// A number beyond the double range.
    case notFinite

    /// The message errors give.
    package var message: String {
      switch self {
      case .notAnInteger: return "not an integer"
      case .integerTooLarge: return "integer too large"
      case .notANumber: return "not a number"
      case .notFinite: return "not a finite number"
      }
    }
  }

  /// The integer `text` spells.
  package static func integer(_ text: String) -> Result<Int, Failure> {
    let bytes = Array(text.utf8)
    let digits = bytes.first == UInt8(ascii: "-") ? bytes.dropFirst() : bytes[...]
    guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
      return .failure(.notAnInteger)
    }
    guard let value = Int(text) else { return .failure(.integerTooLarge) }
    return .success(value)
  }

  /// The finite number `text` spells.
  package static func number(_ text: String) -> Result<Double, Failure> {
    guard isDecimal(Array(text.utf8)[...]), let value = Double(text) else {
      return .failure(.notANumber)
    }
    guard value.isFinite else { return .failure(.notFinite) }
    return .success(value)
  }

  /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
  static func isDecimal(_ text: ArraySlice<UInt8>) -> Bool {
    var rest = text
    func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    func digits() -> Int {
      var n = 0
      while let c = rest.first, isDigit(c) {
        rest = rest.dropFirst()
        n += 1
      }
      return n
    }
    if let c = rest.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
      rest = rest.dropFirst()
    }
    var mantissa = digits()
    if rest.first == UInt8(ascii: ".") {
      rest = rest.dropFirst()
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if let c = rest.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
      rest = rest.dropFirst()
      if let s = rest.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
        rest = rest.dropFirst()
      }
      guard digits() > 0 else { return false }
    }
    return rest.isEmpty
  }

  /// `an integer ≥ 1`, `a number in (0, 1]` and the like.
  package static func rangeText(kind: String, min: String?, max: String?, exclusiveMin: Bool)
    -> String
  {
    switch (min, max) {
    case (let lo?, let hi?): return "\(kind) in \(exclusiveMin ? "(" : "[")\(lo), \(hi)]"
    case (let lo?, nil): return "\(kind) \(exclusiveMin ? ">" : "≥") \(lo)"
    case (nil, let hi?): return "\(kind) ≤ \(hi)"
    case (nil, nil): return kind
    }
  }
}
