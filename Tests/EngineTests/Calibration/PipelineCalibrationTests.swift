import Testing
import Trace

@testable import Engine

/// Calibration through the real forecast: measurements made by the pipeline
/// on a known device are fitted back by replaying each row's recorded trace
/// on candidate devices (what `life calibrate` does).
@Suite struct PipelineCalibrationTests {
  /// The known device: a V100 at ec 0.45, em 0.7 and 8 µs per call.
  static func truth() throws -> Device {
    try Device.resolve("v100", at: .none).overriding(
      computeEfficiency: 0.45, memoryEfficiency: 0.7, dispatchUs: 8)
  }

  /// Prefill rows from memory-bound to compute-bound, and decode rows.
  static let shapes: [(MeasurementMetric, Int, Int)] = [
    (.ttftMs, 8, 0), (.ttftMs, 64, 0), (.ttftMs, 256, 0), (.ttftMs, 1024, 0), (.ttftMs, 2048, 0),
    (.tpotMs, 16, 3), (.tpotMs, 512, 3), (.tgTokS, 1024, 2), (.ppTokS, 128, 0),
  ]

  static func pipeline(_ options: WorkloadOptions, _ device: Device) throws -> ForecastPipeline {
    ForecastPipeline(
      model: try ModelConfig.resolve("llama-2-7b"), options: options,
      devices: [("device", device)], mapping: Mapping(prefill: "device", decode: "device"),
      keepSteps: false)
  }

  /// Rows measured by the full pipeline on the true device, times `noise(i)`.
  static func measure(noise: (Int) -> Double = { _ in 1 }) throws -> [Measurement] {
    let device = try truth()
    return try shapes.enumerated().map { i, shape in
      var options = WorkloadOptions(prompt: shape.1)
      options.generate = shape.2
      let f = try pipeline(options, device).run().forecast
      let row = Measurement(metric: shape.0, value: 1, prompt: shape.1, generate: shape.2, line: i + 2)
      let value = row.forecastValue(ttftMs: f.ttftMs, tpotMsMean: f.tpotMeanMs ?? 0)
      return Measurement(
        metric: shape.0, value: value * noise(i), prompt: shape.1, generate: shape.2, line: i + 2)
    }
  }

  /// A calibrator starting from the stock V100 whose model replays each
  /// row's compacted trace.
  static func calibrator(_ rows: [Measurement], leaveOneOut: Bool) throws -> Calibrator {
    let base = try Device.resolve("v100", at: .none)
    var traces: [Int: CompactWorkload] = [:]
    for row in rows {
      let options = try row.workloadOptions(base: WorkloadOptions(prompt: 0))
      traces[row.line] = CompactWorkload(try RecordedWorkload(pipeline: pipeline(options, base)))
    }
    let model = try ModelConfig.resolve("llama-2-7b")
    return Calibrator(device: base, leaveOneOut: leaveOneOut) {
      (device: Device, row: Measurement) throws(LifeError) in
      guard let trace = traces[row.line] else { throw LifeError(.failure, at: .none, "no trace") }
      let f = try trace.forecast(
        on: ForecastPipeline(
          model: model, options: trace.recorded.workload.options,
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

  @Test func withFivePercentNoiseLandsWithinFivePercent() throws {
    var rng = SplitMix64(seed: 7)
    let factors = Self.shapes.indices.map { _ in 1 + 0.05 * (2 * rng.unit() - 1) }
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
