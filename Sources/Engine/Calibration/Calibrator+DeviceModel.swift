import Trace

extension Calibrator {
  /// A forecast of one measured workload on one device: TTFT and mean TPOT
  /// in ms (the mean is ignored for prefill rows, so it may be 0 when G = 0).
  package typealias DeviceForecast = (Device, Measurement) throws(LifeError) -> (
    ttftMs: Double, tpotMsMean: Double
  )

  /// A model closure that applies the candidate parameters to `base`, runs
  /// `forecast` (the simulator) and returns the row's metric.
  package static func deviceModel(base: Device, forecast: @escaping DeviceForecast) -> Model {
    { (p: CalibrationParameters, m: Measurement) throws(LifeError) -> Double in
      let device = p.applied(to: base)
      let f = try forecast(device, m)
      return m.forecastValue(ttftMs: f.ttftMs, tpotMsMean: f.tpotMsMean)
    }
  }

  /// A calibrator for `base` whose model runs `forecast` on the calibrated
  /// device: the usual way `life calibrate` builds one.
  package init(
    device base: Device, fit: [CalibrationParameter] = CalibrationParameter.defaultFit,
    file: String? = nil, leaveOneOut: Bool = true, forecast: @escaping DeviceForecast
  ) {
    self.init(
      base: CalibrationParameters(device: base), fit: fit, file: file, leaveOneOut: leaveOneOut,
      model: Self.deviceModel(base: base, forecast: forecast))
  }
}
