import Foundation
import Trace

/// `life validate`'s run: every corpus row forecast zero-shot and, where
/// its device has enough other rows with the same runtime, calibrated
/// leave-one-out; errors summarised by device kind × runtime × family.
///
/// Zero-shot is cross-validated by device: the devices of each runtime ×
/// class are dealt into at most ``deviceFolds`` folds, and a fold's rows
/// are forecast from their devices' datasheet fields and the runtime, whose
/// figures for the class are refitted (``RuntimeFit``, from the runtime
/// file's figures, tied to its priors) to the rows of the *other* folds'
/// devices only, or are the class's documented prior when fewer than three
/// such rows exist. No figure fitted to a device forecasts that device's
/// rows.
///
/// Calibrated is leave-one-out per device and runtime (
/// ``calibrationFolds``-fold when the device has more rows): the device's
/// compute ceiling, memory efficiency and per-pass host cost fitted to its
/// other rows, starting from and tied to its zero-shot figures.
package struct Validation: Sendable {
  /// One row's outcome.
  package struct Outcome: Sendable {
    /// The case.
    package var testCase: ValidationCase
    /// The zero-shot forecast; nil when it failed.
    package var zeroShot: Double?
    /// The calibrated leave-one-out forecast; nil when there is none.
    package var calibrated: Double?
    /// Why the zero-shot forecast failed, when it did.
    package var failure: String?
    /// The class key the row's runtime times its device with.
    package var classKey: String

    /// Measured time ÷ zero-shot forecast time (for a rate, forecast ÷
    /// measured rate); nil without a forecast.
    package var timeRatio: Double? {
      guard let f = zeroShot else { return nil }
      return testCase.quantity.isRate ? f / testCase.measured : testCase.measured / f
    }
    /// |zero-shot − measured| / measured, percent.
    package var zeroShotError: Double? {
      zeroShot.map { ErrorSummary.absolutePercent(forecast: $0, measured: testCase.measured) }
    }
    /// |calibrated − measured| / measured, percent.
    package var calibratedError: Double? {
      calibrated.map { ErrorSummary.absolutePercent(forecast: $0, measured: testCase.measured) }
    }
  }

  /// The most folds a class's devices are dealt into for zero-shot.
  package static let deviceFolds = 5
  /// The most folds a device's rows are dealt into for calibration.
  package static let calibrationFolds = 10
  /// What calibration fits for a device.
  package static let calibratedParameters: [ClassFitParameter] = [.computeMax, .memory, .host]

  /// The forecast outcomes, in corpus order.
  package var outcomes: [Outcome]
  /// Rows that could not be forecast, with why.
  package var skipped: [(row: CorpusRow, reason: ValidationCase.Skip)]

  /// The cases of `corpus` (only rows of `runtime` when given), and the
  /// rows that have none.
  package static func cases(_ corpus: Corpus, runtime: String? = nil) -> (
    cases: [ValidationCase], skipped: [(row: CorpusRow, reason: ValidationCase.Skip)]
  ) {
    var cases: [ValidationCase] = []
    var skipped: [(row: CorpusRow, reason: ValidationCase.Skip)] = []
    for row in corpus.rows where runtime == nil || row.runtime == runtime {
      switch ValidationCase.resolve(row) {
      case .success(let c): cases.append(c)
      case .failure(let reason): skipped.append((row, reason))
      }
    }
    return (cases, skipped)
  }

  /// Resolves and forecasts `corpus` (only rows of `runtime` when given),
  /// each case's workload sampled once (``SampledForecaster``).
  package init(corpus: Corpus, runtime: String? = nil, calibrate: Bool = true) {
    let (cases, skipped) = Validation.cases(corpus, runtime: runtime)
    self.init(
      cases: cases, skipped: skipped, forecaster: SampledForecaster(cases), calibrate: calibrate)
  }

  /// Forecasts `cases` with `forecaster`, zero-shot and (when `calibrate`)
  /// calibrated.
  package init(
    cases: [ValidationCase], skipped: [(row: CorpusRow, reason: ValidationCase.Skip)],
    forecaster: some CaseForecaster, calibrate: Bool = true
  ) {
    let fit = RuntimeFit { c, r throws(LifeError) in try forecaster.forecast(c, runtime: r) }
    var outcomes = cases.map {
      Outcome(
        testCase: $0, zeroShot: nil, calibrated: nil, failure: nil,
        classKey: RuntimeFit.classKey(of: $0.device, in: $0.runtime))
    }
    var index: [String: Int] = [:]
    for (i, c) in cases.enumerated() { index[c.row.id] = i }

    func forecastAll(_ group: [ValidationCase], _ runtime: Runtime) -> [(Double?, String?)] {
      parallelMap(group.count) { j in
        do throws(LifeError) {
          let f = try forecaster.forecast(group[j], runtime: runtime)
          return f.isFinite && f > 0 ? (f, nil) : (nil, "not a finite, positive forecast")
        } catch {
          return (nil, error.message)
        }
      }
    }

    for group in RuntimeFit.groups(cases) {
      guard let base = group.cases.first?.runtime else { continue }
      let devices = Array(Set(group.cases.map(\.row.device))).sorted()
      for fold in RuntimeFit.folds(devices, count: Validation.deviceFolds) {
        let held = Set(fold)
        let train = group.cases.filter { !held.contains($0.row.device) }
        var runtime = base
        runtime.classes[group.key] =
          fit.fit(base, key: group.key, cases: train, start: .present)?.figures
          ?? RuntimeFit.prior(base, group.key)
        for device in fold {
          let rows = group.cases.filter { $0.row.device == device }
          for (c, r) in zip(rows, forecastAll(rows, runtime)) {
            guard let i = index[c.row.id] else { continue }
            outcomes[i].zeroShot = r.0
            outcomes[i].failure = r.1
          }
          guard calibrate else { continue }
          for (c, value) in Validation.calibrated(
            rows, key: group.key, zeroShot: runtime, fit: fit, forecast: forecastAll)
          {
            if let i = index[c.row.id] { outcomes[i].calibrated = value }
          }
        }
      }
    }
    self.outcomes = outcomes
    self.skipped = skipped
  }

  /// The calibrated leave-one-out (or k-fold) forecasts of one device's
  /// `rows`, each from the device's figures fitted to its other rows.
  static func calibrated(
    _ rows: [ValidationCase], key: String, zeroShot: Runtime, fit: RuntimeFit,
    forecast: ([ValidationCase], Runtime) -> [(Double?, String?)]
  ) -> [(ValidationCase, Double?)] {
    guard rows.count > fit.minimumRows, let anchor = zeroShot.classes[key] else { return [] }
    var result: [(ValidationCase, Double?)] = []
    for fold in RuntimeFit.folds(Array(rows.indices), count: Validation.calibrationFolds) {
      let held = Set(fold)
      let train = rows.indices.filter { !held.contains($0) }.map { rows[$0] }
      guard
        let fitted = fit.fit(
          zeroShot, key: key, cases: train, parameters: Validation.calibratedParameters,
          anchor: anchor, start: .present)
      else { continue }
      var runtime = zeroShot
      runtime.classes[key] = fitted.figures
      let test = fold.map { rows[$0] }
      for (c, r) in zip(test, forecast(test, runtime)) { result.append((c, r.0)) }
    }
    return result
  }

  /// Every runtime of `cases` fitted class by class from its priors
  /// (``RuntimeFit/fitAll(_:)``, several starts), each class then given the
  /// residual bands of its rows forecast zero-shot with the fitted runtimes
  /// (``ResidualBand``): what `--write-runtimes` writes.
  package static func fitRuntimes(_ cases: [ValidationCase], forecaster: some CaseForecaster)
    -> (runtimes: [String: Runtime], classes: [RuntimeFit.ClassResult])
  {
    var fit = RuntimeFit { c, r throws(LifeError) in try forecaster.forecast(c, runtime: r) }
    // A class measured on two rows only is fitted too (its priors hold what
    // they cannot identify); zero-shot refits still need three.
    fit.minimumRows = 2
    var (runtimes, classes) = fit.fitAll(cases)
    let refitted = cases.map { c in
      var c = c
      if let r = runtimes[c.runtime.name] { c.runtime = r }
      return c
    }
    let zeroShot = Validation(
      cases: refitted, skipped: [], forecaster: forecaster, calibrate: false)
    var ratios: [String: [String: (prefill: [Double], decode: [Double])]] = [:]
    for o in zeroShot.outcomes {
      guard let r = o.timeRatio else { continue }
      let name = o.testCase.runtime.name
      var entry = ratios[name, default: [:]][o.classKey, default: ([], [])]
      if o.testCase.quantity.isPrefill { entry.prefill.append(r) } else { entry.decode.append(r) }
      ratios[name, default: [:]][o.classKey] = entry
    }
    for name in runtimes.keys {
      runtimes[name]?.uncertainty = (ratios[name] ?? [:]).compactMapValues { e in
        let u = ClassUncertainty(
          prefill: ResidualBand(ratios: e.prefill), decode: ResidualBand(ratios: e.decode))
        return u.prefill == nil && u.decode == nil ? nil : u
      }
    }
    return (runtimes, classes)
  }
}

