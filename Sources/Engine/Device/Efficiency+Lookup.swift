import Foundation
import Trace

extension Efficiency {
  /// The compute efficiency of an operator of `kind` in a pass that
  /// processes `tokens` tokens: the kind's override, else the curve at
  /// `tokens`, else the global value.
  /// Whether any efficiency depends on the tokens of a pass: a global or a
  /// per-kind curve.
  package var hasCurves: Bool {
    computeCurve != nil || memoryCurve != nil || byKind.values.contains { $0.computeCurve != nil }
  }

  package func compute(for kind: OpKind, tokens: Double) -> Double {
    let entry = byKind[kind]
    if let value = entry?.compute { return value }
    if let curve = entry?.computeCurve ?? computeCurve { return curve.value(at: tokens) }
    return compute
  }

  /// The memory efficiency of an operator of `kind` in a pass that processes
  /// `tokens` tokens: the kind's override, else the curve, else the global
  /// value.
  package func memory(for kind: OpKind, tokens: Double) -> Double {
    if let value = byKind[kind]?.memory { return value }
    if let curve = memoryCurve { return curve.value(at: tokens) }
    return memory
  }
}

extension EfficiencyCurve {
  /// The efficiency at `tokens`: linear in log2(tokens) between the points
  /// around it, clamped to the first and last points' values outside them.
  package func value(at tokens: Double) -> Double {
    guard let first = points.first, let last = points.last else { return 1 }
    if tokens <= first.0 { return first.1 }
    if tokens >= last.0 { return last.1 }
    let x = Foundation.log2(tokens)
    for i in 1..<points.count where tokens <= points[i].0 {
      let (x0, y0) = (Foundation.log2(points[i - 1].0), points[i - 1].1)
      let (x1, y1) = (Foundation.log2(points[i].0), points[i].1)
      if x1 == x0 { return y1 }
      return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    }
    return last.1
  }
}
