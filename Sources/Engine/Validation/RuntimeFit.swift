import Foundation
import Trace

/// Fits a runtime's per-class figures (GEMM compute curve, memory
/// efficiency, launch and host cost) to corpus rows: a maximum a-posteriori
/// fit, least squares on the log error of each row (Huber-weighted, each
/// source's rows weighted 1/√n so that one large source does not decide a
/// class alone) plus a prior that ties each figure to the runtime file's
/// value, so a class with few rows keeps what the file says and one with
/// none is not touched.
package struct RuntimeFit: Sendable {
  /// Forecasts a case's measured quantity with a candidate runtime.
  package typealias Evaluate = @Sendable (ValidationCase, Runtime) throws(LifeError) -> Double

  /// The forecast of one case.
  package var evaluate: Evaluate
  /// Errors (log ratio) beyond this count linearly, not quadratically.
  package var huber = 0.5
  /// How hard the priors pull, against one row's error.
  package var priorWeight = 0.3
  /// The fewest rows a class is fitted from.
  package var minimumRows = 3

  /// Creates a fitter.
  package init(evaluate: @escaping Evaluate) { self.evaluate = evaluate }

  /// The class key `runtime` times `device` with: the most specific key it
  /// has figures for, else `default`.
  package static func classKey(of device: Device, in runtime: Runtime) -> String {
    runtime.classKey(of: device)
  }

  /// One fitted class: its figures and what informed them.
  package struct ClassResult: Sendable {
    /// The runtime.
    package var runtime: String
    /// The class key.
    package var key: String
    /// The figures after the fit.
    var figures: ClassFigures
    /// Rows and devices fitted.
    package var rows: Int
    package var devices: [String]
    package var sources: [String]
    /// Median |log error| before and after, as a percentage-like figure
    /// (exp(median) − 1, in percent).
    package var before: Double
    package var after: Double
  }

  /// The cases grouped by runtime and class key, in a fixed order.
  package static func groups(_ cases: [ValidationCase]) -> [(
    runtime: String, key: String, cases: [ValidationCase]
  )] {
    var map: [String: [ValidationCase]] = [:]
    var order: [String] = []
    for c in cases {
      let id = c.runtime.name + "\u{0}" + classKey(of: c.device, in: c.runtime)
      if map[id] == nil { order.append(id) }
      map[id, default: []].append(c)
    }
    return order.sorted().compactMap { id in
      let parts = id.split(separator: "\u{0}", omittingEmptySubsequences: false)
      guard parts.count == 2, let cases = map[id] else { return nil }
      return (String(parts[0]), String(parts[1]), cases)
    }
  }

  /// How a fit starts.
  package enum Start: Sendable, Equatable {
    /// From the prior and from three other regimes (see ``fit(_:key:cases:parameters:anchor:start:)``).
    case several
    /// From the class's present figures only: a refit near a known optimum.
    case present

    /// The most Levenberg–Marquardt iterations per start: a refit from a
    /// nearby optimum converges in far fewer than a fit from the priors.
    var iterations: Int { self == .several ? 30 : 12 }
  }

  /// Fits `parameters` of the class `key` of `runtime` to `cases` (all of
  /// that runtime and class), tied to `anchor` (default: the class's
  /// prior); nil when there are too few rows.
  func fit(
    _ runtime: Runtime, key: String, cases: [ValidationCase],
    parameters: [ClassFitParameter] = ClassFitParameter.allCases, anchor: ClassFigures? = nil,
    start how: Start = .several
  ) -> ClassResult? {
    guard cases.count >= minimumRows, let prior = anchor ?? Self.prior(runtime, key) else {
      return nil
    }
    let present = runtime.classes[key] ?? prior
    let start = parameters.map { $0.unconstrained($0.value(in: prior)) }
    var bySource: [String: Int] = [:]
    for c in cases { bySource[c.row.source, default: 0] += 1 }
    // Each source weighs the same in all, the rows sum to their count: w² =
    // N / (S · n_source).
    let n = Double(cases.count)
    let sourceCount = Double(bySource.count)
    let weights = cases.map {
      (n / (sourceCount * Double(bySource[$0.row.source] ?? 1))).squareRoot()
    }
    let huber = self.huber
    let priorWeight = self.priorWeight
    let evaluate = self.evaluate

    func figures(_ u: [Double]) -> ClassFigures {
      var f = present
      for (p, x) in zip(parameters, u) { p.set(p.natural(x), in: &f) }
      return f
    }
    func logErrors(_ f: ClassFigures) -> [Double] {
      var candidate = runtime
      candidate.classes[key] = f
      let frozen = candidate
      return parallelMap(cases.count) { i in
        let c = cases[i]
        guard let v = try? evaluate(c, frozen), v.isFinite, v > 0 else { return 5 }
        return log(v / c.measured)
      }
    }
    func residuals(_ u: [Double]) -> [Double] {
      var r = zip(logErrors(figures(u)), weights).map { e, w in w * RuntimeFit.psi(e, huber) }
      for (j, p) in parameters.enumerated() {
        r.append(priorWeight * (u[j] - start[j]) / p.priorWidth)
      }
      return r
    }
    // Several starts: the prior, the two other regimes a class's rows may
    // sit in (decode bound by a small memory efficiency with GEMMs that
    // fill early, or by a late-filling GEMM curve with a high memory
    // efficiency), and attention that fills far later than the GEMMs (its
    // cost hides under memory time until it does, so a fit from the prior
    // does not see it); the lowest cost wins.
    var starts = [parameters.map { $0.unconstrained($0.value(in: present)) }]
    if how == .several {
      starts.append(start)
      for (h, m, a) in [(0.125, 0.5, 1.0), (4.0, 1.5, 1.0), (1.0, 1.0, 32.0)] {
        var f = prior
        ClassFitParameter.halfTokens.set(prior.compute.halfTokens * h, in: &f)
        ClassFitParameter.memory.set(min(0.95, prior.memory * m), in: &f)
        let attention = ClassFitParameter.attentionHalfTokens
        attention.set(attention.value(in: prior) * a, in: &f)
        starts.append(parameters.map { $0.unconstrained($0.value(in: f)) })
      }
    }
    var solution = LevenbergMarquardt.Solution(x: starts[0], cost: .infinity, iterations: 0)
    for s in starts {
      guard
        let candidate = try? LevenbergMarquardt(
          maxIterations: how.iterations, tolerance: 1e-6, forwardDifferences: true
        ).minimize(
          start: s, residuals: { u throws(LifeError) in residuals(u) })
      else { continue }
      if candidate.cost < solution.cost { solution = candidate }
    }
    if !solution.cost.isFinite { solution.x = starts[0] }
    let fitted = figures(solution.x)
    func medianError(_ f: ClassFigures) -> Double {
      let e = logErrors(f).map { abs($0) }.sorted()
      return (exp(ErrorSummary.percentile(e, 0.5)) - 1) * 100
    }
    return ClassResult(
      runtime: runtime.name, key: key, figures: fitted, rows: cases.count,
      devices: Array(Set(cases.map(\.row.device))).sorted(),
      sources: Array(Set(cases.map(\.row.source))).sorted(), before: medianError(present),
      after: medianError(fitted))
  }

  /// The figures class `key` of `runtime` had before any fit: its prior,
  /// else its figures, else the `default` class's.
  static func prior(_ runtime: Runtime, _ key: String) -> ClassFigures? {
    runtime.priors[key] ?? runtime.classes[key] ?? runtime.priors["default"]
      ?? runtime.classes["default"]
  }

  /// `runtime` with every class back at its prior, the priors kept.
  package static func unfitted(_ runtime: Runtime) -> Runtime {
    var r = runtime
    for key in r.classes.keys { r.classes[key] = prior(runtime, key) }
    r.priors = r.classes
    return r
  }

  /// Every runtime of `cases` fitted class by class: each class with at
  /// least ``minimumRows`` rows gets its fitted figures, the others their
  /// priors. Runtimes come back by name with their priors recorded.
  package func fitAll(_ cases: [ValidationCase]) -> (
    runtimes: [String: Runtime], classes: [ClassResult]
  ) {
    var runtimes: [String: Runtime] = [:]
    for c in cases where runtimes[c.runtime.name] == nil {
      runtimes[c.runtime.name] = Self.unfitted(c.runtime)
    }
    var results: [ClassResult] = []
    for group in Self.groups(cases) {
      guard let runtime = runtimes[group.runtime],
        let result = fit(runtime, key: group.key, cases: group.cases)
      else { continue }
      runtimes[group.runtime]?.classes[group.key] = result.figures
      results.append(result)
    }
    return (runtimes, results)
  }

  /// `items` dealt round-robin, in order, into at most `count` folds (each
  /// item its own fold when there are no more than `count`).
  package static func folds<T>(_ items: [T], count: Int) -> [[T]] {
    let k = max(1, min(count, items.count))
    var folds = [[T]](repeating: [], count: k)
    for (i, item) in items.enumerated() { folds[i % k].append(item) }
    return folds.filter { !$0.isEmpty }
  }

  /// The Huber-weighted residual of a log error: itself within ±δ, then
  /// growing as √|e| so that the square grows linearly.
  static func psi(_ e: Double, _ delta: Double) -> Double {
    let a = abs(e)
    guard a > delta else { return e }
    return (e < 0 ? -1 : 1) * (2 * delta * a - delta * delta).squareRoot()
  }
}