/// Forecasts a validation case's measured quantity with a runtime.
package protocol CaseForecaster: Sendable {
  /// The forecast of `testCase` with `runtime` (ms or tokens/s).
  func forecast(_ testCase: ValidationCase, runtime: Runtime) throws(LifeError) -> Double
}

/// Forecasts by the full forecast pipeline.
package struct PipelineForecaster: CaseForecaster {
  package init() {}

  package func forecast(_ testCase: ValidationCase, runtime: Runtime) throws(LifeError) -> Double {
    try testCase.forecast(device: testCase.device, runtime: runtime)
  }
}

/// Forecasts from each case's workload sampled once (``SampledWorkload``):
/// a fit evaluates every case hundreds of times with runtimes that differ
/// only in their class figures, which change the times, not the workload.
package struct SampledForecaster: CaseForecaster {
  /// Each case's sampled workload, by row id.
  let workloads: [String: SampledWorkload]
  /// The units each workload keeps: decode time is affine in the keys
  /// read between window crossings, so a handful of units keeps Σ TPOT
  /// within about 1e-4 while each evaluation costs a fifth of the default.
  static let samples = 5

  /// Samples the workload of every case (with its own runtime's defaults
  /// and accounting); cases whose workload LIFE refuses are left out (their
  /// forecasts fail with the workload's error).
  package init(_ cases: [ValidationCase]) {
    let sampled = parallelMap(cases.count) { i -> (String, SampledWorkload?) in
      let c = cases[i]
      let workload = try? c.pipeline(device: c.device, runtime: c.runtime).workload()
      return (c.row.id, workload.map { SampledWorkload($0, maxSamples: Self.samples) })
    }
    var map: [String: SampledWorkload] = [:]
    for (id, w) in sampled { if let w { map[id] = w } }
    workloads = map
  }

  package func forecast(_ testCase: ValidationCase, runtime: Runtime) throws(LifeError) -> Double {
    guard let sampled = workloads[testCase.row.id] else {
      return try PipelineForecaster().forecast(testCase, runtime: runtime)
    }
    let f = try sampled.forecast(on: testCase.pipeline(device: testCase.device, runtime: runtime))
    return testCase.value(ttftMs: f.ttftMs, tpotMeanMs: f.tpotMeanMs, e2eMs: f.e2eMs)
  }
}
