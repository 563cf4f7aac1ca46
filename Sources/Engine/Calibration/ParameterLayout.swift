import Foundation

/// How the fitted parameters map to the unconstrained vector the solver
/// moves: efficiencies through a logistic (so they stay in (0, 1]), the
/// dispatch latency through an exponential (so it stays ≥ 0).
struct ParameterLayout: Equatable {
  /// One fitted scalar.
  enum Slot: Equatable {
    case compute
    case memory
    case dispatch
    /// The efficiency at the curve knot with this many tokens.
    case knot(Double)

    /// The name reports use.
    var name: String {
      switch self {
      case .compute: return "compute"
      case .memory: return "memory"
      case .dispatch: return "dispatch"
      case .knot(let t): return "compute-curve at \(Int(t)) tokens"
      }
    }

    var isEfficiency: Bool { self != .dispatch }
  }

  var slots: [Slot]
  /// Curve knots (tokens), when the compute curve is fitted.
  var knots: [Double]

  /// Dispatch latency scale in the exponential transform, µs.
  static let dispatchScale = 1.0
  static let efficiencyRange = (-25.0, 35.0)
  static let dispatchRange = (-30.0, 16.0)

  /// Logistic: u ↦ 1 / (1 + e^(−u)), with u clamped so the result is in (0, 1].
  static func efficiency(_ u: Double) -> Double {
    let c = min(max(u, efficiencyRange.0), efficiencyRange.1)
    return 1 / (1 + exp(-c))
  }

  /// The logistic's inverse, for starting points (clamped inside (0, 1)).
  static func logit(_ e: Double) -> Double {
    let c = min(max(e, 1e-6), 1 - 1e-6)
    return log(c / (1 - c))
  }

  /// v ↦ scale · e^v, with v clamped.
  static func dispatch(_ v: Double) -> Double {
    dispatchScale * exp(min(max(v, dispatchRange.0), dispatchRange.1))
  }

  /// The exponential's inverse; latencies below 1e-3 µs start at 1 µs.
  static func dispatchInverse(_ d: Double) -> Double {
    log((d > 1e-3 ? d : 1) / dispatchScale)
  }

  /// The natural value of every slot in `p`.
  func values(of p: CalibrationParameters) -> [Double] {
    slots.map { slot in
      switch slot {
      case .compute: return p.computeEfficiency
      case .memory: return p.memoryEfficiency
      case .dispatch: return p.dispatchUs
      case .knot(let t): return p.computeEfficiency(tokens: t)
      }
    }
  }

  /// `base` with the slots set to natural `values`.
  func parameters(_ values: [Double], base: CalibrationParameters) -> CalibrationParameters {
    var p = base
    var points: [(Double, Double)] = []
    for (slot, value) in zip(slots, values) {
      switch slot {
      case .compute: p.computeEfficiency = value
      case .memory: p.memoryEfficiency = value
      case .dispatch: p.dispatchUs = value
      case .knot(let t): points.append((t, value))
      }
    }
    if !points.isEmpty {
      p.computeCurve = EfficiencyCurve(over: "tokens", points: points)
      // The global value: the curve's longest-pass efficiency.
      p.computeEfficiency = points.max { $0.0 < $1.0 }?.1 ?? p.computeEfficiency
    }
    return p
  }

  /// Natural values from the solver's vector.
  func natural(_ x: [Double]) -> [Double] {
    zip(slots, x).map { $0.isEfficiency ? Self.efficiency($1) : Self.dispatch($1) }
  }

  /// The solver's vector for natural values.
  func unconstrained(_ values: [Double]) -> [Double] {
    zip(slots, values).map { $0.isEfficiency ? Self.logit($1) : Self.dispatchInverse($1) }
  }
}
