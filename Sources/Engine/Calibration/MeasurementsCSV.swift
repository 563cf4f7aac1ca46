import Foundation
import Trace

/// The measurements file `life calibrate` reads (CONTRACT.md, "Measurements
/// CSV"): a header row, required columns `metric,value,prompt,generate`,
/// optional `weights,kv,batch,model,activations,runtime,flash_attn,depth`,
/// one measurement per row.
package enum MeasurementsCSV {
  /// Columns every file must have.
  package static let requiredColumns = ["metric", "value", "prompt", "generate"]
  /// Columns a file may have.
  package static let optionalColumns = [
    "weights", "kv", "batch", "model", "activations", "runtime", "flash_attn", "depth",
  ]
  /// The optional columns that set a workload option, by column name.
  static let overrideColumns: [String: WorkloadOption] = [
    "weights": .weights, "kv": .kv, "activations": .activations,
  ]

  /// Reads and parses the file at `path`.
  package static func read(path: String) throws(LifeError) -> [Measurement] {
    let text = try FileInput.readText(path)
    return try parse(text, file: path)
  }

  /// Parses measurements from CSV text; `file` names the source in errors.
  package static func parse(_ text: String, file: String?) throws(LifeError) -> [Measurement] {
    let table = try CSVTable(parsing: text, file: file)
    guard let header = table.records.first else {
      throw LifeError.file(
        file, path: nil, "empty measurements file",
        expected: "a header row with " + requiredColumns.joined(separator: ",") + " and rows")
    }
    let known = requiredColumns + optionalColumns
    var columns: [String] = []
    for (i, raw) in header.fields.enumerated() {
      let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
      let place = "line \(header.line), column \(i + 1)"
      guard known.contains(name) else {
        throw LifeError.file(
          file, path: place, "unknown column", got: "'\(raw)'",
          expected: "one of " + known.joined(separator: ", "),
          suggestion: DidYouMean.suggest(name, among: known))
      }
      if columns.contains(name) {
        throw LifeError.file(file, path: place, "duplicate column", got: "'\(raw)'")
      }
      columns.append(name)
    }
    for name in requiredColumns where !columns.contains(name) {
      throw LifeError.file(
        file, path: "line \(header.line)", "missing column '\(name)'",
        got: "'" + header.fields.joined(separator: ",") + "'",
        expected: "the columns " + requiredColumns.joined(separator: ","))
    }
    let rows = table.records.dropFirst()
    guard !rows.isEmpty else {
      throw LifeError.file(
        file, path: nil, "no measurements: the file has a header but no rows",
        expected: "at least one row")
    }
    var result: [Measurement] = []
    for record in rows {
      result.append(try measurement(record, columns: columns, file: file))
    }
    return result
  }

  static func measurement(_ record: CSVTable.Record, columns: [String], file: String?)
    throws(LifeError) -> Measurement
  {
    let line = record.line
    guard record.fields.count == columns.count else {
      throw LifeError.file(
        file, path: "line \(line)", "wrong number of fields",
        got: "\(record.fields.count)", expected: "\(columns.count), one per header column")
    }
    var cells: [String: String] = [:]
    for (name, value) in zip(columns, record.fields) {
      cells[name] = value.trimmingCharacters(in: .whitespaces)
    }
    func place(_ column: String) -> String { "line \(line), column \(column)" }
    func required(_ column: String) throws(LifeError) -> String {
      guard let text = cells[column], !text.isEmpty else {
        throw LifeError.file(file, path: place(column), "empty value", expected: "a value")
      }
      return text
    }
    func integer(_ column: String, min: Int, text: String) throws(LifeError) -> Int {
      let value: Int
      switch NumberText.integer(text) {
      case .success(let v): value = v
      case .failure(let failure):
        throw LifeError.file(
          file, path: place(column), failure.message, got: "'\(text)'",
          expected: "an integer ≥ \(min)")
      }
      guard value >= min else {
        throw LifeError.file(
          file, path: place(column), "out of range", got: "'\(text)'",
          expected: "an integer ≥ \(min)")
      }
      return value
    }

    let metricText = try required("metric")
    guard let metric = MeasurementMetric(rawValue: metricText.lowercased()) else {
      let names = MeasurementMetric.allCases.map(\.rawValue)
      throw LifeError.file(
        file, path: place("metric"), "unknown metric", got: "'\(metricText)'",
        expected: "one of " + names.joined(separator: ", "),
        suggestion: DidYouMean.suggest(metricText, among: names))
    }
    let valueText = try required("value")
    let expectedValue = "a positive number in the metric's unit (ms or tokens/s)"
    let value: Double
    switch NumberText.number(valueText) {
    case .success(let v): value = v
    case .failure(let failure):
      throw LifeError.file(
        file, path: place("value"), failure.message, got: "'\(valueText)'",
        expected: expectedValue)
    }
    guard value > 0 else {
      throw LifeError.file(
        file, path: place("value"), value < 0 ? "negative value" : "value must be positive",
        got: "'\(valueText)'", expected: expectedValue)
    }
    let prompt = try integer("prompt", min: 0, text: try required("prompt"))
    let generate = try integer("generate", min: 0, text: try required("generate"))
    var batch = 1
    if let text = cells["batch"], !text.isEmpty {
      batch = try integer("batch", min: 1, text: text)
    }
    if metric.needsPrompt && prompt < 1 {
      throw LifeError.file(
        file, path: place("prompt"), "a \(metric.rawValue) row needs a prompt",
        got: "'\(prompt)'", expected: "an integer ≥ 1")
    }
    if metric.needsDecode && generate < 1 {
      throw LifeError.file(
        file, path: place("generate"), "a \(metric.rawValue) row needs decode steps",
        got: "'\(generate)'", expected: "an integer ≥ 1")
    }
    var model: String?
    if let text = cells["model"], !text.isEmpty { model = text }
    var runtime: String?
    if let text = cells["runtime"], !text.isEmpty { runtime = text }
    var flashAttention: Bool?
    if let text = cells["flash_attn"], !text.isEmpty {
      guard let value = onOff(text) else {
        throw LifeError.file(
          file, path: place("flash_attn"), "invalid value", got: "'\(text)'",
          expected: "on or off (also true/false, 1/0), or empty for the runtime's default")
      }
      flashAttention = value
    }
    var depth = 0
    if let text = cells["depth"], !text.isEmpty {
      depth = try integer("depth", min: 0, text: text)
      let limit = WorkloadOption.prompt.maximum
      if let limit, depth > limit.value {
        throw LifeError.file(
          file, path: place("depth"), "too large", got: "'\(text)'",
          expected: "at most \(limit.text) tokens")
      }
    }
    var overrides: [WorkloadSetting] = []
    for name in columns {
      guard let option = overrideColumns[name], let text = cells[name], !text.isEmpty else {
        continue
      }
      overrides.append(try option.parse(text, at: .csv(file, line: line, column: name)))
    }
    return Measurement(
      metric: metric, value: value, prompt: prompt, generate: generate, batch: batch,
      model: model, overrides: overrides, runtime: runtime, flashAttention: flashAttention,
      depth: depth, line: line)
  }

  /// `on`/`off`, `true`/`false`, `1`/`0` (any case) as a flag; nil for
  /// anything else.
  static func onOff(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "on", "true", "1": return true
    case "off", "false", "0": return false
    default: return nil
    }
  }
}
