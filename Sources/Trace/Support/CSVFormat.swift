/// RFC 4180 CSV text with deterministic number formatting.
package enum CSVFormat {
  /// One CSV field: quoted when it holds a comma, a quote or a line break.
  /// A text cell a spreadsheet would run as a formula (it starts with `=`,
  /// `+`, `-`, `@`, a tab or a carriage return, and is not a number) gets a
  /// leading `'`, as OWASP's CSV-injection guidance recommends; numbers
  /// (`-1.5`, `+3`) are written as they are.
  package static func field(_ s: String) -> String {
    let text = neutralised(s)
    if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return text
  }

  /// `s` with a leading `'` when a spreadsheet would read it as a formula.
  package static func neutralised(_ s: String) -> String {
    guard let first = s.utf8.first, formulaStarts.contains(first) else { return s }
    if case .success = NumberText.number(s) { return s }
    return "'" + s
  }

  /// The first bytes that make a spreadsheet cell a formula: `=`, `+`, `-`,
  /// `@`, tab, carriage return.
  static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

  /// A number as ``JSONFormat/number(_:)`` prints it; empty for non-finite.
  package static func number(_ value: Double) -> String {
    value.isFinite ? JSONFormat.number(value) : ""
  }

  /// One CSV line, terminated by `\n`.
  package static func line(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\n"
  }
}
