/// What one sweep point forecast: the `sweep.csv` result columns.
package struct SweepResult: Sendable, Equatable {
  /// Time to first token, ms.
  package var ttftMs: Double
  /// Prefill compute time without dispatch, ms.
  package var tComputeMs: Double
  /// Prefill memory time without dispatch, ms.
  package var tMemoryMs: Double
  /// Mean TPOT, ms; nil when G = 0.
  package var tpotMsMean: Double?
  /// G / Σ TPOT per sequence; nil when G = 0.
  package var tps: Double?
  /// Whether the workload (weights, peak KV cache, peak activations) fits
  /// in the device's memory (`footprint.fits` of `life forecast --json`).
  package var fits: Bool

  /// Creates a result.
  package init(
    ttftMs: Double, tComputeMs: Double, tMemoryMs: Double, tpotMsMean: Double?, tps: Double?,
    fits: Bool = true
  ) {
    self.ttftMs = ttftMs
    self.tComputeMs = tComputeMs
    self.tMemoryMs = tMemoryMs
    self.tpotMsMean = tpotMsMean
    self.tps = tps
    self.fits = fits
  }

  /// t_compute / t_memory of the prefill; nil when t_memory is 0.
  package var tcTm: Double? { tMemoryMs > 0 ? tComputeMs / tMemoryMs : nil }

  /// `compute` when t_compute ≥ t_memory, else `memory` (CONTRACT.md).
  package var bound: String { tComputeMs >= tMemoryMs ? "compute" : "memory" }
}

/// A point and its result.
package struct SweepRow: Sendable, Equatable {
  /// The point.
  package var point: SweepPoint
  /// Its forecast.
  package var result: SweepResult

  /// Creates a row.
  package init(point: SweepPoint, result: SweepResult) {
    self.point = point
    self.result = result
  }
}
