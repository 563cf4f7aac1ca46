import Foundation
import Trace

extension LlamaBenchOutput {
  /// The tests of `-o csv` output whose header is on 0-based line `start`.
  /// A later header line (output of another run appended to the file)
  /// starts a new table; a row whose values do not match its header's names
  /// is an error naming the first column that differs.
  static func csvRecords(_ lines: Lines, from start: Int, file: String?) throws(LifeError)
    -> [LlamaBenchRecord]
  {
    // The lines before the header become blank lines, which the CSV reader
    // skips, so its line numbers are the file's.
    let offset = start < lines.count ? lines.starts[start] : lines.bytes.count
    let text =
      String(repeating: "\n", count: start)
      + String(decoding: lines.bytes[offset...], as: UTF8.self)
    let table = try CSVTable(parsing: text, file: file)
    var header: (names: [String], line: Int)?
    var records: [LlamaBenchRecord] = []
    for record in table.records {
      let names = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      if isCSVHeader(names) {
        header = (names, record.line)
        continue
      }
      guard let header else { continue }
      try checkWidth(
        values: record.fields.count, names: header.names, line: record.line,
        headerLine: header.line, file: file)
      var fields: [String: String] = [:]
      for (name, value) in zip(header.names, record.fields) {
        fields[name] = value.trimmingCharacters(in: .whitespaces)
      }
      records.append(LlamaBenchRecord(fields: fields, line: record.line, format: .benchCSV))
    }
    return records
  }

  /// Refuses a row with more or fewer values than its header has names,
  /// naming the first column without a partner: a header from one
  /// llama-bench version over rows of another, or a row cut short.
  static func checkWidth(
    values: Int, names: [String], line: Int, headerLine: Int, file: String?
  ) throws(LifeError) {
    guard values != names.count else { return }
    let column = min(values, names.count) + 1
    let what =
      values > names.count
      ? "column \(column) has a value but no name in the header"
      : "no value for column \(column) ('\(names[values])')"
    throw LifeError.file(
      file, path: "line \(line), column \(column)",
      "the row does not match the header on line \(headerLine): " + what,
      got: "\(values) values", expected: "\(names.count), one per name in the header")
  }
}
