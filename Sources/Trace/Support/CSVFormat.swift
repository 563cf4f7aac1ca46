/// RFC 4180 CSV text with deterministic number formatting.
package enum CSVFormat {
  /// One CSV field: quoted when it holds a comma, a quote or a line break.
  package static func field(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }

  /// A number as ``JSONFormat/number(_:)`` prints it; empty for non-finite.
  package static func number(_ value: Double) -> String {
    value.isFinite ? JSONFormat.number(value) : ""
  }

  /// One CSV line, terminated by `\n`.
  package static func line(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\n"
  }
}
