import Trace

/// A measurement corpus: published measurements of LLM inference, one row
/// per metric, each with its source (docs/accuracy.md). The binary carries
/// `traces/measurements/corpus.csv` (``bundled``); `life validate --corpus`
/// reads another file of the same format.
package struct Corpus: Sendable {
  /// The columns, in order: the header a corpus file must have.
  package static let columns = [
    "id", "source", "url", "locator", "device", "runtime", "build", "model", "weights", "kv",
    "flash_attn", "batch", "ubatch", "threads", "prompt", "generate", "depth", "metric", "value",
    "note",
  ]
  /// The most rows a corpus may hold.
  package static let maxRows = 1_000_000

  /// The rows, in file order.
  package var rows: [CorpusRow]
  /// The file it was read from; nil for the bundled corpus.
  package var file: String?

  /// The corpus compiled into the binary.
  package static let bundled: Corpus = {
    // The bundled text is the repository's corpus, checked by a test.
    (try? Corpus.parse(bundledText, file: nil)) ?? Corpus(rows: [], file: nil)
  }()

  /// Reads the corpus file at `path`.
  package static func read(path: String) throws(LifeError) -> Corpus {
    try parse(try FileInput.readText(path), file: path)
  }

  /// Parses corpus CSV text; errors name `file`, the line and the column.
  package static func parse(_ text: String, file: String?) throws(LifeError) -> Corpus {
    let table = try CSVTable(parsing: text, file: file)
    guard let header = table.records.first else {
      throw LifeError.file(
        file, path: nil, "empty corpus file",
        expected: "a header row " + columns.joined(separator: ",") + " and rows")
    }
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    guard names == columns else {
      let wrong =
        zip(names, columns).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(names.count, columns.count)
      throw LifeError.file(
        file, path: "line \(header.line), column \(wrong + 1)", "not the corpus header",
        got: "'" + header.fields.joined(separator: ",") + "'",
        expected: "exactly " + columns.joined(separator: ","))
    }
    guard table.records.count - 1 <= maxRows else {
      throw LifeError.file(
        file, path: nil, "too many rows", got: "\(table.records.count - 1)",
        expected: "at most \(maxRows)")
    }
    var rows: [CorpusRow] = []
    var ids: Set<String> = []
    for record in table.records.dropFirst() {
      let row = try CorpusRow(record: record, file: file)
      guard ids.insert(row.id).inserted else {
        throw LifeError.file(
          file, path: "line \(record.line), column id", "duplicate id", got: "'\(row.id)'",
          expected: "ids unique in the file")
      }
      rows.append(row)
    }
    return Corpus(rows: rows, file: file)
  }
}

extension CorpusRow {
  /// Parses one record of a corpus file.
  init(record: CSVTable.Record, file: String?) throws(LifeError) {
    let line = record.line
    guard record.fields.count == Corpus.columns.count else {
      throw LifeError.file(
        file, path: "line \(line)", "wrong number of fields", got: "\(record.fields.count)",
        expected: "\(Corpus.columns.count), one per header column")
    }
    var cells: [String: String] = [:]
    for (name, value) in zip(Corpus.columns, record.fields) {
      cells[name] = value.trimmingCharacters(in: .whitespaces)
    }
    func place(_ column: String) -> String { "line \(line), column \(column)" }
    func text(_ column: String) -> String? {
      guard let t = cells[column], !t.isEmpty else { return nil }
      return t
    }
    func required(_ column: String) throws(LifeError) -> String {
      guard let t = text(column) else {
        throw LifeError.file(file, path: place(column), "empty value", expected: "a value")
      }
      return t
    }
    func integer(_ column: String, min: Int) throws(LifeError) -> Int? {
      guard let t = text(column) else { return nil }
      guard case .success(let v) = NumberText.integer(t), v >= min, v <= 1 << 40 else {
        throw LifeError.file(
          file, path: place(column), "not an integer in range", got: "'\(t)'",
          expected: "an integer from \(min) to 2^40")
      }
      return v
    }
    let metricText = try required("metric")
    guard let metric = CorpusMetric(rawValue: metricText) else {
      let names = CorpusMetric.allCases.map(\.rawValue)
      throw LifeError.file(
        file, path: place("metric"), "unknown metric", got: "'\(metricText)'",
        expected: "one of " + names.joined(separator: ", "),
        suggestion: DidYouMean.suggest(metricText, among: names))
    }
    let valueText = try required("value")
    guard case .success(let value) = NumberText.number(valueText), value > 0, value < 1e15
    else {
      throw LifeError.file(
        file, path: place("value"), "not a positive number", got: "'\(valueText)'",
        expected: "a decimal number > 0 in the metric's unit")
    }
    var flash: Bool?
    if let t = text("flash_attn") {
      switch t {
      case "1": flash = true
      case "0": flash = false
      default:
        throw LifeError.file(
          file, path: place("flash_attn"), "not 0 or 1", got: "'\(t)'", expected: "0, 1 or empty")
      }
    }
    self.init(
      id: try required("id"), source: try required("source"), url: text("url") ?? "",
      locator: text("locator") ?? "", device: try required("device"),
      runtime: try required("runtime"), build: text("build"), model: try required("model"),
      weights: text("weights"), kv: text("kv"), flashAttention: flash,
      batch: try integer("batch", min: 1), ubatch: try integer("ubatch", min: 1),
      threads: try integer("threads", min: 1), prompt: try integer("prompt", min: 0),
      generate: try integer("generate", min: 0), depth: try integer("depth", min: 0),
      metric: metric, value: value, note: text("note") ?? "", line: line)
  }
}
