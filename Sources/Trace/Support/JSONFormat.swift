/// Deterministic JSON text: fixed member order (as built), two-space
/// indentation, and numbers that print the same digits on every run and never
/// as NaN or infinity.
public enum JSONFormat {
  /// The text of a finite number: integral values below 2^53 as plain
  /// integers, others in Swift's shortest round-trip form (which is valid
  /// JSON). Non-finite values print as `null`; writers that must refuse them
  /// use ``checkFinite(_:path:)`` first.
  package static func number(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
      if value == 0 { return "0" }
      return String(Int64(value))
    }
    return "\(value)"
  }

  /// Throws when `value` holds a NaN or an infinity anywhere, naming its
  /// path (inside `file`, when the value was read from one).
  package static func checkFinite(_ value: JSONValue, file: String? = nil, path: String = "")
    throws(LifeError)
  {
    // The walk builds no path text; only a failure spells out where.
    guard let (bad, where_) = firstNonFinite(value) else { return }
    throw nonFinite(bad, file: file, path: path, inner: where_)
  }

  /// The error for the non-finite `bad` at `inner` (innermost part first)
  /// below `path`.
  static func nonFinite(_ bad: Double, file: String?, path: String, inner: [PathPart])
    -> LifeError
  {
    var full = path
    for part in inner.reversed() {
      switch part {
      case .index(let i): full += "[\(i)]"
      case .key(let k): full = full.isEmpty ? k : full + "." + k
      }
    }
    return LifeError(
      .failure, at: ErrorLocation(file: file, path: full.isEmpty ? nil : full),
      file == nil ? "a computed value is not finite" : "number out of range", got: "\(bad)",
      expected: "a finite number")
  }

  enum PathPart {
    case index(Int)
    case key(String)
  }

  /// The first non-finite number in document order and its path, innermost
  /// part first.
  static func firstNonFinite(_ value: JSONValue) -> (Double, [PathPart])? {
    switch value {
    case .number(let n):
      return n.value.isFinite ? nil : (n.value, [])
    case .array(let items):
      for (i, item) in items.enumerated() {
        if case .number(let n) = item, n.value.isFinite { continue }
        if var found = firstNonFinite(item) {
          found.1.append(.index(i))
          return found
        }
      }
      return nil
    case .object(let members):
      for member in members {
        if case .number(let n) = member.value, n.value.isFinite { continue }
        if var found = firstNonFinite(member.value) {
          found.1.append(.key(member.key))
          return found
        }
      }
      return nil
    default:
      return nil
    }
  }

  /// Serialises a value. `pretty` indents with two spaces and one member per
  /// line; otherwise the text is compact.
  public static func text(_ value: JSONValue, pretty: Bool = true) -> String {
    // Written as UTF-8 bytes and decoded once: far cheaper than growing a
    // String token by token.
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    write(value, into: &out, indent: pretty ? 0 : -1)
    if pretty { out.append(0x0A) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the JSON string literal for `s`, escaping quotes, backslashes and
  /// every control character.
  package static func appendString(_ s: String, into out: inout String) {
    // Plain printable ASCII, the common case, goes in whole.
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
      out += "\""
      out += s
      out += "\""
      return
    }
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }

  /// The JSON string literal for `s`.
  package static func quoted(_ s: String) -> String {
    var out = ""
    appendString(s, into: &out)
    return out
  }

  static func newline(_ out: inout [UInt8], _ indent: Int) {
    guard indent >= 0 else { return }
    out.append(0x0A)
    for _ in 0..<indent {
      out.append(0x20)
      out.append(0x20)
    }
  }

  static func append(_ s: String, into out: inout [UInt8]) {
    out.append(contentsOf: s.utf8)
  }

  static func appendString(_ s: String, into out: inout [UInt8]) {
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
      out.append(0x22)
      out.append(contentsOf: s.utf8)
      out.append(0x22)
    } else {
      var text = ""
      appendString(s, into: &text)
      out.append(contentsOf: text.utf8)
    }
  }

  static func write(_ value: JSONValue, into out: inout [UInt8], indent: Int) {
    var finite = true
    write(value, into: &out, indent: indent, finite: &finite)
  }

  /// Appends `value`'s text; a non-finite number prints as `null` and sets
  /// `finite` to false.
  static func write(_ value: JSONValue, into out: inout [UInt8], indent: Int, finite: inout Bool) {
    switch value {
    case .null: append("null", into: &out)
    case .bool(let b): append(b ? "true" : "false", into: &out)
    case .number(let n):
      if n.value.isFinite {
        append(n.text, into: &out)
      } else {
        finite = false
        append("null", into: &out)
      }
    case .string(let s): appendString(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        append("[]", into: &out)
        return
      }
      // Arrays of scalars stay on one line: long numeric series stay readable.
      let flat = items.allSatisfy {
        switch $0 {
        case .array, .object: return false
        default: return true
        }
      }
      out.append(0x5B)  // [
      for (i, item) in items.enumerated() {
        if i > 0 {
          out.append(0x2C)  // ,
          if indent >= 0 && flat { out.append(0x20) }
        }
        if !flat { newline(&out, indent >= 0 ? indent + 1 : -1) }
        write(item, into: &out, indent: indent >= 0 ? indent + 1 : -1, finite: &finite)
      }
      if !flat { newline(&out, indent) }
      out.append(0x5D)  // ]
    case .object(let members):
      if members.isEmpty {
        append("{}", into: &out)
        return
      }
      out.append(0x7B)  // {
      for (i, member) in members.enumerated() {
        if i > 0 { out.append(0x2C) }
        newline(&out, indent >= 0 ? indent + 1 : -1)
        appendString(member.key, into: &out)
        out.append(0x3A)  // :
        if indent >= 0 { out.append(0x20) }
        write(member.value, into: &out, indent: indent >= 0 ? indent + 1 : -1, finite: &finite)
      }
      newline(&out, indent)
      out.append(0x7D)  // }
    }
  }
}
