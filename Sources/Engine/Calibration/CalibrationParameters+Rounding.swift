import Foundation

extension CalibrationParameters {
  /// The parameters as a device file records them: efficiencies to 6
  /// significant digits (never below 1e-6, never above 1), dispatch to
  /// 0.001 µs, so written files are short and stable.
  package var rounded: CalibrationParameters {
    var p = self
    p.computeEfficiency = Self.roundEfficiency(computeEfficiency)
    p.memoryEfficiency = Self.roundEfficiency(memoryEfficiency)
    p.dispatchUs = max(0, (dispatchUs * 1000).rounded() / 1000)
    if let curve = computeCurve {
      p.computeCurve = EfficiencyCurve(
        over: curve.over, points: curve.points.map { ($0.0, Self.roundEfficiency($0.1)) })
    }
    if let curve = memoryCurve {
      p.memoryCurve = EfficiencyCurve(
        over: curve.over, points: curve.points.map { ($0.0, Self.roundEfficiency($0.1)) })
    }
    return p
  }

  /// `e` to 6 significant digits, clamped to [1e-6, 1].
  static func roundEfficiency(_ e: Double) -> Double {
    guard e > 0, e.isFinite else { return 1e-6 }
    let digits = 6 - Int(floor(log10(e))) - 1
    let scale = pow(10, Double(digits))
    return min(1, max(1e-6, (e * scale).rounded() / scale))
  }
}

extension CalibrationResult {
  /// `base` calibrated: the fitted parameters, rounded as device files
  /// record them, applied to it, with the held-out bands
  /// (``LeaveOneOut/uncertainty``; none without leave-one-out). Forecasts
  /// on it take their likely ranges from its own calibration, never from
  /// the zero-shot corpus residuals of its class, which describe forecasts
  /// it no longer makes.
  package func device(base: Device) -> Device {
    var device = parameters.rounded.applied(to: base)
    device.uncertainty =
      leaveOneOut?.uncertainty ?? ClassUncertainty(prefill: nil, decode: nil)
    return device
  }
}
