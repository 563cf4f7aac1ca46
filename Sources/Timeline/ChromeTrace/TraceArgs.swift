import Trace

/// Builds a compact JSON object for an event's `args`, member by member,
/// with deterministic number text, as UTF-8 bytes.
struct TraceArgs: ~Copyable {
  private var text = ByteText(capacity: 256)
  private var empty = true

  init() {
    text.append("{")
  }

  /// The members of an object already begun elsewhere: no opening brace,
  /// and the first member is preceded by a comma.
  init(continuing: Void) {
    empty = false
  }

  /// Starts a member: its key and colon (the value is written by the
  /// caller).
  mutating func key(_ name: StaticString) {
    if empty {
      empty = false
    } else {
      text.append(",")
    }
    // Keys are plain ASCII literals: quoted as they are.
    text.append("\"")
    text.append(name)
    text.append("\":")
  }

  /// A number member (null when not finite).
  mutating func number(_ name: StaticString, _ value: Double) {
    key(name)
    text.appendNumber(value)
  }

  /// An integer member.
  mutating func int(_ name: StaticString, _ value: Int) {
    key(name)
    text.appendInt(value)
  }

  /// A string member, escaped.
  mutating func string(_ name: StaticString, _ value: String) {
    key(name)
    text.appendQuoted(value)
  }

  /// A string member given as its JSON literal (quoted and escaped).
  mutating func quoted(_ name: StaticString, _ literal: [UInt8]) {
    key(name)
    text.append(bytes: literal)
  }

  /// A boolean member.
  mutating func bool(_ name: StaticString, _ value: Bool) {
    key(name)
    text.append(value ? "true" : "false")
  }

  /// The finished object as bytes.
  var bytes: [UInt8] {
    var out = text.bytes
    out.append(0x7D)
    return out
  }

  /// The text so far, with no closing brace.
  var openBytes: [UInt8] { text.bytes }

  /// The finished object as text.
  var json: String { String(decoding: bytes, as: UTF8.self) }
}
