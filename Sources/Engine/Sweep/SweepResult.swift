/// What one sweep point forecast: the `sweep.csv` result columns.
public struct SweepResult: Sendable, Equatable {
  /// Time to first token, ms.
  public var ttftMs: Double
  /// Prefill compute time without dispatch, ms.
  public var tComputeMs: Double
  /// Prefill memory time without dispatch, ms.
  public var tMemoryMs: Double
  /// Mean TPOT, ms; nil when G = 0.
  public var tpotMsMean: Double?
  /// G / Σ TPOT per sequence; nil when G = 0.
  public var tps: Double?

  /// Creates a result.
  public init(
    ttftMs: Double, tComputeMs: Double, tMemoryMs: Double, tpotMsMean: Double?, tps: Double?
  ) {
    self.ttftMs = ttftMs
    self.tComputeMs = tComputeMs
    self.tMemoryMs = tMemoryMs
    self.tpotMsMean = tpotMsMean
    self.tps = tps
  }

  /// t_compute / t_memory of the prefill; nil when t_memory is 0.
  public var tcTm: Double? { tMemoryMs > 0 ? tComputeMs / tMemoryMs : nil }

  /// `compute` when t_compute ≥ t_memory, else `memory` (CONTRACT.md).
  public var bound: String { tComputeMs >= tMemoryMs ? "compute" : "memory" }
}

/// A point and its result.
public struct SweepRow: Sendable, Equatable {
  /// The point.
  public var point: SweepPoint
  /// Its forecast.
  public var result: SweepResult

  /// Creates a row.
  public init(point: SweepPoint, result: SweepResult) {
    self.point = point
    self.result = result
  }
}
