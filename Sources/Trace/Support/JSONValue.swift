/// A JSON document held in memory, with object members in the order they were
/// written (so output built from it is deterministic).
public enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, kept as its source text and its value.
  case number(JSONNumber)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object: members in order; keys are unique.
  case object([(key: String, value: JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a.value == b.value
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }

  /// The JSON type's name, for error messages.
  package var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// A short rendering of the value for `(got ...)` in error messages.
  package var brief: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return n.text
    case .string(let s):
      let clipped = s.count > 60 ? String(s.prefix(57)) + "..." : s
      return "'" + clipped + "'"
    case .array(let a): return "an array of \(a.count)"
    case .object: return "an object"
    }
  }

  /// The value of `key` in an object, or nil.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first(where: { $0.key == key })?.value
  }
}

/// A JSON number: its text as written and its value as a Double.
public struct JSONNumber: Sendable, Equatable {
  /// The number as written in the source (or as it will be written).
  public var text: String
  /// The value, possibly rounded; infinite when the text overflows a Double.
  public var value: Double

  /// A number parsed from source text.
  package init(text: String, value: Double) {
    self.text = text
    self.value = value
  }

  /// A number for output; the text is ``JSONFormat/number(_:)``'s.
  package init(_ value: Double) {
    self.value = value
    self.text = JSONFormat.number(value)
  }

  /// The value as an exact integer, if the text is an integer that fits in
  /// 64 bits.
  package var exactInt: Int64? {
    if let v = Int64(text) { return v }
    // Accept integral values written with a fraction or exponent (e.g. 4096.0, 1e3).
    if value.isFinite, value == value.rounded(), abs(value) < 9.2e18 { return Int64(value) }
    return nil
  }
}

extension JSONValue {
  /// A number value for output.
  package static func num(_ value: Double) -> JSONValue { .number(JSONNumber(value)) }
  /// An integer value for output.
  package static func int(_ value: Int) -> JSONValue {
    .number(JSONNumber(text: String(value), value: Double(value)))
  }
  /// A number, or `null` when absent.
  package static func num(_ value: Double?) -> JSONValue {
    guard let value else { return .null }
    return .num(value)
  }
  /// A string, or `null` when absent.
  package static func str(_ value: String?) -> JSONValue {
    guard let value else { return .null }
    return .string(value)
  }
}
