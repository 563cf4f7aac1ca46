import Testing
import Trace

@testable import Engine

/// The sampled replay against the full simulation: Σ TPOT, mean TPOT and
/// TTFT within 1e-4 relative, for short and long runs, on the `ideal`
/// runtime and on llama.cpp-cuda (whose padded cache makes decode time a
/// staircase in the step).
@Suite struct SampledWorkloadTests {
  static func pipeline(
    model: String, prompt: Int, generate: Int, weights: String? = nil, chunk: Int? = nil,
    runtime: String, device: String = "rtx-4090"
  ) throws -> ForecastPipeline {
    var options = WorkloadOptions(prompt: prompt)
    options.generate = generate
    if let weights { options.apply([try WorkloadOption.weights.parse(weights)]) }
    if let chunk { options.apply([.chunk(chunk)]) }
    return ForecastPipeline(
      model: try ModelConfig.resolve(model), options: options,
      devices: [("device", try Device.resolve(device, at: .none))],
      mapping: Mapping(prefill: "device", decode: "device"), keepSteps: false,
      runtime: try RuntimeChoice.parse(runtime))
  }

  func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

  /// Checks the sampled forecast against the pipeline's and returns it.
  @discardableResult
  func check(
    _ pipeline: ForecastPipeline, tolerance: Double = 1e-4,
    samples: Int = SampledWorkload.maxSamples
  ) throws -> SampledWorkload {
    let full = try pipeline.run().forecast
    let sampled = SampledWorkload(try pipeline.workload(), maxSamples: samples)
    let f = try sampled.forecast(on: pipeline)
    #expect(relative(f.ttftMs, full.ttftMs) < tolerance)
    #expect(relative(f.e2eMs, full.e2eMs) < tolerance)
    if let mean = full.tpotMeanMs {
      let got = try #require(f.tpotMeanMs)
      #expect(relative(got, mean) < tolerance, "mean TPOT \(got) vs \(mean)")
    } else {
      #expect(f.tpotMeanMs == nil)
    }
    return sampled
  }

  @Test func shortRunsAreKeptWhole() throws {
    let p = try Self.pipeline(model: "llama-3.2-1b", prompt: 128, generate: 16, runtime: "ideal")
    let sampled = try check(p, tolerance: 1e-12)
    #expect(sampled.decode.count == 16)
    #expect(sampled.prefill.count == 1)
  }

  @Test func longIdealRunIsSampled() throws {
    let p = try Self.pipeline(model: "llama-3.2-1b", prompt: 512, generate: 3000, runtime: "ideal")
    let sampled = try check(p, tolerance: 1e-9)
    #expect(sampled.decode.count == SampledWorkload.maxSamples)
    #expect(abs(sampled.decode.map(\.weight).reduce(0, +) - 3000) < 1e-9)
    #expect(sampled.decode.first?.info.step == 1 && sampled.decode.last?.info.step == 3000)
  }

  /// What `life validate` samples with: five units keep the forecasts
  /// within 1e-4 of the full simulation, padded cache and sliding window
  /// included.
  @Test(arguments: [
    ("llama-3.2-1b", 512, 3000, "llama.cpp-cuda"), ("mistral-7b", 3000, 3000, "llama.cpp-cuda"),
    ("llama-2-7b", 1024, 1024, "vllm"),
  ])
  func fiveSamplesAreEnough(_ c: (String, Int, Int, String)) throws {
    let p = try Self.pipeline(model: c.0, prompt: c.1, generate: c.2, runtime: c.3)
    let sampled = try check(p, tolerance: 1e-4, samples: 5)
    #expect(sampled.decode.count <= 8)
  }

  @Test func llamaCppShortRun() throws {
    let p = try Self.pipeline(
      model: "llama-3.2-1b", prompt: 512, generate: 128, weights: "Q4_0",
      runtime: "llama.cpp-cuda")
    let sampled = try check(p, tolerance: 1e-12)
    // Steps 1...128 attend to 513...640 keys, all padded to 768: one unit.
    #expect(sampled.decode.count == 1)
    #expect(sampled.decode[0].weight == 128)
  }

  @Test func llamaCppLongRunIsSampledByPaddingUnit() throws {
    let p = try Self.pipeline(
      model: "llama-3.2-1b", prompt: 300, generate: 12_000, weights: "Q4_0",
      runtime: "llama.cpp-cuda")
    let sampled = try check(p, tolerance: 1e-9)
    // 301...12300 keys pad to 512, 768, ..., 12544: 48 units, 33 kept.
    #expect(sampled.decode.count == SampledWorkload.maxSamples)
    #expect(abs(sampled.decode.map(\.weight).reduce(0, +) - 12_000) < 1e-9)
  }

