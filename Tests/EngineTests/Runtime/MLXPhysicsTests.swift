import Testing
import Trace

@testable import Engine

/// What MLX's kernel choice implies for decode: passes of up to 12 tokens
/// run `qmv` matrix-vector kernels (no tile to fill), larger ones the tiled
/// quantized GEMM with its ramp.
@Suite struct MLXPhysicsTests {
  /// The first decode step of Llama-3.1-8B in MLX's 4-bit format at
  /// `batch` on an M3 Max: its compute and memory times.
  static func step(batch: Int) throws -> (compute: Double, memory: Double) {
    var options = WorkloadOptions(prompt: 128)
    options.batch = batch
    options.generate = 2
    options.apply([try WorkloadOption.weights.parse("int4")])
    let forecast = try ForecastPipeline(
      model: try ModelConfig.resolve("llama-3.1-8b"), options: options,
      devices: [("device", try Device.resolve("m3-max-gpu", at: .none))],
      mapping: Mapping(prefill: "device", decode: "device"), keepSteps: true,
      runtime: try RuntimeChoice.parse("mlx")
    ).run().forecast
    let step = try #require(forecast.steps.first)
    return (step.tComputeMs, step.tMemoryMs)
  }

  /// A batch-1 step is bound by the weights it reads. From 12 tokens to 13
  /// the GEMMs leave the matrix-vector kernels: compute grows by more than
  /// the 13 / 12 of the extra row, where a curve rising with the tokens
  /// would grow it by less.
  @Test func decodeLeavesTheMatrixVectorKernelsAfterTwelveTokens() throws {
    let one = try Self.step(batch: 1)
    #expect(one.compute < one.memory, "batch 1: compute \(one.compute) ms, memory \(one.memory) ms")
    let twelve = try Self.step(batch: 12)
    let thirteen = try Self.step(batch: 13)
    #expect(
      thirteen.compute > twelve.compute * 13 / 12,
      "batch 13 compute \(thirteen.compute) ms, batch 12 \(twelve.compute) ms")
  }
}
