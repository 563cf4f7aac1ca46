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

  /// Mean TPOT of a short decode of llama-2-7b Q4_0 at `batch` on an H100
  /// under llama.cpp-cuda, with the step's compute and memory times.
  static func decode(batch: Int) throws -> (tpot: Double, compute: Double, memory: Double) {
    var options = WorkloadOptions(prompt: 128)
    options.batch = batch
    options.generate = 4
    options.apply([try WorkloadOption.weights.parse("Q4_0")])
    let forecast = try ForecastPipeline(
      model: try ModelConfig.resolve("llama-2-7b"), options: options,
      devices: [("device", try Device.resolve("h100-sxm", at: .none))],
      mapping: Mapping(prefill: "device", decode: "device"), keepSteps: false,
      runtime: try RuntimeChoice.parse("llama.cpp-cuda")
    ).run().forecast
    let step = try #require(forecast.steps.first)
    return (try #require(forecast.tpotMeanMs), step.tComputeMs, step.tMemoryMs)
  }

  /// Up to 8 tokens a pass runs MMVQ matrix-vector kernels: a decode step
  /// of batch 1 or 8 reads the weights once and is bound by those bytes,
  /// not by a GEMM tile that one token cannot fill; the ninth token moves
  /// every GEMM onto the tiled kernels and the step costs more.
  @Test func smallDecodeBatchesAreBoundByTheBytesTheyRead() throws {
    let one = try Self.decode(batch: 1)
    let eight = try Self.decode(batch: 8)
    let nine = try Self.decode(batch: 9)
    #expect(one.compute < one.memory, "batch 1: compute \(one.compute) ms, memory \(one.memory) ms")
    #expect(
      eight.compute < eight.memory, "batch 8: compute \(eight.compute), memory \(eight.memory)")
    #expect(eight.tpot / one.tpot < 1.15, "batch 8 \(eight.tpot) ms against batch 1 \(one.tpot) ms")
    #expect(
      nine.compute > eight.compute * 2, "batch 9 compute \(nine.compute), batch 8 \(eight.compute)")
  }
}
