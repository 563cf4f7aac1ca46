import Foundation
import Trace

/// Fits a device's efficiencies and dispatch latency to measurements by
/// bounded nonlinear least squares on relative errors (Levenberg–Marquardt,
/// numeric Jacobian), against a model closure that forecasts one
/// measurement's metric from candidate parameters.
///
/// Efficiencies are kept in (0, 1] through a logistic transform and the
/// dispatch latency ≥ 0 through an exponential one. Measurements that
/// cannot determine a requested parameter are refused with a ``LifeError``
/// naming it and the rows that would determine it.
package struct Calibrator {
  /// Forecasts a measurement's metric (in the metric's unit) with the given
  /// parameters. The CLI's closure applies them to the base device
  /// (``CalibrationParameters/applied(to:)``), runs the simulator on the
  /// row's workload (``Measurement/workloadOptions(base:file:)``) and
  /// returns ``Measurement/forecastValue(ttftMs:tpotMsMean:)``.
  package typealias Model = (CalibrationParameters, Measurement) throws(LifeError) -> Double

  /// The starting point; unfitted parameters keep these values.
  package var base: CalibrationParameters
  /// What to fit.
  package var fit: [CalibrationParameter]
  /// The measurements file, for errors.
  package var file: String?
  /// Whether to refit without each row (n more fits).
  package var leaveOneOut: Bool
  /// The forecast of one row.
  package var model: Model

  /// Creates a calibrator.
  package init(
    base: CalibrationParameters, fit: [CalibrationParameter] = CalibrationParameter.defaultFit,
    file: String? = nil, leaveOneOut: Bool = true, model: @escaping Model
  ) {
    self.base = base
    self.fit = fit
    self.file = file
    self.leaveOneOut = leaveOneOut
    self.model = model
  }

  /// Fits the parameters to `measurements`.
  package func calibrate(_ measurements: [Measurement]) throws(LifeError) -> CalibrationResult {
    let fitted = try fitOnce(measurements)
    var result = try report(fitted, measurements)
    if leaveOneOut { result.leaveOneOut = try heldOut(measurements, layout: fitted.layout) }
    return result
  }

  /// One fit's outcome.
  struct Fit {
    var parameters: CalibrationParameters
    var layout: ParameterLayout
    var iterations: Int
  }

  /// Fits once; `layout` fixes the curve knots (leave-one-out keeps the full
  /// fit's knots).
  func fitOnce(_ rows: [Measurement], layout given: ParameterLayout? = nil) throws(LifeError)
    -> Fit
  {
    guard !fit.isEmpty else {
      throw LifeError.usage(.parameter(.fit), "nothing to fit", expected: "at least one parameter")
    }
    guard !rows.isEmpty else {
      throw LifeError.file(file, path: nil, "no measurements", expected: "at least one row")
    }
    let layout: ParameterLayout
    if let given { layout = given } else { layout = try makeLayout(rows) }
    let start = startingPoint(layout)
    if rows.count < layout.slots.count {
      throw LifeError.file(
        file, path: nil,
        "\(rows.count) measurement\(rows.count == 1 ? "" : "s") cannot determine"
          + " \(layout.slots.count) parameters (" + layout.slots.map(\.name).joined(separator: ", ")
          + ")", got: Self.summary(rows), expected: "at least \(layout.slots.count) rows")
    }
    let startValues = layout.values(of: start)
    try checkIdentifiable(rows, layout: layout, base: start, values: startValues, when: "")

    // Multi-start: the base device's values, then low and high efficiencies.
    var starts = [startValues]
    for e in [0.2, 0.7] {
      starts.append(zip(layout.slots, startValues).map { $0.isEfficiency ? e : $1 })
    }
    let groups = ConditionGroups(rows)
    func objective(_ x: [Double]) throws(LifeError) -> [Double] {
      try residuals(groups, layout.parameters(layout.natural(x), base: start))
    }
    var best: (solution: LevenbergMarquardt.Solution, values: [Double])?
    for s in starts {
      let solution = try LevenbergMarquardt().minimize(
        start: layout.unconstrained(s), residuals: objective)
      if best == nil || solution.cost < (best?.solution.cost ?? .infinity) {
        best = (solution, layout.natural(solution.x))
      }
    }
    guard let best else { throw LifeError.file(file, path: nil, "calibration did not run") }
    try checkIdentifiable(
      rows, layout: layout, base: start, values: best.values, when: " at the fitted values")
    return Fit(
      parameters: layout.parameters(best.values, base: start), layout: layout,
      iterations: best.solution.iterations)
  }

  /// The base with curves the fit replaces dropped, and curve knots set.
  func startingPoint(_ layout: ParameterLayout) -> CalibrationParameters {
    var p = base
    if fit.contains(.compute) { p.computeCurve = nil }
    if fit.contains(.memory) { p.memoryCurve = nil }
    if !layout.knots.isEmpty {
      p.computeCurve = EfficiencyCurve(
        over: "tokens", points: layout.knots.map { ($0, base.computeEfficiency(tokens: $0)) })
    }
    return p
  }

  /// Slots in `--fit` order; compute-curve knots from the rows.
  func makeLayout(_ rows: [Measurement]) throws(LifeError) -> ParameterLayout {
    var slots: [ParameterLayout.Slot] = []
    var knots: [Double] = []
    for p in fit {
      switch p {
      case .compute: slots.append(.compute)
      case .memory: slots.append(.memory)
      case .dispatch: slots.append(.dispatch)
      case .computeCurve:
        knots = try Self.curveKnots(rows, file: file)
        slots += knots.map { .knot($0) }
      }
    }
    return ParameterLayout(slots: slots, knots: knots)
  }

  /// The most knots a fitted curve gets.
  static let maxKnots = 6

  /// One knot per distinct prefill token count (prompt × batch) when there
  /// are at most ``maxKnots``; otherwise ``maxKnots`` knots spaced evenly in
  /// log2 between the smallest and largest, rounded to whole tokens.
  static func curveKnots(_ rows: [Measurement], file: String?) throws(LifeError) -> [Double] {
    let tokens = Set(rows.filter { $0.metric.isPrefill }.map { Double($0.prefillTokens) })
      .sorted()
    guard tokens.count >= 2, let lo = tokens.first, let hi = tokens.last else {
      throw LifeError.file(
        file, path: nil, "cannot fit compute-curve: the prefill rows span too few prompt lengths",
        got: tokens.isEmpty
          ? "no ttft_ms or pp_tok_s rows" : "prompt × batch = \(Int(tokens[0])) only",
        expected: "ttft_ms or pp_tok_s rows at 2 or more prompt lengths")
    }
    if tokens.count <= maxKnots { return tokens }
    let (a, b) = (log2(lo), log2(hi))
    return (0..<maxKnots).map { i in
      (pow(2, a + (b - a) * Double(i) / Double(maxKnots - 1))).rounded()
    }
  }

  /// Relative errors (forecast − measured) / measured, one per row.
  /// Relative errors (forecast − measured) / measured, one per row.
  func residuals(_ rows: [Measurement], _ p: CalibrationParameters) throws(LifeError) -> [Double] {
    try residuals(ConditionGroups(rows), p)
  }

  /// Relative errors of grouped rows: each distinct condition is forecast
  /// once, so a file of 10,000 rows over a few dozen workloads costs a few
  /// dozen forecasts per evaluation.
  func residuals(_ groups: ConditionGroups, _ p: CalibrationParameters) throws(LifeError)
    -> [Double]
  {
    var forecasts: [Double] = []
    forecasts.reserveCapacity(groups.representatives.count)
    for m in groups.representatives { forecasts.append(try forecast(m, p)) }
    return zip(groups.rows, groups.index).map { m, i in (forecasts[i] - m.value) / m.value }
  }

  /// The model's forecast, refused unless finite and ≥ 0.
  func forecast(_ m: Measurement, _ p: CalibrationParameters) throws(LifeError) -> Double {
    let f = try model(p, m)
    guard f.isFinite, f >= 0 else {
      throw LifeError.file(
        file, path: "line \(m.line)", "the forecast of this row is not a finite number",
        got: "\(f)", expected: "a finite forecast of \(m.metric.rawValue)")
    }
    return f
  }

  /// `7 ttft_ms rows, 2 tpot_ms rows`.
  static func summary(_ rows: [Measurement]) -> String {
    MeasurementMetric.allCases.compactMap { metric in
      let n = rows.filter { $0.metric == metric }.count
      return n == 0 ? nil : "\(n) \(metric.rawValue) row\(n == 1 ? "" : "s")"
    }.joined(separator: ", ")
  }

  /// The report for a fit.
  func report(_ fit: Fit, _ rows: [Measurement]) throws(LifeError) -> CalibrationResult {
    var reported: [CalibrationResult.Row] = []
    for m in rows {
      let f = try forecast(m, fit.parameters)
      reported.append(
        .init(
          measurement: m, forecast: f,
          errorPercent: CalibrationResult.errorPercent(measured: m.value, forecast: f)))
    }
    let mape = reported.map { abs($0.errorPercent) }.reduce(0, +) / Double(max(reported.count, 1))
    let values = zip(fit.layout.slots, fit.layout.values(of: fit.parameters)).map {
      CalibrationResult.NamedValue(name: $0.name, value: $1)
    }
    return CalibrationResult(
      parameters: fit.parameters, fitted: self.fit, values: values, rows: reported, mape: mape,
      iterations: fit.iterations, leaveOneOut: nil)
  }
}
