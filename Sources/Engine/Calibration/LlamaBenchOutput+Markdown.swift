import Foundation
import Trace

extension LlamaBenchOutput {
  /// Markdown column names that differ from the field they show
  /// (llama-bench's `get_field_display_name`, and the first version's long
  /// names); other columns go by their own name.
  static let markdownFields: [String: String] = [
    "model": "model_type", "backend": "backends", "ngl": "n_gpu_layers",
    "threads": "n_threads", "fa": "flash_attn", "t/s": "avg_ts",
  ]

  /// The cells of a markdown table row (`| a | b |` → `a`, `b`), trimmed.
  static func markdownCells(_ line: String) -> [String] {
    var cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    if cells.first == "" { cells.removeFirst() }
    if cells.last == "" { cells.removeLast() }
    return cells
  }

  /// Whether markdown cells are a llama-bench table's header: a `t/s`
  /// column and the test (`test`, or in the first version `n_prompt` and
  /// `n_gen`).
  static func isMarkdownHeader(_ cells: [String]) -> Bool {
    let names = Set(cells.map { $0.lowercased() })
    return names.contains("t/s")
      && (names.contains("test") || (names.contains("n_prompt") && names.contains("n_gen")))
  }

  /// The tests of the markdown tables from 0-based line `start`: each header,
  /// its `---` line, its rows; the `build: <commit> (<number>)` line after a
  /// table gives its rows' build number.
  static func markdownRecords(_ lines: Lines, from start: Int, file: String?) throws(LifeError)
    -> [LlamaBenchRecord]
  {
    var records: [LlamaBenchRecord] = []
    var table: [LlamaBenchRecord] = []
    var header: (cells: [String], line: Int)?
    for i in start..<lines.count {
      let text = lines.text(i)
      guard text.hasPrefix("|") else {
        header = nil
        if let build = buildNumber(text) {
          for j in table.indices { table[j].fields["build_number"] = build }
        }
        if !text.isEmpty {
          records += table
          table = []
        }
        continue
      }
      let cells = markdownCells(text)
      if isMarkdownHeader(cells) {
        records += table
        table = []
        header = (cells, i + 1)
        continue
      }
      guard let columns = header else { continue }
      if cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 == "-" || $0 == ":" } }) {
        continue
      }
      try checkWidth(
        values: cells.count, names: columns.cells, line: i + 1, headerLine: columns.line,
        file: file)
      table.append(try markdownRecord(cells, columns: columns.cells, line: i + 1, file: file))
    }
    return records + table
  }

  /// One table row as a record: `test` becomes n_prompt, n_gen and n_depth,
  /// `t/s` (`2368.80 ± 93.24`) the mean.
  static func markdownRecord(_ cells: [String], columns: [String], line: Int, file: String?)
    throws(LifeError) -> LlamaBenchRecord
  {
    var record = LlamaBenchRecord(fields: [:], line: line, format: .benchMarkdown)
    for (column, cell) in zip(columns, cells) {
      let lowered = column.lowercased()
      if lowered == "test" {
        guard let test = LlamaBenchNames.test(named: cell) else {
          throw LifeError.file(
            file, path: "line \(line), column \(column)", "unknown test name", got: "'\(cell)'",
            expected: "ppN, tgN or ppN+tgM (llama-bench's tests), optionally with ' @ dD'")
        }
        record.fields["n_prompt"] = test.prompt
        record.fields["n_gen"] = test.generate
        record.fields["n_depth"] = test.depth
        for field in ["n_prompt", "n_gen", "n_depth"] { record.labels[field] = column }
        continue
      }
      let field = markdownFields[lowered] ?? lowered
      var value = cell
      if field == "avg_ts", let plusMinus = cell.firstIndex(of: "±") {
        value = cell[..<plusMinus].trimmingCharacters(in: .whitespaces)
      }
      record.fields[field] = value
      if field != lowered { record.labels[field] = column }
    }
    return record
  }

  /// The number of a `build: 3469684 (1275)` line, or nil.
  static func buildNumber(_ line: String) -> String? {
    guard line.hasPrefix("build:"), let open = line.lastIndex(of: "("),
      let close = line.lastIndex(of: ")"), open < close
    else { return nil }
    let number = line[line.index(after: open)..<close]
    return !number.isEmpty && number.allSatisfy({ $0.isASCII && $0.isNumber })
      ? String(number) : nil
  }
}
