/// One llama-bench test as read from its output, before it is interpreted:
/// each field's text under llama-bench's field name (`n_prompt`, `avg_ts`,
/// `backends`), and where it came from, for errors.
struct LlamaBenchRecord: Sendable, Equatable {
  /// Field text by llama-bench field name, trimmed: JSON numbers as written,
  /// JSON booleans as `true`/`false`; absent fields and JSON nulls are
  /// missing.
  var fields: [String: String]
  /// The name a field has in the file, where that differs from its field
  /// name: markdown's columns (`t/s` for avg_ts, `ngl` for n_gpu_layers,
  /// `test` for n_prompt, n_gen and n_depth).
  var labels: [String: String] = [:]
  /// The 1-based line of the row, or of the line its JSON object starts on.
  var line: Int
  /// The output it came from.
  var format: MeasurementsFormat

  /// The text of `field`; nil when absent or empty.
  subscript(_ field: String) -> String? {
    guard let text = fields[field], !text.isEmpty else { return nil }
    return text
  }

  /// Where `field` is, for errors: `line 4, column t/s`, or for JSON
  /// `line 12, key avg_ts`.
  func place(_ field: String) -> String {
    let label = labels[field] ?? field
    switch format {
    case .benchJSON, .benchJSONL: return "line \(line), key \(label)"
    default: return "line \(line), column \(label)"
    }
  }
}
