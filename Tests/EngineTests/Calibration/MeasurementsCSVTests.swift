import Testing
import Trace

@testable import Engine

@Suite struct MeasurementsCSVTests {
  @Test func parsesRowsWithOptionalColumns() throws {
    let text =
      "\u{FEFF}metric,value,prompt,generate,batch,model,weights,kv\r\n"
      + "ttft_ms,1850,32,0,,llama-2-7b,bf16,\r\n"
      + "\r\n"
      + "tpot_ms,\"629.5\",32,128,2,,fp16,int8\r\n"
    let rows = try MeasurementsCSV.parse(text, file: "m.csv")
    #expect(rows.count == 2)
    #expect(
      rows[0]
        == Measurement(
          metric: .ttftMs, value: 1850, prompt: 32, generate: 0, batch: 1, model: "llama-2-7b",
          overrides: [.weights(.plain(.bf16))], line: 2))
    #expect(rows[1].line == 4)
    #expect(rows[1].batch == 2)
    #expect(rows[1].model == nil)
    #expect(rows[1].overrides.map(\.option) == [.weights, .kv])
    let options = rows[1].workloadOptions(base: WorkloadOptions(prompt: 7))
    #expect(options.prompt == 32 && options.generate == 128 && options.batch == 2)
    #expect(options.kv == .int8)
  }

  @Test func readsQuotedFieldsPerRFC4180() throws {
    let table = try CSVTable(parsing: "a,b\n\"x,\"\"y\"\"\nz\",2\n", file: nil)
    #expect(table.records.count == 2)
    #expect(table.records[1].fields == ["x,\"y\"\nz", "2"])
    #expect(table.records[1].line == 2)
    let last = try CSVTable(parsing: "a,b\n1,2", file: nil)
    #expect(last.records.last?.fields == ["1", "2"])
    let trailingEmpty = try CSVTable(parsing: "a,b\n1,\n", file: nil)
    #expect(trailingEmpty.records.last?.fields == ["1", ""])
  }

  struct BadCase: Sendable, CustomStringConvertible {
    var text: String
    var path: String?
    var message: String
    var suggestion: String? = nil
    var description: String { message }
  }

  static let header = "metric,value,prompt,generate\n"
  static let badCases: [BadCase] = [
    BadCase(text: "", path: nil, message: "empty measurements file"),
    BadCase(text: "\n\n", path: nil, message: "empty measurements file"),
    BadCase(text: header, path: nil, message: "no measurements"),
    BadCase(text: "a\u{0}b", path: nil, message: "not a text file"),
    BadCase(
      text: "metric,value,prompt\nttft_ms,1,2\n", path: "line 1",
      message: "missing column 'generate'"),
    BadCase(
      text: "metric,value,prompt,generate,bacth\n", path: "line 1, column 5",
      message: "unknown column", suggestion: "batch"),
    BadCase(
      text: "metric,value,prompt,generate,kv,kv\n", path: "line 1, column 6",
      message: "duplicate column"),
    BadCase(
      text: header + "ttft,1,32,0\n", path: "line 2, column metric", message: "unknown metric",
      suggestion: "ttft_ms"),
    BadCase(
      text: header + "ttft_ms,fast,32,0\n", path: "line 2, column value", message: "not a number"),
    BadCase(
      text: header + "ttft_ms,nan,32,0\n", path: "line 2, column value", message: "not a number"),
    BadCase(
      text: header + "ttft_ms,inf,32,0\n", path: "line 2, column value", message: "not a number"),
    BadCase(
      text: header + "ttft_ms,1e999,32,0\n", path: "line 2, column value",
      message: "not a finite number"),
    BadCase(
      text: header + "ttft_ms,-3,32,0\n", path: "line 2, column value", message: "negative value"),
    BadCase(
      text: header + "ttft_ms,0,32,0\n", path: "line 2, column value",
      message: "value must be positive"),
    BadCase(
      text: header + "ttft_ms,1,,0\n", path: "line 2, column prompt", message: "empty value"),
    BadCase(
      text: header + "ttft_ms,1,3.5,0\n", path: "line 2, column prompt", message: "not an integer"),
    BadCase(
      text: header + "ttft_ms,1,-1,0\n", path: "line 2, column prompt", message: "out of range"),
    BadCase(
      text: header + "ttft_ms,1,0,0\n", path: "line 2, column prompt",
      message: "a ttft_ms row needs a prompt"),
    BadCase(
      text: header + "tpot_ms,1,32,0\n", path: "line 2, column generate",
      message: "a tpot_ms row needs decode steps"),
    BadCase(text: header + "ttft_ms,1,32\n", path: "line 2", message: "wrong number of fields"),
    BadCase(
      text: "metric,value,prompt,generate,batch\nttft_ms,1,32,0,0\n", path: "line 2, column batch",
      message: "out of range"),
    BadCase(
      text: "metric,value,prompt,generate,weights\nttft_ms,1,32,0,zzz\n",
      path: "line 2, column weights", message: "invalid value"),
    BadCase(
      text: header + "ttft_ms,\"1,32,0\n", path: "line 2", message: "unterminated quoted field"),
    BadCase(
      text: header + "ttft_ms,\"1\"x,32,0\n", path: "line 2", message: "text after a closing quote"),
    BadCase(
      text: header + "ttft_ms,1\"2,32,0\n", path: "line 2",
      message: "a quote inside an unquoted field"),
  ]

  @Test(arguments: badCases) func rejectsBadFiles(_ c: BadCase) {
    #expect {
      try MeasurementsCSV.parse(c.text, file: "m.csv")
    } throws: { error in
      guard let e = error as? LifeError else { return false }
      return e.location.file == "m.csv" && e.location.path == c.path
        && e.message.hasPrefix(c.message) && e.suggestion == c.suggestion
    }
  }

  @Test func errorMessageNamesFileLineColumnValueAndExpectation() {
    do {
      _ = try MeasurementsCSV.parse(Self.header + "ttft_ms,-3,32,0\n", file: "m.csv")
      Issue.record("expected an error")
    } catch {
      #expect(
        error.rendered
          == "error: m.csv: line 2, column value: negative value (got '-3'; expected a positive"
          + " number in the metric's unit (ms or tokens/s))")
    }
  }

  @Test func metricsFromTTFTAndTPOT() {
    // pp_tok_s = 512 / 0.25 s = 2048; tg_tok_s = 1000 / 40 ms = 25.
    #expect(MeasurementMetric.ppTokS.value(ttftMs: 250, tpotMsMean: 40, prompt: 512) == 2048)
    #expect(MeasurementMetric.tgTokS.value(ttftMs: 250, tpotMsMean: 40, prompt: 512) == 25)
    #expect(MeasurementMetric.ttftMs.value(ttftMs: 250, tpotMsMean: 40, prompt: 512) == 250)
    #expect(MeasurementMetric.tpotMs.value(ttftMs: 250, tpotMsMean: 40, prompt: 512) == 40)
  }

  static let repository = "/" + #filePath.split(separator: "/").dropLast(4).joined(separator: "/")

  @Test func bundledPaperFilesParse() throws {
    try checkBundled(["ryzen9-hx370-cpu.csv", "v100.csv"])
  }

  // The int4 files need the workload model's weight-format parser.
  @Test(.enabled(if: WorkloadOptions.WeightChoice.parse("int4") != nil))
  func bundledInt4PaperFilesParse() throws {
    try checkBundled(["ryzen-ai-max-395-npu.csv", "ryzen-ai-max-395-igpu.csv"])
  }

  func checkBundled(_ names: [String]) throws {
    for name in names {
      let rows = try MeasurementsCSV.read(path: Self.repository + "/traces/measurements/" + name)
      #expect(!rows.isEmpty, "\(name)")
      #expect(rows.allSatisfy { $0.model == "llama-2-7b" }, "\(name)")
    }
  }
}
