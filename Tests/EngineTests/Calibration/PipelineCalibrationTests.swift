import Testing
import Trace

@testable import Engine

/// Calibration through the real forecast: measurements made by the pipeline
/// on a known device are fitted back by replaying each row's recorded trace
/// on candidate devices (what `life calibrate` does).
@Suite struct PipelineCalibrationTests {
  /// The known device: a V100 at ec 0.45, em 0.7 and 8 µs per call.
  static func truth() throws -> Device {
    DeviceOverrides(computeEfficiency: 0.45, memoryEfficiency: 0.7, dispatchUs: 8).apply(
      to: try Device.resolve("v100", at: .none))
  }

  /// Prefill rows from memory-bound to compute-bound, and decode rows, of
  /// Llama-2-7B and of a small model (bytes per kernel call differ, which
  /// tells memory time from dispatch time).
  static let shapes: [(MeasurementMetric, Int, Int, String?)] = [
    (.ttftMs, 8, 0, nil), (.ttftMs, 64, 0, nil), (.ttftMs, 256, 0, nil), (.ttftMs, 1024, 0, nil),
    (.ttftMs, 2048, 0, nil), (.tpotMs, 16, 3, nil), (.tpotMs, 512, 3, nil),
    (.tgTokS, 1024, 2, nil), (.ppTokS, 128, 0, nil), (.tpotMs, 16, 3, "qwen2.5-1.5b"),
    (.tpotMs, 512, 3, "qwen2.5-1.5b"), (.ttftMs, 8, 0, "qwen2.5-1.5b"),
    (.tpotMs, 16, 3, "llama-3.2-1b"), (.tpotMs, 512, 3, "llama-3.2-1b"),
    (.ttftMs, 64, 0, "qwen2.5-1.5b"),
  ]

  /// Rows whose index is at least this use int4 weights: small models with
  /// 4-bit weights decode in little more than their dispatch time, which
  /// pins the dispatch latency down.
  static var int4From: Int { shapes.count }
  static let int4Shapes: [(MeasurementMetric, Int, Int, String?)] = [
    (.tpotMs, 16, 3, "llama-3.2-1b"), (.tpotMs, 512, 3, "llama-3.2-1b"),
    (.tpotMs, 16, 3, "qwen2.5-1.5b"),
  ]

  static func pipeline(_ options: WorkloadOptions, _ device: Device, model: String? = nil) throws
    -> ForecastPipeline
  {
    ForecastPipeline(
      model: try ModelConfig.resolve(model ?? "llama-2-7b"), options: options,
      devices: [("device", device)], mapping: Mapping(prefill: "device", decode: "device"),
      keepSteps: false)
  }

  /// Rows measured by the full pipeline on the true device, times `noise(i)`.
  static func measure(noise: (Int) -> Double = { _ in 1 }) throws -> [Measurement] {
    let device = try truth()
    return try (shapes + int4Shapes).enumerated().map { i, shape in
      let overrides: [WorkloadSetting] =
        i >= int4From ? [try WorkloadOption.weights.parse("int4")] : []
      var row = Measurement(
        metric: shape.0, value: 1, prompt: shape.1, generate: shape.2, model: shape.3,
        overrides: overrides, line: i + 2)
      let options = row.workloadOptions(base: WorkloadOptions(prompt: 0))
      let f = try pipeline(options, device, model: shape.3).run().forecast
      row.value = row.forecastValue(ttftMs: f.ttftMs, tpotMsMean: f.tpotMeanMs ?? 0) * noise(i)
      return row
    }
  }

  /// A calibrator starting from the stock V100 whose model replays each
  /// row's compacted trace.
  static func calibrator(_ rows: [Measurement], leaveOneOut: Bool) throws -> Calibrator {
    let base = try Device.resolve("v100", at: .none)
    var traces: [Int: CompactWorkload] = [:]
    for row in rows {
      let options = row.workloadOptions(base: WorkloadOptions(prompt: 0))
      traces[row.line] = CompactWorkload(
        try RecordedWorkload(pipeline: pipeline(options, base, model: row.model)))
    }
    return Calibrator(device: base, leaveOneOut: leaveOneOut) {
      (device: Device, row: Measurement) throws(LifeError) in
      guard let trace = traces[row.line] else { throw LifeError(.failure, at: .none, "no trace") }
      let f = try trace.forecast(
        on: ForecastPipeline(
          model: trace.recorded.workload.model, options: trace.recorded.workload.options,
          devices: [("device", device)], mapping: Mapping(prefill: "device", decode: "device"),
          keepSteps: false))
      return (f.ttftMs, f.tpotMeanMs ?? 0)
    }
  }

  func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / b }

  @Test func fitsOwnForecastsBackWithinOnePercent() throws {
    let rows = try Self.measure()
    let result = try Self.calibrator(rows, leaveOneOut: false).calibrate(rows)
    #expect(relative(result.parameters.computeEfficiency, 0.45) < 0.01)
    #expect(relative(result.parameters.memoryEfficiency, 0.7) < 0.01)
    #expect(relative(result.parameters.dispatchUs, 8) < 0.01)
    #expect(result.mape < 0.01)
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func withFivePercentNoiseLandsWithinFivePercent(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let factors = (Self.shapes + Self.int4Shapes).indices.map { _ in 1 + 0.05 * (2 * rng.unit() - 1)
    }
    let rows = try Self.measure { factors[$0] }
    let result = try Self.calibrator(rows, leaveOneOut: false).calibrate(rows)
    #expect(relative(result.parameters.computeEfficiency, 0.45) < 0.05)
    #expect(relative(result.parameters.memoryEfficiency, 0.7) < 0.05)
    #expect(relative(result.parameters.dispatchUs, 8) < 0.05)
  }

  @Test func leaveOneOutReportsHeldOutError() throws {
    let rows = try Self.measure()
    let result = try Self.calibrator(rows, leaveOneOut: true).calibrate(rows)
    let loo = try #require(result.leaveOneOut)
    #expect(loo.rows.count == rows.count)
    let mean = try #require(loo.meanAbsoluteErrorPercent)
    // Exact measurements: every held-out row is forecast almost exactly.
    #expect(mean < 0.5)
    #expect(result.text.contains("held-out mean absolute error"))
  }

  @Test func compactReplayMatchesThePipeline() throws {
    var options = WorkloadOptions(prompt: 300)
    options.generate = 5
    let pipeline = try Self.pipeline(options, Self.truth())
    let full = try pipeline.run().forecast
    let compact = try CompactWorkload(RecordedWorkload(pipeline: pipeline)).forecast(on: pipeline)
    #expect(relative(compact.ttftMs, full.ttftMs) < 1e-12)
    #expect(relative(compact.tpotSumMs, full.tpotSumMs) < 1e-12)
    #expect(relative(compact.prefill.tComputeMs, full.prefill.tComputeMs) < 1e-12)
  }
}
