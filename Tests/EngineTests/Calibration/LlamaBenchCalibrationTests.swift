import Foundation
import Testing
import Trace

@testable import Engine

/// The existing fit runs on rows read from llama-bench output: their
/// weights, KV type and micro-batch (`.chunk`) workloads, tgN rows without
/// a prompt, and ppP+tgG rows (`e2e_tok_s`).
@Suite struct LlamaBenchCalibrationTests {
  /// The known device: an RTX 4090 at ec 0.55, em 0.8 and 5 µs per call.
  static func truth() throws -> Device {
    DeviceOverrides(computeEfficiency: 0.55, memoryEfficiency: 0.8, dispatchUs: 5).apply(
      to: try Device.resolve("rtx-4090", at: .none))
  }

  static func pipeline(_ row: Measurement, _ device: Device) throws -> ForecastPipeline {
    ForecastPipeline(
      model: try ModelConfig.resolve("llama-2-7b"),
      options: row.workloadOptions(base: WorkloadOptions(prompt: 0)),
      devices: [("device", device)], mapping: Mapping(prefill: "device", decode: "device"),
      keepSteps: false)
  }

  /// The tests of two llama.cpp tables of a 7B model (F16, Q8_0, Q4_0; pp,
  /// tg and pp+tg), their values replaced by forecasts on the known device
  /// and their 128 decode steps cut to 4 (a debug-build fit replays every
  /// step hundreds of times).
  static func rows() throws -> [Measurement] {
    let text = try ["pr4766-cuda.md", "pr7199-pg.md"].map(LlamaBenchOutputTests.text)
      .joined(separator: "\n")
    let device = try truth()
    return try MeasurementsFile.parse(text, file: nil).map { row in
      var row = row
      row.generate = min(row.generate, 4)
      let f = try pipeline(row, device).run().forecast
      row.value = row.forecastValue(ttftMs: f.ttftMs, tpotMsMean: f.tpotMeanMs ?? 0)
      return row
    }
  }

  @Test func fitsLlamaBenchRowsBack() throws {
    let rows = try Self.rows()
    #expect(rows.map(\.metric).contains(.e2eTokS))
    #expect(rows.allSatisfy { $0.overrides.contains(.chunk(512)) })
    let base = try Device.resolve("rtx-4090", at: .none)
    var traces: [Int: CompactWorkload] = [:]
    for row in rows {
      traces[row.line] = CompactWorkload(try RecordedWorkload(pipeline: Self.pipeline(row, base)))
    }
    let calibrator = Calibrator(device: base, leaveOneOut: false) {
      (device: Device, row: Measurement) throws(LifeError) in
      guard let trace = traces[row.line] else { throw LifeError(.failure, at: .none, "no trace") }
      let f = try trace.forecast(
        on: ForecastPipeline(
          model: trace.recorded.workload.model, options: trace.recorded.workload.options,
          devices: [("device", device)], mapping: Mapping(prefill: "device", decode: "device"),
          keepSteps: false))
      return (f.ttftMs, f.tpotMeanMs ?? 0)
    }
    let result = try calibrator.calibrate(rows)
    func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / b }
    #expect(relative(result.parameters.computeEfficiency, 0.55) < 0.01)
    #expect(relative(result.parameters.memoryEfficiency, 0.8) < 0.01)
    #expect(relative(result.parameters.dispatchUs, 5) < 0.02)
    #expect(result.mape < 0.01)
  }
}
