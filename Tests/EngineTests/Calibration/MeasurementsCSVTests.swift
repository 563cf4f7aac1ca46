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
    func value(_ metric: MeasurementMetric) -> Double {
      metric.value(ttftMs: 250, tpotMsMean: 40, prompt: 512, generate: 128)
    }
    // pp_tok_s = 512 / 0.25 s = 2048; tg_tok_s = 1000 / 40 ms = 25.
    #expect(value(.ppTokS) == 2048)
    #expect(value(.tgTokS) == 25)
    #expect(value(.ttftMs) == 250)
    #expect(value(.tpotMs) == 40)
    // e2e_tok_s = (512 + 128) / ((250 + 128 · 40) ms / 1000) = 640 / 5.37 s = 119.180633...
    #expect(abs(value(.e2eTokS) - 640 / 5.37) < 1e-12)
    #expect(abs(value(.e2eTokS) - 119.180633) < 1e-6)
  }

  @Test func readsRuntimeFlashAttentionDepthAndEndToEndRows() throws {
    let text =
      "metric,value,prompt,generate,runtime,flash_attn,depth\n"
      + "pp_tok_s,7100,512,0,llama.cpp-cuda,on,4096\n"
      + "tg_tok_s,118.9,0,128,,off,\n"
      + "e2e_tok_s,600.22,512,128,llama.cpp-metal,,0\n"
    let rows = try MeasurementsCSV.parse(text, file: "m.csv")
    #expect(
      rows[0]
        == Measurement(
          metric: .ppTokS, value: 7100, prompt: 512, generate: 0, runtime: "llama.cpp-cuda",
          flashAttention: true, depth: 4096, line: 2))
    #expect(rows[1].runtime == nil && rows[1].flashAttention == false && rows[1].depth == 0)
    #expect(rows[2].metric == .e2eTokS && rows[2].flashAttention == nil)
    // The command line's runtime fills the rows that name none.
    let filled = try MeasurementsFile.parse(text, file: "m.csv", runtime: "llama.cpp-vulkan")
    #expect(filled.map(\.runtime) == ["llama.cpp-cuda", "llama.cpp-vulkan", "llama.cpp-metal"])
    #expect(rows[0].label.hasSuffix("depth=4096 runtime=llama.cpp-cuda flash_attn=on"))
  }

  @Test(arguments: [
    (
      "metric,value,prompt,generate,flash_attn\ntg_tok_s,1,0,8,maybe\n",
      "line 2, column flash_attn",
      "invalid value"
    ),
    (
      "metric,value,prompt,generate,depth\ntg_tok_s,1,0,8,-1\n", "line 2, column depth",
      "out of range"
    ),
    (
      "metric,value,prompt,generate,depth\ntg_tok_s,1,0,8,2000000000000\n",
      "line 2, column depth", "too large"
    ),
    (
      "metric,value,prompt,generate\ne2e_tok_s,1,0,8\n", "line 2, column prompt",
      "a e2e_tok_s row needs a prompt"
    ),
    (
      "metric,value,prompt,generate\ne2e_tok_s,1,8,0\n", "line 2, column generate",
      "a e2e_tok_s row needs decode steps"
    ),
  ])
  func rejectsBadNewColumns(_ text: String, _ path: String, _ message: String) {
    #expect {
      try MeasurementsCSV.parse(text, file: "m.csv")
    } throws: { error in
      guard let e = error as? LifeError else { return false }
      return e.location.path == path && e.message.hasPrefix(message)
    }
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