  @Test func slidingWindowCrossingIsKept() throws {
    // gemma2-2b: a 4096-token window on even layers, crossed at step 1096.
    let p = try Self.pipeline(model: "gemma2-2b", prompt: 3000, generate: 3000, runtime: "ideal")
    let sampled = try check(p, tolerance: 1e-9)
    #expect(sampled.decode.contains { $0.info.step == 1096 })
  }

  @Test func chunkedPrefillIsSampled() throws {
    // 40,000 tokens in chunks of 512: 78 full chunks (sampled) and one of 64.
    let p = try Self.pipeline(
      model: "llama-3.2-1b", prompt: 40_000, generate: 4, chunk: 512, runtime: "ideal")
    let sampled = try check(p, tolerance: 1e-9)
    #expect(sampled.prefill.count == SampledWorkload.maxSamples + 1)
    #expect(sampled.prefill.last?.info.newTokens == 64)
    #expect(abs(sampled.prefill.map(\.weight).reduce(0, +) - 79) < 1e-12)
  }

  @Test func llamaCppChunkedPrefill() throws {
    let p = try Self.pipeline(
      model: "llama-3.2-1b", prompt: 4096, generate: 300, weights: "Q8_0",
      runtime: "llama.cpp-cuda")
    try check(p, tolerance: 1e-9)
  }

  @Test func aHundredThousandStepsKeepABoundedSample() throws {
    let p = try Self.pipeline(
      model: "llama-3.2-1b", prompt: 512, generate: 100_000, weights: "Q4_0",
      runtime: "llama.cpp-cuda")
    let sampled = SampledWorkload(try p.workload())
    #expect(sampled.decode.count == SampledWorkload.maxSamples)
    #expect(abs(sampled.decode.map(\.weight).reduce(0, +) - 100_000) < 1e-6)
    let f = try sampled.forecast(on: p)
    #expect((f.tpotMeanMs ?? 0) > 0)
  }

  @Test func unitWeightsByHand() {
    // 100 units of mass 1: kept 0, 3, 6, ..., 99 (j · 99 / 32 rounded). Unit
    // 0: own 1 + (3 − 0 − 1) / 2 = 2; unit 3: 1 + 2/2 + 2/2 = 3.
    let picked = UnitSample.pick(units: 100, interiorMass: 1)
    #expect(picked.count == 33)
    #expect(picked[0].unit == 0 && picked[0].weight == 2)
    #expect(picked[1].unit == 3 && picked[1].weight == 3)
    #expect(picked.last?.unit == 99)
    #expect(picked.map(\.weight).reduce(0, +) == 100)
    // Few units: all kept at their own mass.
    let few = UnitSample.pick(units: 3, interiorMass: 256, mass: { [12, 256, 76][$0] })
    #expect(few.map(\.weight) == [12, 256, 76])
  }

  @Test func decodeUnitsByHand() {
    // 500 cached tokens, padding 256, 600 steps: step 1 attends to 501 keys
    // (padded to 512), step 13 to 513 (768); the last, 1100 (1280).
    let units = DecodeUnits(past: 500, size: 256, steps: 600)
    #expect(units.firstMultiple == 2)
    #expect(units.unit(ofStep: 12) == 0 && units.unit(ofStep: 13) == 1)
    #expect(units.count == 4)
    #expect((0..<4).map(units.firstStep) == [1, 13, 269, 525])
    #expect((0..<4).map(units.lastStep) == [12, 268, 524, 600])
    // Without padding every step is its own unit.
    let steps = DecodeUnits(past: 500, size: 1, steps: 600)
    #expect(steps.count == 600 && steps.firstStep(9) == 10 && steps.lastStep(9) == 10)
  }

  @Test func severalDevicesReplayTheWholeWorkload() throws {
    var options = WorkloadOptions(prompt: 64)
    options.generate = 40
    let npu = try Device.resolve("ryzen-ai-max-395-npu", at: .none)
    let igpu = try Device.resolve("ryzen-ai-max-395-igpu", at: .none)
    let p = ForecastPipeline(
      model: try ModelConfig.resolve("llama-3.2-1b"), options: options,
      devices: [("npu", npu), ("igpu", igpu)], mapping: Mapping(prefill: "npu", decode: "igpu"),
      keepSteps: false)
    try check(p, tolerance: 1e-12)
  }
}
