import Testing
import Trace

@testable import Engine

/// The likely-range bands a calibration gives the device it writes: the
/// 10th and 90th percentiles of measured ÷ held-out forecast time.
@Suite struct CalibrationUncertaintyTests {
  static func held(_ metric: MeasurementMetric, measured: Double, forecast: Double?)
    -> CalibrationResult.HeldOut
  {
    let m = Measurement(
      metric: metric, value: measured, prompt: metric.needsPrompt ? 128 : 0,
      generate: metric.needsDecode ? 16 : 0)
    return .init(
      measurement: m, forecast: forecast,
      errorPercent: forecast.map {
        CalibrationResult.errorPercent(measured: measured, forecast: $0)
      }, note: forecast == nil ? "undetermined" : nil)
  }

  /// Prefill time ratios 0.8, 0.9, 1.0, 1.1, 1.2 — three from `ttft_ms`
  /// (measured ÷ forecast) and two from `pp_tok_s` (forecast ÷ measured:
  /// a rate 10 % low is a time 1/0.9 high, so 1000 tok/s forecast against
  /// 1250 measured is 0.8). Sorted, rank 0.1 · 4 = 0.4 → 0.8 + 0.4 · 0.1 =
  /// 0.84; rank 3.6 → 1.1 + 0.6 · 0.1 = 1.16.
  @Test func prefillBandMixesTimesAndInvertedRates() throws {
    let loo = CalibrationResult.LeaveOneOut(
      rows: [
        Self.held(.ttftMs, measured: 90, forecast: 100),
        Self.held(.ppTokS, measured: 1250, forecast: 1000),
        Self.held(.ttftMs, measured: 100, forecast: 100),
        Self.held(.ttftMs, measured: 220, forecast: 200),
        Self.held(.ppTokS, measured: 500, forecast: 600),
      ], meanAbsoluteErrorPercent: nil)
    let band = try #require(loo.uncertainty.prefill)
    #expect(band.rows == 5)
    #expect(abs(band.low - 0.84) < 1e-12)
    #expect(abs(band.high - 1.16) < 1e-12)
    #expect(loo.uncertainty.decode == nil, "no decode rows: no decode band")
  }

  /// Decode rows from `tpot_ms` and `tg_tok_s`; `e2e_tok_s` rows and rows
  /// that could not be refitted count for neither phase, so four usable
  /// decode rows give no band and a fifth gives one.
  @Test func decodeNeedsFiveUsableRows() throws {
    var rows = [
      Self.held(.tpotMs, measured: 10, forecast: 10),
      Self.held(.tgTokS, measured: 50, forecast: 100),
      Self.held(.tpotMs, measured: 30, forecast: 20),
      Self.held(.tpotMs, measured: 12, forecast: 10),
      Self.held(.e2eTokS, measured: 10, forecast: 20),
      Self.held(.tpotMs, measured: 12, forecast: nil),
    ]
    var loo = CalibrationResult.LeaveOneOut(rows: rows, meanAbsoluteErrorPercent: nil)
    #expect(loo.uncertainty.decode == nil)
    rows.append(Self.held(.tgTokS, measured: 100, forecast: 80))
    loo.rows = rows
    // Ratios 1.0, 2.0, 1.5, 1.2, 0.8 → sorted 0.8, 1.0, 1.2, 1.5, 2.0:
    // p10 = 0.8 + 0.4 · 0.2 = 0.88, p90 = 1.5 + 0.6 · 0.5 = 1.8.
    let band = try #require(loo.uncertainty.decode)
    #expect(band.rows == 5)
    #expect(abs(band.low - 0.88) < 1e-12)
    #expect(abs(band.high - 1.8) < 1e-12)
  }

  /// The calibrated device carries the bands; without leave-one-out it
  /// carries an empty set, so forecasts on it say "no basis" instead of
  /// borrowing the zero-shot bands of its class.
  @Test func theCalibratedDeviceCarriesItsBands() throws {
    let base = try Device.resolve("rtx-4090", at: .none)
    let p = CalibrationParameters(device: base)
    var result = CalibrationResult(
      parameters: p, fitted: [.memory], values: [], rows: [], mape: 0, iterations: 0)
    #expect(result.device(base: base).uncertainty == ClassUncertainty(prefill: nil, decode: nil))
    result.leaveOneOut = .init(
      rows: (0..<5).map { Self.held(.tpotMs, measured: 10 + Double($0), forecast: 10) },
      meanAbsoluteErrorPercent: nil)
    let device = result.device(base: base)
    #expect(device.uncertainty?.decode == ResidualBand(rows: 5, low: 1.04, high: 1.36))
    #expect(device.uncertainty?.prefill == nil)
  }
}
