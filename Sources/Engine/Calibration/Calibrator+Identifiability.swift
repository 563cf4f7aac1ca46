import Foundation
import Trace

extension Calibrator {
  /// The smallest sensitivity (change of relative error per unit change of
  /// log parameter, root-sum-square over rows) a fitted parameter must have.
  static let minimumSensitivity = 1e-4
  /// The smallest residual of a parameter's normalised sensitivity after
  /// removing what earlier parameters explain (Cholesky pivot of the Gram
  /// matrix); below it two parameters cannot be told apart.
  static let minimumIndependence = 1e-6

  /// Refuses parameters the rows cannot determine: those no row's forecast
  /// depends on, and those whose effect the other parameters mimic exactly.
  func checkIdentifiable(
    _ rows: [Measurement], layout: ParameterLayout, base: CalibrationParameters,
    values: [Double], when: String
  ) throws(LifeError) {
    let columns = try sensitivities(rows, layout: layout, base: base, values: values)
    for (slot, column) in zip(layout.slots, columns) {
      let norm = sqrt(column.reduce(0) { $0 + $1 * $1 })
      if !(norm >= Self.minimumSensitivity) {
        throw LifeError.file(
          file, path: nil,
          "cannot fit \(slot.name): no measurement's forecast depends on it\(when)",
          got: Self.summary(rows), expected: Self.hint(for: slot))
      }
    }
    // Gram matrix of unit columns; a vanishing Cholesky pivot means the
    // column is a combination of earlier ones.
    let units = columns.map { c -> [Double] in
      let n = sqrt(c.reduce(0) { $0 + $1 * $1 })
      return c.map { $0 / n }
    }
    let k = units.count
    var l = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for j in 0..<k {
      var d = 1.0
      for p in 0..<j { d -= l[j][p] * l[j][p] }
      if d < Self.minimumIndependence {
        var partner = 0
        var best = -1.0
        for p in 0..<j {
          let dot = abs(zip(units[j], units[p]).reduce(0) { $0 + $1.0 * $1.1 })
          if dot > best { (best, partner) = (dot, p) }
        }
        throw LifeError.file(
          file, path: nil,
          "cannot fit \(layout.slots[j].name) separately from \(layout.slots[partner].name)\(when):"
            + " the measurements change with both in the same proportion",
          got: Self.summary(rows),
          expected: "rows that respond differently to them: " + Self.hint(for: layout.slots[j]))
      }
      l[j][j] = sqrt(d)
      for i in (j + 1)..<k {
        var s = zip(units[i], units[j]).reduce(0) { $0 + $1.0 * $1.1 }
        for p in 0..<j { s -= l[i][p] * l[j][p] }
        l[i][j] = s / l[j][j]
      }
    }
  }

  /// For each slot, ∂(relative error)/∂(log parameter) per row (dispatch:
  /// per µs, scaled by max(dispatch, 1 µs)), by a one-sided difference that
  /// keeps efficiencies inside (0, 1].
  func sensitivities(
    _ rows: [Measurement], layout: ParameterLayout, base: CalibrationParameters, values: [Double]
  ) throws(LifeError) -> [[Double]] {
    let r0 = try residuals(rows, layout.parameters(values, base: base))
    var columns: [[Double]] = []
    for (j, slot) in layout.slots.enumerated() {
      var probe = values
      let scale: Double
      if slot.isEfficiency {
        let f = 1e-3
        probe[j] = values[j] * (1 - f)
        scale = -1 / log(1 - f)  // Δr / Δln(e) with Δln(e) = ln(1 − f)
      } else {
        let step = max(values[j], 1) * 1e-3
        probe[j] = values[j] + step
        scale = max(values[j], 1) / step
      }
      let r = try residuals(rows, layout.parameters(probe, base: base))
      let sign = slot.isEfficiency ? -1.0 : 1.0
      columns.append(zip(r, r0).map { sign * ($0 - $1) * scale })
    }
    return columns
  }

  /// Which rows would determine a parameter.
  static func hint(for slot: ParameterLayout.Slot) -> String {
    switch slot {
    case .compute:
      return "prefill rows (ttft_ms or pp_tok_s) at prompts long enough to be compute-bound"
    case .memory:
      return "decode rows (tpot_ms or tg_tok_s), or prefill rows short enough to be memory-bound"
    case .dispatch:
      return "rows where dispatch is a visible share of the time (decode rows or short"
        + " prompts) beside rows where it is not"
    case .knot(let t):
      return "ttft_ms or pp_tok_s rows near \(Int(t)) prompt tokens that are compute-bound"
    }
  }
}
