import Foundation
import Trace

/// The values calibration fits: efficiencies, dispatch latency and an
/// optional compute curve. A model closure receives these and forecasts a
/// measurement with them; ``applied(to:)`` turns them into a device.
package struct CalibrationParameters: Sendable, Equatable {
  /// Global compute efficiency, in (0, 1].
  package var computeEfficiency: Double
  /// Global memory efficiency, in (0, 1].
  package var memoryEfficiency: Double
  /// Dispatch latency per kernel call, in microseconds (≥ 0).
  package var dispatchUs: Double
  /// A compute curve over tokens per pass; replaces ``computeEfficiency``
  /// when present.
  package var computeCurve: EfficiencyCurve?
  /// A memory curve carried over from the base device (dropped when memory
  /// is fitted).
  package var memoryCurve: EfficiencyCurve?

  /// Creates parameters.
  package init(
    computeEfficiency: Double, memoryEfficiency: Double, dispatchUs: Double,
    computeCurve: EfficiencyCurve? = nil, memoryCurve: EfficiencyCurve? = nil
  ) {
    self.computeEfficiency = computeEfficiency
    self.memoryEfficiency = memoryEfficiency
    self.dispatchUs = dispatchUs
    self.computeCurve = computeCurve
    self.memoryCurve = memoryCurve
  }

  /// The parameters a device has now: the starting point of a fit.
  package init(device: Device) {
    self.init(
      computeEfficiency: device.efficiency.compute, memoryEfficiency: device.efficiency.memory,
      dispatchUs: device.dispatchUs, computeCurve: device.efficiency.computeCurve,
      memoryCurve: device.efficiency.memoryCurve)
  }

  /// `base` with these efficiencies, curves and dispatch latency (per-kind
  /// overrides, peaks and everything else kept).
  package func applied(to base: Device) -> Device {
    var device = base
    device.dispatchUs = dispatchUs
    device.efficiency.compute = computeEfficiency
    device.efficiency.memory = memoryEfficiency
    device.efficiency.computeCurve = computeCurve
    device.efficiency.memoryCurve = memoryCurve
    device.given = .all
    return device
  }

  /// The compute efficiency a pass over `tokens` tokens gets: the curve's
  /// value (linear in log2(tokens), clamped at the end points) or the global
  /// value.
  package func computeEfficiency(tokens: Double) -> Double {
    guard let curve = computeCurve else { return computeEfficiency }
    return CurveInterpolation.value(of: curve, at: tokens)
  }

  /// The memory efficiency a pass over `tokens` tokens gets.
  package func memoryEfficiency(tokens: Double) -> Double {
    guard let curve = memoryCurve else { return memoryEfficiency }
    return CurveInterpolation.value(of: curve, at: tokens)
  }
}

/// Evaluates an ``EfficiencyCurve`` as CONTRACT.md defines it.
package enum CurveInterpolation {
  /// The curve at `tokens`: linear in log2(tokens) between points, clamped
  /// at the end points. An empty curve gives 1.
  package static func value(of curve: EfficiencyCurve, at tokens: Double) -> Double {
    let points = curve.points
    guard let first = points.first, let last = points.last else { return 1 }
    if tokens <= first.0 { return first.1 }
    if tokens >= last.0 { return last.1 }
    let x = log2(tokens)
    for i in 1..<points.count where tokens <= points[i].0 {
      let (x0, y0) = (log2(points[i - 1].0), points[i - 1].1)
      let (x1, y1) = (log2(points[i].0), points[i].1)
      if x1 == x0 { return y1 }
      return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    }
    return last.1
  }
}
