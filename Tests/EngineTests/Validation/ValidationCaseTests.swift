import Testing
import Trace

@testable import Engine

/// Corpus rows made forecastable, and why a row is skipped.
@Suite struct ValidationCaseTests {
  /// A hand-made row: llama-3.1-8b Q4_0 on an RTX 4090 under llama.cpp's
  /// CUDA build, pp512 unless told otherwise.
  static func row(
    id: String = "t-1", source: String = "test", device: String = "rtx-4090",
    runtime: String = "llama.cpp-cuda", model: String = "llama-3.1-8b",
    weights: String? = "Q4_0", kv: String? = "fp16", flash: Bool? = nil, batch: Int? = 1,
    ubatch: Int? = nil, prompt: Int? = 512, generate: Int? = 0, depth: Int? = 0,
    metric: CorpusMetric = .ppTokS, value: Double = 1000, note: String = ""
  ) -> CorpusRow {
    CorpusRow(
      id: id, source: source, url: "https://example.com", locator: "table 1", device: device,
      runtime: runtime, build: nil, model: model, weights: weights, kv: kv,
      flashAttention: flash, batch: batch, ubatch: ubatch, threads: nil, prompt: prompt,
      generate: generate, depth: depth, metric: metric, value: value, note: note, line: 2)
  }

  static func skip(_ row: CorpusRow) -> ValidationCase.Skip? {
    if case .failure(let reason) = ValidationCase.resolve(row) { return reason }
    return nil
  }

  @Test func skipReasons() {
    #expect(Self.skip(Self.row(device: "no-such-gpu")) == .unknownDevice)
    #expect(Self.skip(Self.row(runtime: "no-such-runtime")) == .unknownRuntime)
    #expect(Self.skip(Self.row(model: "no-such-model")) == .unknownModel)
    #expect(Self.skip(Self.row(weights: nil)) == .weightsNotStated)
    #expect(Self.skip(Self.row(weights: "Q9_Z")) == .unknownWeights)
    // Token counts the quantity needs.
    #expect(Self.skip(Self.row(prompt: nil)) == .underspecified)
    #expect(Self.skip(Self.row(prompt: 0)) == .underspecified)
    #expect(Self.skip(Self.row(prompt: 0, generate: 0, metric: .tgTokS)) == .underspecified)
    #expect(Self.skip(Self.row(prompt: 0, generate: nil, metric: .tpotMs)) == .underspecified)
    // e2e needs both counts and the source's definition.
    #expect(Self.skip(Self.row(prompt: 128, generate: 128, metric: .e2eTokS)) == .underspecified)
    // A curator's flag on anything but a TPOT at a stated prompt.
    #expect(Self.skip(Self.row(note: "UNDERSPECIFIED: prompt unknown")) == .underspecified)
  }

  @Test func deviceIsCheckedBeforeEverythingElse() {
    #expect(
      Self.skip(Self.row(device: "no-such-gpu", model: "no-such-model", weights: nil))
        == .unknownDevice)
    #expect(Self.skip(Self.row(model: "no-such-model", weights: nil)) == .unknownModel)
  }

  @Test func promptRow() throws {
    let c = try ValidationCase.resolve(
      Self.row(flash: true, ubatch: 256, prompt: 512, generate: 0, depth: 4096)
    ).get()
    #expect(c.quantity == .pp && c.measured == 1000)
    #expect(c.options.prompt == 512 && c.options.generate == 0 && c.options.batch == 1)
    #expect(c.options.chunk == 256 && c.options.depth == 4096)
    #expect(c.options.flashAttention == true && c.options.kv == .fp16)
    #expect(c.runtime.name == "llama.cpp-cuda" && c.device.kind == .gpu)
    // Zero-shot: the device as its datasheet gives it, no figure of its own.
    #expect(c.device.given.isEmpty)
  }

  @Test func decodeRowAndUnits() throws {
    let tg = try ValidationCase.resolve(
      Self.row(batch: 4, prompt: nil, generate: 128, metric: .tgTokS, value: 90)
    ).get()
    #expect(tg.quantity == .tg && tg.options.prompt == 0 && tg.options.generate == 128)
    #expect(tg.options.batch == 4)
    let ttft = try ValidationCase.resolve(Self.row(metric: .ttftS, value: 0.25)).get()
    #expect(ttft.quantity == .ttft && ttft.measured == 250)
  }

  @Test func underspecifiedTPOTAtAPromptIsTheFirstStep() throws {
    let c = try ValidationCase.resolve(
      Self.row(
        prompt: 1024, generate: nil, metric: .tpotMs, value: 12,
        note: "UNDERSPECIFIED: generated tokens not stated")
    ).get()
    #expect(c.quantity == .tpot && c.options.prompt == 1024 && c.options.generate == 1)
  }

  @Test func e2eDefinition() throws {
    let both = try ValidationCase.resolve(
      Self.row(
        prompt: 128, generate: 256, metric: .e2eTokS,
        note: "e2e definition: (prompt+output)/total")
    ).get()
    #expect(both.e2eCountsPrompt && both.options.prompt == 128 && both.options.generate == 256)
    let output = try ValidationCase.resolve(
      Self.row(prompt: 128, generate: 256, metric: .e2eTokS, note: "e2e definition: output/total")
    ).get()
    #expect(!output.e2eCountsPrompt)
  }

  @Test func weightCells() {
    #expect(ValidationCase.weights("F32") == [.weights(.plain(.fp32))])
    #expect(ValidationCase.weights("fp16") == [.weights(.plain(.fp16)), .activations(.fp16)])
    #expect(ValidationCase.weights("w4a16")?.last == .activations(.fp16))
    #expect(ValidationCase.weights("Q4_0")?.count == 1)
    #expect(ValidationCase.weights("Q9_Z") == nil)
  }

  @Test func valueFromTheForecastTimes() throws {
    // pp = prompt · batch / TTFT: 512 · 2 / 0.5 s = 2048 tok/s.
    let pp = try ValidationCase.resolve(Self.row(batch: 2)).get()
    #expect(pp.value(ttftMs: 500, tpotMeanMs: nil, e2eMs: 500) == 2048)
    // tg = batch / TPOT: 2 / 20 ms = 100 tok/s.
    let tg = try ValidationCase.resolve(
      Self.row(batch: 2, prompt: 0, generate: 64, metric: .tgTokS)
    ).get()
    #expect(tg.value(ttftMs: 30, tpotMeanMs: 20, e2eMs: 1310) == 100)
    // e2e = batch · (prompt + G) / e2e time: (128 + 256) / 2 s = 192;
    // output only: 256 / 2 s = 128.
    let e2e = try ValidationCase.resolve(
      Self.row(
        prompt: 128, generate: 256, metric: .e2eTokS,
        note: "e2e definition: (prompt+output)/total")
    ).get()
    #expect(e2e.value(ttftMs: 100, tpotMeanMs: 7, e2eMs: 2000) == 192)
    var output = e2e
    output.e2eCountsPrompt = false
    #expect(output.value(ttftMs: 100, tpotMeanMs: 7, e2eMs: 2000) == 128)
  }
}
