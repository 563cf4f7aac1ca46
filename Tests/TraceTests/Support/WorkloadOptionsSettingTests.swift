import Testing

@testable import Trace

/// The one parser of workload option values, shared by flags and scenarios.
@Suite struct WorkloadOptionsSettingTests {
  private func set(_ name: String, _ value: String) throws(LifeError) -> WorkloadOptions {
    var options = WorkloadOptions(prompt: 1)
    try options.set(WorkloadOption.named(name), to: value)
    return options
  }

  @Test func everyOption() throws {
    #expect(try set("prompt", "0").prompt == 0)
    #expect(try set("prompt", "1000000000").prompt == 1_000_000_000)
    #expect(try set("generate", "128").generate == 128)
    #expect(try set("batch", "8").batch == 8)
    #expect(try set("weights", "bf16").weights == .plain(.bf16))
    #expect(try set("weights", "FP32").weights == .plain(.fp32))
    #expect(try set("activations", "fp16").activations == .fp16)
    #expect(try set("activations", "int8").activations == .int8)
    #expect(try set("kv", "fp8").kv == .fp8)
    #expect(try set("kv", "int4").kv == .int4)
    #expect(try set("fusion", "eager").fusion == .eager)
    #expect(try set("fusion", "FUSED").fusion == .fused)
    #expect(try set("kv-update", "concat").kvUpdate == .concat)
    #expect(try set("logits", "all").logits == .all)
    #expect(try set("scores", "full").scores == .full)
    #expect(try set("embedding", "table").embedding == .table)
    #expect(try set("attention", "gqa:4").attention == .gqa(4))
    #expect(try set("attention", "mqa").attention == .mqa)
    #expect(try set("attention", "MLA").attention == .mla)
    #expect(try set("attention", "mha").attention == .mha)
    #expect(try set("attention", "auto").attention == .auto)
    #expect(try set("nonlinear", "poly").nonlinear == .poly)
    #expect(try set("lora-rank", "16").loraRank == 16)
    #expect(try set("lora-merge", "static").loraMerge == .static)
    #expect(try set("chunk", "512").chunk == 512)
    #expect(try set("tile", "64").tile == 64)
  }

  @Test func everyOptionIsDescribedOnce() {
    for option in WorkloadOption.allCases {
      #expect(!option.summary.isEmpty && !option.accepted.isEmpty && !option.valueName.isEmpty)
      #expect(WorkloadOption(rawValue: option.name) == option)
    }
    #expect(Set(WorkloadOption.allCases.map(\.name)).count == WorkloadOption.allCases.count)
  }

  @Test func settingsRoundTripTheirText() throws {
    let samples: [(WorkloadOption, String)] = [
      (.prompt, "12"), (.weights, "Q4_K_M"), (.weights, "int4:g64"), (.kv, "int8"),
      (.attention, "gqa:4"), (.kvUpdate, "concat"), (.mlaForm, "absorbed"), (.tile, "64"),
    ]
    for (option, text) in samples {
      let setting = try option.parse(text)
      #expect(setting.option == option)
      #expect(setting.text == text)
      #expect(try option.parse(setting.text) == setting)
    }
  }

