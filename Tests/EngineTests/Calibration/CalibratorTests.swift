import Testing
import Trace

@testable import Engine

@Suite struct CalibratorTests {
  let model = SyntheticModel()
  let truth = CalibrationParameters(computeEfficiency: 0.6, memoryEfficiency: 0.75, dispatchUs: 40)
  let start = CalibrationParameters(computeEfficiency: 0.5, memoryEfficiency: 0.5, dispatchUs: 10)

  func calibrator(
    _ fit: [CalibrationParameter] = CalibrationParameter.defaultFit, leaveOneOut: Bool = false,
    base: CalibrationParameters? = nil
  ) -> Calibrator {
    let model = self.model
    return Calibrator(base: base ?? start, fit: fit, file: "m.csv", leaveOneOut: leaveOneOut) {
      p, m in model.forecast(p, m)
    }
  }

  func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / b }

  @Test func fitsExactMeasurementsBackWithinOnePercent() throws {
    let rows = model.measure(SyntheticModel.richRows, truth: truth)
    let result = try calibrator().calibrate(rows)
    #expect(relative(result.parameters.computeEfficiency, 0.6) < 0.01)
    #expect(relative(result.parameters.memoryEfficiency, 0.75) < 0.01)
    #expect(relative(result.parameters.dispatchUs, 40) < 0.01)
    #expect(result.mape < 0.01)
    #expect(result.values.map(\.name) == ["compute", "memory", "dispatch"])
  }

  @Test func fitsNoisyMeasurementsWithinFivePercent() throws {
    for seed: UInt64 in [1, 2, 3] {
      let rows = model.measure(SyntheticModel.richRows, truth: truth, noise: 0.05, seed: seed)
      let result = try calibrator().calibrate(rows)
      #expect(relative(result.parameters.computeEfficiency, 0.6) < 0.05, "seed \(seed)")
      #expect(relative(result.parameters.memoryEfficiency, 0.75) < 0.05, "seed \(seed)")
      #expect(relative(result.parameters.dispatchUs, 40) < 0.05, "seed \(seed)")
      #expect(result.mape < 5, "seed \(seed)")
    }
  }

  @Test func leaveOneOutReportsHeldOutError() throws {
    let specs = Array(SyntheticModel.richRows.prefix(13))
    let rows = model.measure(specs, truth: truth, noise: 0.02, seed: 7)
    let result = try calibrator(
      [.compute, .memory], leaveOneOut: true,
      base: CalibrationParameters(computeEfficiency: 0.5, memoryEfficiency: 0.5, dispatchUs: 40)
    )
    .calibrate(rows)
    let loo = try #require(result.leaveOneOut)
    #expect(loo.rows.count == rows.count)
    #expect(loo.rows.allSatisfy { $0.errorPercent != nil })
    let mean = try #require(loo.meanAbsoluteErrorPercent)
    #expect(mean > 0 && mean < 10)
    // The held-out error is at least the in-sample one on average.
    #expect(mean >= result.mape * 0.5)
    #expect(result.text.contains("leave-one-out"))
  }

  @Test func refusesComputeFromDecodeRowsOnly() {
    let specs = SyntheticModel.richRows.filter { !$0.0.isPrefill && $0.3 == "big" }
    let rows = model.measure(specs, truth: truth)
    #expect {
      try calibrator([.compute, .memory]).calibrate(rows)
    } throws: { error in
      guard let e = error as? LifeError else { return false }
      return e.message.contains("cannot fit compute")
        && e.expected?.contains("prefill rows") == true
        && e.location.file == "m.csv" && e.got == "4 tpot_ms rows"
    }
  }

  @Test func refusesParametersItCannotSeparate() {
    // Two identical rows: memory and dispatch both just scale the same time.
    let rows = model.measure([(.tpotMs, 128, 8, "big"), (.tpotMs, 128, 8, "big")], truth: truth)
    #expect {
      try calibrator([.memory, .dispatch]).calibrate(rows)
    } throws: { error in
      (error as? LifeError)?.message.contains("cannot fit dispatch separately from memory") == true
    }
  }

  @Test func refusesTooFewRows() {
    let rows = model.measure([(.ttftMs, 4096, 0, "big")], truth: truth)
    #expect {
      try calibrator().calibrate(rows)
    } throws: { error in
      (error as? LifeError)?.message.hasPrefix("1 measurement cannot determine 3 parameters")
        == true
    }
  }

  @Test func efficienciesStayInsideZeroOne() throws {
    // Measurements faster than the peaks allow: the fit must stop at 1.
    let fast = CalibrationParameters(computeEfficiency: 1.6, memoryEfficiency: 1.4, dispatchUs: 40)
    let rows = model.measure(SyntheticModel.richRows, truth: fast)
    let result = try calibrator().calibrate(rows)
    for e in [result.parameters.computeEfficiency, result.parameters.memoryEfficiency] {
      #expect(e > 0 && e <= 1)
    }
    let rounded = result.parameters.rounded
    #expect(rounded.computeEfficiency <= 1 && rounded.memoryEfficiency <= 1)
    // Very slow measurements: efficiencies stay above 0.
    let slow = CalibrationParameters(computeEfficiency: 1e-9, memoryEfficiency: 1e-9, dispatchUs: 1)
    let slowRows = model.measure(SyntheticModel.richRows, truth: slow)
    if let r = try? calibrator().calibrate(slowRows) {
      #expect(r.parameters.computeEfficiency > 0 && r.parameters.memoryEfficiency > 0)
      #expect(r.parameters.rounded.computeEfficiency >= 1e-6)
    }
  }

  @Test func fitsAComputeCurveOverPromptLengths() throws {
    let slowDevice = SyntheticModel(tops: 5, bandwidthGBs: 100)
    let curve = EfficiencyCurve(points: [(64, 0.3), (256, 0.45), (1024, 0.6), (4096, 0.55)])
    let curveTruth = CalibrationParameters(
      computeEfficiency: 0.5, memoryEfficiency: 0.75, dispatchUs: 40, computeCurve: curve)
    let specs: [(MeasurementMetric, Int, Int, String)] = [64, 256, 1024, 4096].map {
      (.ttftMs, $0, 0, "big")
    }
    let rows = slowDevice.measure(specs, truth: curveTruth)
    // Memory and dispatch as the truth: only the curve is fitted.
    let base = CalibrationParameters(computeEfficiency: 0.5, memoryEfficiency: 0.75, dispatchUs: 40)
    let c = Calibrator(base: base, fit: [.computeCurve], file: "m.csv", leaveOneOut: false) {
      p, m in slowDevice.forecast(p, m)
    }
    let result = try c.calibrate(rows)
    let fitted = try #require(result.parameters.computeCurve)
    #expect(fitted.points.map(\.0) == [64, 256, 1024, 4096])
    for (got, want) in zip(fitted.points, curve.points) {
      #expect(relative(got.1, want.1) < 0.01)
    }
    #expect(result.values.first?.name == "compute-curve at 64 tokens")
    // The global value records the longest pass's efficiency.
    #expect(result.parameters.computeEfficiency == fitted.points.last?.1)
  }

  @Test func refusesACurveFromOnePromptLength() {
    let rows = model.measure([(.ttftMs, 512, 0, "big"), (.ttftMs, 512, 0, "big")], truth: truth)
    #expect {
      try calibrator([.computeCurve]).calibrate(rows)
    } throws: { error in
      (error as? LifeError)?.message.contains("span too few prompt lengths") == true
    }
  }

  @Test func curveKnotsAreLog2SpacedWhenManyPromptLengths() throws {
    let rows = [16, 32, 64, 128, 256, 512, 1024, 2048].map {
      Measurement(metric: .ttftMs, value: 1, prompt: $0, generate: 0)
    }
    // 8 distinct lengths > 6 knots: 2^(4 + 7·i/5), i = 0...5, rounded.
    #expect(
      try Calibrator.curveKnots(rows, file: nil) == [16, 42, 111, 294, 776, 2048])
  }

  @Test func aFailingModelIsReportedAtItsRow() {
    let rows = model.measure(SyntheticModel.richRows, truth: truth)
    let c = Calibrator(base: start, fit: [.compute], leaveOneOut: false) { _, m in
      m.line == 3 ? .nan : 1
    }
    #expect {
      try c.calibrate(rows)
    } throws: { error in
      (error as? LifeError)?.location.path == "line 3"
    }
  }

  @Test func refusesACurveKnotAtAMemoryBoundPrompt() {
    // At 50 TOPS a 16-token prefill of the big model is memory-bound: the knot
    // at 16 tokens moves no forecast.
    let rows = model.measure([(.ttftMs, 16, 0, "big"), (.ttftMs, 4096, 0, "big")], truth: truth)
    #expect {
      try calibrator([.computeCurve]).calibrate(rows)
    } throws: { error in
      let e = error as? LifeError
      return e?.message.hasPrefix("cannot fit compute-curve at 16 tokens") == true
        && e?.expected?.contains("near 16 prompt tokens") == true
    }
  }

  @Test func deviceModelAppliesParametersToTheBaseDevice() throws {
    let base = CalibrationSupportTests.npu
    let model = Calibrator.deviceModel(base: base) { device, m throws(LifeError) in
      // TTFT = prompt / (compute efficiency) ms; TPOT = dispatch ms.
      (Double(m.prompt) / device.efficiency.compute, device.dispatchUs)
    }
    let p = CalibrationParameters(computeEfficiency: 0.25, memoryEfficiency: 1, dispatchUs: 8)
    // 100 / 0.25 = 400 ms TTFT; pp_tok_s = 100 / 0.4 s = 250; tg_tok_s = 1000 / 8 = 125.
    #expect(try model(p, Measurement(metric: .ttftMs, value: 1, prompt: 100, generate: 0)) == 400)
    #expect(try model(p, Measurement(metric: .ppTokS, value: 1, prompt: 100, generate: 0)) == 250)
    #expect(try model(p, Measurement(metric: .tgTokS, value: 1, prompt: 100, generate: 4)) == 125)
  }
}
