import Foundation
import Trace

/// `life validate`'s run: every corpus row forecast zero-shot and, where
/// its device has other rows with the same runtime, calibrated
/// leave-one-out; errors summarised by device kind × runtime × family.
///
/// Zero-shot is leave-one-device-out: a row is forecast from its device's
/// datasheet fields and its runtime, whose figures for the device's class
/// are fitted to the corpus rows of *other* devices (``RuntimeFit``), or are
/// the class's documented prior when fewer than three such rows exist. No
/// figure fitted to a device ever forecasts that device's rows.
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

    /// |zero-shot − measured| / measured, percent.
    package var zeroShotError: Double? {
      zeroShot.map { ErrorSummary.absolutePercent(forecast: $0, measured: testCase.measured) }
    }
    /// |calibrated − measured| / measured, percent.
    package var calibratedError: Double? {
      calibrated.map { ErrorSummary.absolutePercent(forecast: $0, measured: testCase.measured) }
    }
  }

  /// The forecast outcomes, in corpus order.
  package var outcomes: [Outcome]
  /// Rows that could not be forecast, with why.
  package var skipped: [(row: CorpusRow, reason: ValidationCase.Skip)]
  /// The runtimes fitted to every row, by name (what `--write-runtimes`
  /// writes).
  package var fitted: [String: Runtime]
  /// The classes fitted, with what informed them.
  package var classes: [RuntimeFit.ClassResult]

  /// Resolves, fits and forecasts `corpus` (only rows of `runtime` when
  /// given) with `forecaster`.
  package init(
    corpus: Corpus, runtime: String? = nil, forecaster: some CaseForecaster,
    calibrate: Bool = true
  ) {
    var cases: [ValidationCase] = []
    var skipped: [(row: CorpusRow, reason: ValidationCase.Skip)] = []
    for row in corpus.rows where runtime == nil || row.runtime == runtime {
      switch ValidationCase.resolve(row) {
      case .success(let c): cases.append(c)
      case .failure(let reason): skipped.append((row, reason))
      }
    }
    let fit = RuntimeFit { c, r throws(LifeError) in try forecaster.forecast(c, runtime: r) }
    let (fitted, classes) = fit.fitAll(cases)
    self.fitted = fitted
    self.classes = classes
    self.skipped = skipped

    // Zero-shot, one device (and runtime) at a time.
    var byDevice: [String: [Int]] = [:]
    for (i, c) in cases.enumerated() {
      byDevice[c.row.device + "\u{0}" + c.runtime.name, default: []].append(i)
    }
    var outcomes = cases.map { Outcome(testCase: $0, zeroShot: nil, calibrated: nil, failure: nil) }
    let all = cases
    for key in byDevice.keys.sorted() {
      guard let indices = byDevice[key], let first = indices.first else { continue }
      let c0 = all[first]
      let base = fitted[c0.runtime.name] ?? c0.runtime
      let runtime = fit.withoutDevice(c0.row.device, runtime: base, cases: all)
      let results = parallelMap(indices.count) { j in
        let c = all[indices[j]]
        do throws(LifeError) {
          let f = try forecaster.forecast(c, runtime: runtime)
          return (f.isFinite && f > 0 ? f : nil, f.isFinite ? nil : "not a finite forecast")
        } catch {
          return (nil, error.message)
        }
      }
      for (j, r) in results.enumerated() {
        outcomes[indices[j]].zeroShot = r.0
        outcomes[indices[j]].failure = r.1
      }
    }
    self.outcomes = outcomes
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
