/// The formats `life calibrate --measurements` reads, recognised by their
/// content (``MeasurementsFile/detect(_:)``), whatever the file is called.
package enum MeasurementsFormat: String, Sendable, Equatable, CaseIterable {
  /// LIFE's own measurements CSV (`metric,value,prompt,generate,...`).
  case lifeCSV = "measurements CSV"
  /// llama-bench `-o csv`: a header of field names, one quoted row per test.
  case benchCSV = "llama-bench csv"
  /// llama-bench `-o json`: an array of one object per test.
  case benchJSON = "llama-bench json"
  /// llama-bench `-o jsonl`: one object per line.
  case benchJSONL = "llama-bench jsonl"
  /// llama-bench `-o md` (its default): a markdown table.
  case benchMarkdown = "llama-bench md"

  /// Whether it is llama-bench output.
  package var isLlamaBench: Bool { self != .lifeCSV }
}
