/// What a measurement row measured.
package enum MeasurementMetric: String, Sendable, CaseIterable, Equatable {
  /// Time to first token, in milliseconds.
  case ttftMs = "ttft_ms"
  /// Mean time per output token over the G decode steps, in milliseconds.
  case tpotMs = "tpot_ms"
  /// Prefill throughput: prompt / TTFT, in tokens per second.
  case ppTokS = "pp_tok_s"
  /// Decode throughput: G / Σ TPOT, in tokens per second.
  case tgTokS = "tg_tok_s"

  /// Whether the metric is a prefill metric (TTFT-based) rather than a decode one.
  package var isPrefill: Bool { self == .ttftMs || self == .ppTokS }

  /// The metric computed from a forecast's TTFT and mean TPOT (both in ms).
  ///
  /// `tg_tok_s` = G / Σ TPOT = G / (G · mean TPOT) = 1000 / mean TPOT (ms).
  package func value(ttftMs: Double, tpotMsMean: Double, prompt: Int) -> Double {
    switch self {
    case .ttftMs: return ttftMs
    case .tpotMs: return tpotMsMean
    case .ppTokS: return Double(prompt) / (ttftMs / 1000)
    case .tgTokS: return 1000 / tpotMsMean
    }
  }
}