  @Test func integersArePlainDigits() {
    for text in [" 128", "+128", "128\u{200B}", "1_000", "0x10", "12 "] {
      #expect(throws: LifeError.self, "\(text.debugDescription)") {
        try WorkloadOption.prompt.parse(text)
      }
    }
  }

  @Test func integerLimitsComeFromTheCatalogue() {
    #expect(throws: LifeError.self) { try WorkloadOption.chunk.parse("1099511627777") }
    #expect(throws: LifeError.self) { try WorkloadOption.loraRank.parse("16777217") }
    #expect((try? WorkloadOption.tile.parse("16777216")) == .tile(16_777_216))
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var name: String
    var value: String
    var message: String
    var testDescription: String { "--\(name) \(value)" }
  }

  static let bad: [Bad] = [
    Bad(
      name: "prompt", value: "-1",
      message: "error: prompt: out of range (got '-1'; expected an integer ≥ 0)"),
    Bad(
      name: "prompt", value: "abc",
      message: "error: prompt: not an integer (got 'abc'; expected an integer ≥ 0)"),
    Bad(
      name: "prompt", value: "",
      message: "error: prompt: not an integer (got ''; expected an integer ≥ 0)"),
    Bad(
      name: "prompt", value: "1e3",
      message: "error: prompt: not an integer (got '1e3'; expected an integer ≥ 0)"),
    Bad(
      name: "prompt", value: "99999999999999999999",
      message:
        "error: prompt: integer too large (got '99999999999999999999'; expected an integer ≥ 0)"),
    Bad(
      name: "prompt", value: "-99999999999999999999",
      message:
        "error: prompt: integer too large (got '-99999999999999999999'; expected an integer ≥ 0)"),
    Bad(
      name: "prompt", value: "٣",
      message: "error: prompt: not an integer (got '٣'; expected an integer ≥ 0)"),
    Bad(
      name: "batch", value: "0",
      message: "error: batch: out of range (got '0'; expected an integer ≥ 1)"),
    Bad(
      name: "lora-rank", value: "0",
      message: "error: lora-rank: out of range (got '0'; expected an integer ≥ 1)"),
    Bad(
      name: "chunk", value: "-5",
      message: "error: chunk: out of range (got '-5'; expected an integer ≥ 1)"),
    Bad(
      name: "tile", value: "x",
      message: "error: tile: not an integer (got 'x'; expected an integer ≥ 1)"),
    Bad(
      name: "activations", value: "fp61",
      message:
        "error: activations: invalid value (got 'fp61'; expected one of fp32, fp16, bf16, fp8, int8, int4); did you mean 'fp16'?"
    ),
    Bad(
      name: "kv", value: "int16",
      message:
        "error: kv: invalid value (got 'int16'; expected one of fp32, fp16, bf16, fp8, int8, int4)"
    ),
    Bad(
      name: "fusion", value: "fuse",
      message:
        "error: fusion: invalid value (got 'fuse'; expected eager or fused); did you mean 'fused'?"
    ),
    Bad(
      name: "kv-update", value: "in-place",
      message:
        "error: kv-update: invalid value (got 'in-place'; expected inplace or concat); did you mean 'inplace'?"
    ),
    Bad(
      name: "logits", value: "first",
      message: "error: logits: invalid value (got 'first'; expected last or all)"),
    Bad(
      name: "scores", value: "casual",
      message:
        "error: scores: invalid value (got 'casual'; expected causal or full); did you mean 'causal'?"
    ),
    Bad(
      name: "embedding", value: "row",
      message:
        "error: embedding: invalid value (got 'row'; expected rows or table); did you mean 'rows'?"
    ),
    Bad(
      name: "attention", value: "gqa",
      message:
        "error: attention: invalid value (got 'gqa'; expected auto, mha, gqa:K, mqa or mla); did you mean 'mqa'?"
    ),
    Bad(
      name: "attention", value: "gqa:x",
      message:
        "error: attention: invalid value (got 'gqa:x'; expected auto, mha, gqa:K, mqa or mla); did you mean 'gqa:8'?"
    ),
    Bad(
      name: "nonlinear", value: "exakt",
      message:
        "error: nonlinear: invalid value (got 'exakt'; expected exact, pwl or poly); did you mean 'exact'?"
    ),
    Bad(
      name: "lora-merge", value: "dynamc",
      message:
        "error: lora-merge: invalid value (got 'dynamc'; expected dynamic or static); did you mean 'dynamic'?"
    ),
    Bad(
      name: "weights", value: "fp64",
      message:
        "error: weights: invalid value (got 'fp64'; expected fp32, fp16, bf16, fp8, int8, int4, mxfp8, mxint8, mxfp4, a GGUF type (F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_K_M, Q4_K_M, Q6_K, Q5_1, Q4_K_S, Q5_K_S, Q3_K_S, Q3_K_M, Q3_K_L, Q2_K, IQ4_XS, IQ4_NL) or intN:gG)"
    ),
  ]

  @Test(arguments: bad)
  func badValue(_ test: Bad) {
    do {
      _ = try set(test.name, test.value)
      Issue.record("accepted")
    } catch {
      #expect(error.rendered == test.message)
      #expect(error.kind == .usage)
    }
  }

  @Test func unknownOptionSuggests() {
    do {
      _ = try WorkloadOption.named("promt")
      Issue.record("accepted")
    } catch {
      #expect(error.message == "unknown option")
      #expect(error.suggestion == "prompt")
    }
  }

  @Test func fileLocationsAreFailures() {
    let location = ErrorLocation(file: "s.json", path: "options.kv-update")
    do {
      _ = try WorkloadOption.kvUpdate.parse("copy", at: location)
      Issue.record("accepted")
    } catch {
      #expect(error.kind == .failure)
      #expect(
        error.rendered
          == "error: s.json: options.kv-update: invalid value (got 'copy'; expected inplace or"
          + " concat)")
    }
  }

  @Test func attentionParsing() {
    #expect(WorkloadOptions.AttentionChoice.parse("gqa:0") == nil)
    #expect(WorkloadOptions.AttentionChoice.parse("gqa:-2") == nil)
    #expect(WorkloadOptions.AttentionChoice.parse("gqa:8:1") == nil)
    #expect(WorkloadOptions.AttentionChoice.parse("GQA:2") == .gqa(2))
    #expect(WorkloadOptions.AttentionChoice.gqa(8).text == "gqa:8")
  }
}
