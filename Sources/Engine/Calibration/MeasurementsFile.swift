import Foundation
import Trace

/// The measurements `life calibrate` reads: LIFE's measurements CSV
/// (``MeasurementsCSV``) or llama-bench's own output (``LlamaBenchOutput``),
/// told apart by content, whatever the file is called.
package enum MeasurementsFile {
  /// Reads and parses the file at `path`. `runtime`, when given, is the
  /// runtime of every llama-bench test (instead of what its backends imply)
  /// and of every CSV row without a `runtime`.
  package static func read(path: String, runtime: String? = nil) throws(LifeError)
    -> [Measurement]
  {
    let text = try FileInput.readText(path)
    return try parse(text, file: path, runtime: runtime)
  }

  /// Parses measurements from `text`; `file` names the source in errors.
  package static func parse(_ text: String, file: String?, runtime: String? = nil)
    throws(LifeError) -> [Measurement]
  {
    if text.unicodeScalars.contains("\u{0}") {
      throw LifeError.file(
        file, path: nil, "not a text file: it contains binary data (a NUL byte)",
        expected: "a measurements CSV or llama-bench output")
    }
    let (format, start) = try detect(text, file: file)
    guard format.isLlamaBench else {
      var rows = try MeasurementsCSV.parse(text, file: file)
      if let runtime {
        for i in rows.indices where rows[i].runtime == nil { rows[i].runtime = runtime }
      }
      return rows
    }
    return try LlamaBenchOutput.parse(
      text, format: format, start: start, file: file, runtime: runtime)
  }

  /// The format of `text` and the 0-based line its content starts on. A
  /// first line naming a `metric` column is LIFE's CSV; otherwise the first
  /// line that is a llama-bench csv header (`...,n_prompt,n_gen,...,avg_ts`),
  /// a markdown table header (`| model | ... | test | t/s |`), `[` (json) or
  /// `{` (jsonl) says which output it is, and the lines before it are what
  /// the libraries print. Anything else is read as LIFE's CSV, whose errors
  /// say what it lacks. llama-bench's sql output is refused.
  package static func detect(_ text: String, file: String?) throws(LifeError) -> (
    format: MeasurementsFormat, line: Int
  ) {
    let lines = LlamaBenchOutput.Lines(text)
    var first = true
    for i in 0..<lines.count {
      let line = lines.text(i)
      if line.isEmpty { continue }
      let names = LlamaBenchOutput.csvNames(line)
      if first && names.contains("metric") { return (.lifeCSV, 0) }
      first = false
      if LlamaBenchOutput.isJSONArrayStart(line) { return (.benchJSON, i) }
      if line.hasPrefix("{") { return (.benchJSONL, i) }
      if line.hasPrefix("|"),
        LlamaBenchOutput.isMarkdownHeader(LlamaBenchOutput.markdownCells(line))
      {
        return (.benchMarkdown, i)
      }
      if LlamaBenchOutput.isCSVHeader(names) { return (.benchCSV, i) }
      let upper = line.uppercased()
      if upper.hasPrefix("CREATE TABLE") || upper.hasPrefix("INSERT INTO") {
        throw LifeError.file(
          file, path: "line \(i + 1)", "llama-bench's sql output is not read",
          expected: "its csv, json, jsonl or md output")
      }
    }
    return (.lifeCSV, 0)
  }
}
