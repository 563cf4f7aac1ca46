/// `life calibrate`: fit a device's efficiencies and dispatch latency to
/// measurements.
struct CalibrateRequest: Sendable, Equatable {
  /// A parameter `--fit` may name.
  enum FitParameter: String, Sendable, CaseIterable {
    case compute, memory, dispatch
    case computeCurve = "compute-curve"
  }

  /// The default model for rows without a `model` column.
  var model: String
  /// The device to calibrate: a preset name or a device JSON path.
  var device: String
  /// The measurements CSV.
  var measurements: String
  /// The calibrated device JSON to write.
  var out: String
  /// What to fit, in the order given.
  var fit: [FitParameter]
}
