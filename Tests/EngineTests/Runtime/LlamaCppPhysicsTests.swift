import Testing
import Trace

@testable import Engine

/// What llama.cpp's accounting implies for long prompts: without flash
/// attention the scores of every micro-batch are materialised in F32 over
/// the whole KV length, so the prompt rate at 4096 tokens is well below the
/// rate at 512; with flash attention it falls far less.
@Suite struct LlamaCppPhysicsTests {
  static func promptRate(_ prompt: Int, flash: Bool) throws -> Double {
    var options = WorkloadOptions(prompt: prompt)
    options.apply([try WorkloadOption.weights.parse("Q4_0"), .flashAttn(flash)])
    let pipeline = ForecastPipeline(
      model: try ModelConfig.resolve("llama-2-7b"), options: options,
      devices: [("device", try Device.resolve("rtx-4090", at: .none))],
      mapping: Mapping(prefill: "device", decode: "device"), keepSteps: false,
      runtime: try RuntimeChoice.parse("llama.cpp-cuda"))
    return Double(prompt) / (try pipeline.run().forecast.ttftMs / 1000)
  }

  @Test func longPromptsSlowDownWithoutFlashAttentionMuchMoreThanWithIt() throws {
    let off = try Self.promptRate(4096, flash: false) / Self.promptRate(512, flash: false)
    let on = try Self.promptRate(4096, flash: true) / Self.promptRate(512, flash: true)
    #expect(off < 0.85, "without flash attention: rate at 4096 / rate at 512 = \(off)")
    #expect(on > off, "with flash attention \(on), without \(off)")
  }

  /// Eight micro-batches of 512 read the weights eight times: a 4096-token
  /// prompt with `--chunk 4096` reads them once, so its TTFT is lower.
  @Test func microBatchesReadTheWeightsAgain() throws {
    func ttft(chunk: Int) throws -> Double {
      var options = WorkloadOptions(prompt: 4096)
      options.apply([try WorkloadOption.weights.parse("Q4_0"), .chunk(chunk), .flashAttn(true)])
      return try ForecastPipeline(
        model: try ModelConfig.resolve("llama-2-7b"), options: options,
        devices: [("device", try Device.resolve("rtx-4090", at: .none))],
        mapping: Mapping(prefill: "device", decode: "device"), keepSteps: false,
        runtime: try RuntimeChoice.parse("llama.cpp-cuda")
      ).run().forecast.ttftMs
    }
    #expect(try ttft(chunk: 4096) < ttft(chunk: 512))
  }
}
