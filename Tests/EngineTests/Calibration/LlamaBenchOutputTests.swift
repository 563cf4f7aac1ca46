import Foundation
import Testing
import Trace

@testable import Engine

/// Engine's measurement row, not Foundation's unit-carrying value, in the
/// test files that import Foundation.
typealias Measurement = Engine.Measurement

/// llama-bench's own output read as measurements: the fixtures are outputs
/// copied from public llama.cpp pages (Fixtures/SOURCES.md gives each one's
/// URL), in every format and from 2023 to 2026.
@Suite struct LlamaBenchOutputTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

  static func read(_ name: String, runtime: String? = nil) throws -> [Measurement] {
    try MeasurementsFile.read(path: path(name), runtime: runtime)
  }

  static func text(_ name: String) throws -> String {
    try String(contentsOfFile: path(name), encoding: .utf8)
  }

  /// The `--weights` setting `name` gives (fp32 when it gives none, which
  /// fails the comparisons).
  static func weights(_ name: String) -> WorkloadSetting {
    (try? WorkloadOption.weights.parse(name)) ?? .weights(.plain(.fp32))
  }
  static let q4_0 = weights("Q4_0")
  static let q4_k_m = weights("Q4_K_M")
  static let f16 = weights("F16")

  // MARK: Recognised by content

  @Test(arguments: [
    ("readme-b1275.csv", MeasurementsFormat.benchCSV, 0),
    ("readme-b1275.json", .benchJSON, 0),
    ("readme-2024-09.jsonl", .benchJSONL, 0),
    ("readme-b5163.csv", .benchCSV, 0),
    ("readme-depth.md", .benchMarkdown, 0),
    ("pr4766-cuda.md", .benchMarkdown, 4),
    ("issue12787-cann-ngl0.md", .benchMarkdown, 1),
    ("pr21344-rocm-vulkan.md", .benchMarkdown, 4),
  ])
  func detectsTheFormat(_ name: String, _ format: MeasurementsFormat, _ line: Int) throws {
    let found = try MeasurementsFile.detect(Self.text(name), file: name)
    #expect(found.format == format)
    #expect(found.line == line)
  }

  @Test func lifeCSVIsStillLifeCSV() throws {
    let text = "metric,value,prompt,generate\nttft_ms,10,512,0\n"
    #expect(try MeasurementsFile.detect(text, file: nil).format == .lifeCSV)
    #expect(try MeasurementsFile.parse(text, file: nil).count == 1)
    // An unknown first line with no llama-bench content keeps the CSV's own error.
    #expect(try MeasurementsFile.detect("metrc,value\n", file: nil).format == .lifeCSV)
  }

  // MARK: csv, json and jsonl across versions

  /// 2023-09, build 1275: boolean backend columns (`cuda` 1), `f16_kv`, no
  /// `n_ubatch` (`n_batch` 512 is the micro-batch), no `flash_attn` (off).
  @Test func readsTheFirstCSVFormat() throws {
    let rows = try Self.read("readme-b1275.csv")
    let common: [WorkloadSetting] = [Self.q4_0, .kv(.fp16), .chunk(512)]
    #expect(
      rows == [
        Measurement(
          metric: .ppTokS, value: 2413.341687, prompt: 512, generate: 0, overrides: common,
          runtime: "llama.cpp-cuda", flashAttention: false, threads: 16, line: 2),
        Measurement(
          metric: .tgTokS, value: 132.052051, prompt: 0, generate: 128, overrides: common,
          runtime: "llama.cpp-cuda", flashAttention: false, threads: 16, line: 3),
      ])
  }

  @Test func readsTheFirstJSONFormatAtEachObjectsLine() throws {
    let rows = try Self.read("readme-b1275.json")
    #expect(rows.map(\.line) == [2, 33])
    #expect(rows.map(\.value) == [2410.974041, 130.965708])
    #expect(rows.map(\.metric) == [.ppTokS, .tgTokS])
    #expect(rows.allSatisfy { $0.runtime == "llama.cpp-cuda" && $0.flashAttention == false })
    #expect(rows[0].overrides == [Self.q4_0, .kv(.fp16), .chunk(512)])
  }

  @Test func readsJSONLines() throws {
    let rows = try Self.read("readme-2024-09.jsonl")
    #expect(rows.map(\.line) == [1, 2])
    #expect(rows.map(\.value) == [2410.974041, 130.965708])
    #expect(rows.map(\.runtime) == ["llama.cpp-cuda", "llama.cpp-cuda"])
  }

  /// 2025-04, build 5163: `backends`, `n_ubatch` 512 under `n_batch` 2048,
  /// `flash_attn` -1 (auto: not known), `n_gpu_layers` -1 (all), `n_depth`.
  @Test(arguments: ["readme-b5163.csv", "readme-b5163.json", "readme-b5163.jsonl"])
  func readsTheBackendsFormat(_ name: String) throws {
    let rows = try Self.read(name)
    #expect(rows.count == 2)
    for row in rows {
      #expect(row.overrides == [Self.q4_k_m, .kv(.fp16), .chunk(512)])
      #expect(row.runtime == "llama.cpp-cuda")
      #expect(row.flashAttention == nil)
      #expect(row.depth == 0)
      #expect(row.threads == 8)
    }
    #expect(rows.map(\.metric) == [.ppTokS, .tgTokS])
    #expect(
      (rows[0].prompt, rows[0].generate, rows[1].prompt, rows[1].generate) == (512, 0, 0, 128))
  }

  @Test func theRuntimeFlagReplacesTheBackends() throws {
    let rows = try Self.read("readme-b5163.json", runtime: "llama.cpp-vulkan")
    #expect(rows.map(\.runtime) == ["llama.cpp-vulkan", "llama.cpp-vulkan"])
  }

  // MARK: markdown across versions

  @Test func readsDepthTestNames() throws {
    let rows = try Self.read("readme-depth.md")
    #expect(rows.map(\.metric) == [.ppTokS, .tgTokS, .ppTokS, .tgTokS])
    #expect(rows.map(\.depth) == [0, 0, 512, 512])
    #expect(rows.map(\.prompt) == [512, 0, 512, 0])
    #expect(rows.map(\.generate) == [0, 128, 0, 128])
    #expect(rows.map(\.value) == [7340.20, 120.60, 6425.91, 116.71])
    #expect(rows.map(\.line) == [3, 4, 5, 6])
    // No fa column: the build's default, not known; ngl -1 is all layers.
    #expect(rows.allSatisfy { $0.flashAttention == nil && $0.runtime == "llama.cpp-cuda" })
    #expect(rows[2].overrides == [Self.q4_k_m, .kv(.fp16), .chunk(512)])
  }

  /// The first version's table (2023-08): `n_gpu_layers`, `pp 512`, `LLaMA 7B
  /// mostly Q4_0`; and a draft's `n_prompt`/`n_gen` columns with a pp+tg row.
  @Test func readsTheFirstMarkdownTables() throws {
    let first = try Self.read("pr2626-first.md")
    #expect(first.map(\.metric) == [.ppTokS, .tgTokS])
    #expect(first.map(\.value) == [2242.06, 43.09])
    #expect(first[0].overrides.first == Self.q4_0)
    #expect(first[0].runtime == "llama.cpp-cuda")
    let counts = try Self.read("pr2626-counts.md")
    #expect(counts.map(\.metric) == [.ppTokS, .tgTokS, .e2eTokS])
    #expect((counts[2].prompt, counts[2].generate, counts[2].value) == (512, 128, 449.72))
  }

  @Test func readsMostlyNamesAndSkipsLogLines() throws {
    let rows = try Self.read("pr3816-mostly.md")
    #expect(rows.map(\.line) == [4, 5, 6, 7])
    #expect(rows[0].overrides.first == Self.f16)
    #expect(rows[2].overrides.first == Self.q4_k_m)
    let cuda = try Self.read("pr4766-cuda.md")
    #expect(cuda.count == 5)
    #expect(cuda.map(\.line) == [7, 8, 9, 10, 11])
    #expect(cuda[0].value == 11048.22)
    #expect(cuda[2].overrides.first?.text == "Q8_0")
  }

  @Test func readsFlashAttentionAndPromptPlusGeneration() throws {
    let rows = try Self.read("pr7199-pg.md")
    #expect(rows.map(\.metric) == [.ppTokS, .tgTokS, .e2eTokS])
    #expect(rows.allSatisfy { $0.flashAttention == true })
    #expect((rows[2].prompt, rows[2].generate, rows[2].value) == (512, 128, 600.22))
    let vulkan = try Self.read("pr13324-vulkan-fa.md")
    #expect(vulkan.map(\.runtime) == ["llama.cpp-vulkan", "llama.cpp-vulkan"])
    #expect(vulkan.allSatisfy { $0.flashAttention == true })
  }

  @Test func noOffloadedLayersIsTheCPU() throws {
    let rows = try Self.read("issue12787-cann-ngl0.md")
    #expect(rows.count == 1)
    #expect(rows[0].runtime == "llama.cpp-cpu")
    #expect(rows[0].overrides.first == Self.f16)
    #expect(rows[0].value == 142.02)
  }

  @Test func readsBackendListsAndMicroBatches() throws {
    let rocm = try Self.read("pr21344-rocm-vulkan.md")
    #expect(rocm.map(\.runtime) == ["llama.cpp-rocm", "llama.cpp-rocm"])
    #expect(rocm[0].overrides == [Self.q4_k_m, .kv(.fp16), .chunk(2048)])
    #expect(rocm.map(\.prompt) == [128, 256])
    let metal = try Self.read("issue25547-metal.md")
    #expect(metal.map(\.runtime) == ["llama.cpp-metal", "llama.cpp-metal"])
    #expect(metal.map(\.threads) == [4, 4])
    #expect((metal[1].generate, metal[1].value) == (64, 20.21))
  }

  /// Before `n_ubatch` (build < 2413) markdown's `n_batch` is the
  /// micro-batch; later it is capped by the default `n_ubatch` of 512.
  @Test func markdownBatchSizesFollowTheBuild() throws {
    // llama-bench README @ c091cdfb2 (build 1275), "Prompt processing with
    // different batch sizes": its 1024 row, with its build line added.
    let table = """
      | model                          |       size |     params | backend    | ngl |    n_batch | test       |              t/s |
      | ------------------------------ | ---------: | ---------: | ---------- | --: | ---------: | ---------- | ---------------: |
      | llama 7B mostly Q4_0           |   3.56 GiB |     6.74 B | CUDA       |  99 |       1024 | pp 1024    |  2498.61 ± 13.58 |

      """
    let old = try MeasurementsFile.parse(table + "build: 3469684 (1275)\n", file: nil)
    #expect(old[0].overrides.last == .chunk(1024))
    let undated = try MeasurementsFile.parse(table, file: nil)
    #expect(undated[0].overrides.last == .chunk(512))
  }

  // MARK: Errors name the file, the line and the column

  struct BadCase: Sendable, CustomStringConvertible {
    var name: String
    var text: String
    var path: String?
    var message: String
    var description: String { name }
  }

  static let mdHeader =
    "| model | size | params | backend | ngl | test | t/s |\n| --- | ---: | ---: | --- | --: | --- | ---: |\n"
  static let csvHeader = "build_commit,model_type,n_prompt,n_gen,avg_ts\n"

  static let badCases: [BadCase] = [
    BadCase(
      name: "md unknown test",
      text: mdHeader + "| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CUDA | 99 | bs512 | 1.00 ± 0.01 |\n",
      path: "line 3, column test", message: "unknown test name"),
    BadCase(
      name: "md depth without d",
      text: mdHeader
        + "| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CUDA | 99 | pp512 @ 512 | 1.00 ± 0.01 |\n",
      path: "line 3, column test", message: "unknown test name"),
    BadCase(
      name: "md header only", text: mdHeader, path: nil,
      message: "no measurements: the llama-bench md output has no test results"),
    BadCase(
      name: "md bad t/s",
      text: mdHeader + "| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CUDA | 99 | pp512 | fast |\n",
      path: "line 3, column t/s", message: "not a number"),
    BadCase(
      name: "md huge test",
      text: mdHeader
        + "| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CUDA | 99 | pp99999999999999999999 | 1.0 |\n",
      path: "line 3, column test", message: "integer too large"),
    BadCase(
      name: "csv header only", text: csvHeader, path: nil,
      message: "no measurements: the llama-bench csv output has no test results"),
    BadCase(
      name: "csv short row", text: csvHeader + "\"a\",\"llama 7B Q4_0\",\"512\",\"0\"\n",
      path: "line 2, column 5",
      message: "the row does not match the header on line 1: no value for column 5 ('avg_ts')"),
    BadCase(
      name: "csv no tokens", text: csvHeader + "\"a\",\"llama 7B Q4_0\",\"0\",\"0\",\"1.5\"\n",
      path: "line 2, column n_prompt", message: "a test without prompt or generated tokens"),
    BadCase(
      name: "csv not an integer",
      text: csvHeader + "\"a\",\"llama 7B Q4_0\",\"5x\",\"0\",\"1.5\"\n",
      path: "line 2, column n_prompt", message: "not an integer"),
    BadCase(
      name: "csv zero t/s", text: csvHeader + "\"a\",\"llama 7B Q4_0\",\"512\",\"0\",\"0\"\n",
      path: "line 2, column avg_ts", message: "value must be positive"),
    BadCase(
      name: "csv no weights", text: csvHeader + "\"a\",\"llama 7B\",\"512\",\"0\",\"1.5\"\n",
      path: "line 2, column model_type", message: "no weight format in the model description"),
    BadCase(
      name: "csv weights not modelled",
      text: csvHeader + "\"a\",\"llama 7B IQ2_XXS - 2.0625 bpw\",\"512\",\"0\",\"1.5\"\n",
      path: "line 2, column model_type", message: "weight format not modelled"),
    BadCase(
      name: "csv K and V differ",
      text: "n_prompt,n_gen,avg_ts,type_k,type_v\n\"512\",\"0\",\"1.5\",\"q8_0\",\"f16\"\n",
      path: "line 2, column type_v", message: "K and V caches of different types"),
    BadCase(
      name: "csv KV not modelled",
      text: "n_prompt,n_gen,avg_ts,type_k,type_v\n\"512\",\"0\",\"1.5\",\"q5_1\",\"q5_1\"\n",
      path: "line 2, column type_k", message: "KV cache type not modelled"),
    BadCase(
      name: "csv bad flash_attn",
      text: "n_prompt,n_gen,avg_ts,flash_attn\n\"512\",\"0\",\"1.5\",\"2\"\n",
      path: "line 2, column flash_attn", message: "not a flash-attention setting"),
    BadCase(
      name: "csv bad backend flag",
      text: "n_prompt,n_gen,avg_ts,cuda\n\"512\",\"0\",\"1.5\",\"yes\"\n",
      path: "line 2, column cuda", message: "not a boolean"),
    BadCase(
      name: "json empty array", text: "[]\n", path: nil,
      message: "no measurements: the llama-bench json output has no test results"),
    BadCase(
      name: "json not an object", text: "[\n  1\n]\n", path: "line 2", message: "not a test result"),
    BadCase(
      name: "json missing key", text: "[\n  {\"n_prompt\": 512, \"n_gen\": 0}\n]\n", path: "line 2",
      message: "missing key 'avg_ts'"),
    BadCase(
      name: "json wrong type", text: "[{\"n_prompt\": \"many\", \"n_gen\": 0, \"avg_ts\": 2.5}]\n",
      path: "line 1, key n_prompt", message: "not an integer"),
    BadCase(
      name: "json truncated",
      text: "main: log line\n[\n  {\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 2.5},\n",
      path: "line 4, column 1", message: "invalid JSON: unexpected end of input"),
    BadCase(
      name: "json text after", text: "[{\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 2.5}] x\n",
      path: "line 1, column 48", message: "text after a JSON value on its line"),
    BadCase(
      name: "jsonl cut line",
      text: "{\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 2.5}\n{\"n_prompt\": 5\n",
      path: "line 3, column 1", message: "invalid JSON: unterminated object"),
    BadCase(
      name: "sql", text: "CREATE TABLE IF NOT EXISTS test (\n  build_commit TEXT\n);\n",
      path: "line 1",
      message: "llama-bench's sql output is not read"),
  ]

  @Test(arguments: badCases) func rejectsBadOutput(_ c: BadCase) {
    #expect {
      try MeasurementsFile.parse(c.text, file: "bench.txt")
    } throws: { error in
      guard let e = error as? LifeError else { return false }
      return e.location.file == "bench.txt" && e.location.path == c.path
        && e.message.hasPrefix(c.message)
    }
  }

  func failure(_ name: String) -> LifeError? {
    do {
      _ = try Self.read(name)
      return nil
    } catch {
      return error as? LifeError
    }
  }

  /// Two copies of llama.cpp's README whose csv header was edited without
  /// its rows: 26 names over 27 values, then 42 names over 41.
  @Test func headersThatDoNotMatchTheirValues() throws {
    let removed = try #require(failure("readme-2024-09-opencl-removed.csv"))
    #expect(removed.location.path == "line 2, column 27")
    #expect(
      removed.description.hasSuffix(
        "line 2, column 27: the row does not match the header on line 1: column 27 has a value"
          + " but no name in the header (got 27 values; expected 26, one per name in the header)"))
    let added = try #require(failure("readme-b5163-repack-header.csv"))
    #expect(added.location.path == "line 2, column 42")
    #expect(added.message.hasSuffix("no value for column 42 ('stddev_ts')"))
  }

  @Test func aTruncatedCopyNamesWhereItStops() throws {
    let cut = try #require(failure("pr12994-cann-cut.json"))
    #expect(cut.location.path?.hasPrefix("line 36, column ") == true)
    #expect(cut.message.hasPrefix("invalid JSON"))
  }

  @Test func weightsLIFEDoesNotModelAreNamed() throws {
    let e = try #require(failure("pr21629-q1_0.md"))
    #expect(e.location.path == "line 5, column model")
    #expect(e.message == "weight format not modelled")
    #expect(e.got == "'Q1_0'")
  }

  /// llama-bench README @ c091cdfb2, "Text generation with different
  /// models": one `--model` cannot stand for both.
  @Test func refusesTwoModelsInOneFile() {
    let text = """
      | model                          |       size |     params | backend    | ngl | test       |              t/s |
      | ------------------------------ | ---------: | ---------: | ---------- | --: | ---------- | ---------------: |
      | llama 7B mostly Q4_0           |   3.56 GiB |     6.74 B | CUDA       |  99 | tg 128     |    132.19 ± 0.55 |
      | llama 13B mostly Q4_0          |   6.86 GiB |    13.02 B | CUDA       |  99 | tg 128     |     82.17 ± 0.31 |
      """
    #expect {
      try MeasurementsFile.parse(text, file: "m.md")
    } throws: { error in
      guard let e = error as? LifeError else { return false }
      return e.location.path == "line 4, column model" && e.message == "a second model in the file"
        && e.got == "'llama 13B'"
    }
  }

  /// llama-bench README @ c091cdfb2, "Different numbers of threads": its
  /// last row ends `||`, one cell more than its header.
  @Test func aMarkdownRowWiderThanItsHeader() {
    let text = """
      | model                          |       size |     params | backend    |    threads | test       |              t/s |
      | ------------------------------ | ---------: | ---------: | ---------- | ---------: | ---------- | ---------------: |
      | llama 7B mostly Q4_0           |   3.56 GiB |     6.74 B | CPU        |         32 | tg 16      |     16.41 ± 0.79 ||
      """
    #expect {
      try MeasurementsFile.parse(text, file: "m.md")
    } throws: { error in
      guard let e = error as? LifeError else { return false }
      return e.location.path == "line 3, column 8"
        && e.message.hasPrefix("the row does not match the header on line 1")
    }
  }

  @Test func skipsLogLinesAroundJSON() throws {
    let json = try Self.text("readme-b1275.json")
    let text =
      "load_backend: loaded CUDA backend from /usr/lib/libggml-cuda.so\n" + json
      + "ggml_metal_free: deallocating\n"
    let rows = try MeasurementsFile.parse(text, file: nil)
    #expect(rows.map(\.line) == [3, 34])
  }

  @Test func concatenatedRunsKeepTheirOwnHeaders() throws {
    let run = try Self.text("readme-b1275.csv")
    let rows = try MeasurementsFile.parse(run + run, file: nil)
    #expect(rows.count == 4)
    #expect(rows.map(\.line) == [2, 3, 5, 6])
    #expect(rows[2].value == rows[0].value && rows[2].overrides == rows[0].overrides)
  }
}
