import Trace

/// Builds a compact JSON object for an event's `args`, member by member,
/// with deterministic number text.
struct TraceArgs {
  private(set) var text = "{"
  private var empty = true

  private mutating func key(_ name: String) {
    if !empty { text += "," }
    empty = false
    JSONFormat.appendString(name, into: &text)
    text += ":"
  }

  /// A number member (null when not finite).
  mutating func number(_ name: String, _ value: Double) {
    key(name)
    text += JSONFormat.number(value)
  }

  /// An integer member.
  mutating func int(_ name: String, _ value: Int) {
    key(name)
    text += String(value)
  }

  /// A string member, escaped.
  mutating func string(_ name: String, _ value: String) {
    key(name)
    JSONFormat.appendString(value, into: &text)
  }

  /// A boolean member.
  mutating func bool(_ name: String, _ value: Bool) {
    key(name)
    text += value ? "true" : "false"
  }

  /// The finished object.
  var json: String { text + "}" }
}
