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
  /// End-to-end throughput of a prompt and its G decode steps:
  /// (prompt + G) / (TTFT + Σ TPOT), in tokens per second (llama-bench's
  /// `ppP+tgG` tests).
  case e2eTokS = "e2e_tok_s"

  /// Whether the metric is a prefill metric (TTFT-based) rather than a decode
  /// or end-to-end one: the rows a compute curve's knots come from.
  package var isPrefill: Bool { self == .ttftMs || self == .ppTokS }

  /// Whether a row of this metric needs a prompt (≥ 1 token).
  package var needsPrompt: Bool { isPrefill || self == .e2eTokS }

  /// Whether a row of this metric needs decode steps (G ≥ 1).
  package var needsDecode: Bool { !isPrefill }

  /// The metric computed from a forecast's TTFT and mean TPOT (both in ms)
  /// of a workload with `prompt` tokens and `generate` decode steps.
  ///
  /// `tg_tok_s` = G / Σ TPOT = G / (G · mean TPOT) = 1000 / mean TPOT (ms);
  /// `e2e_tok_s` = (prompt + G) / ((TTFT + G · mean TPOT) / 1000).
  package func value(ttftMs: Double, tpotMsMean: Double, prompt: Int, generate: Int) -> Double {
    switch self {
    case .ttftMs: return ttftMs
    case .tpotMs: return tpotMsMean
    case .ppTokS: return Double(prompt) / (ttftMs / 1000)
    case .tgTokS: return 1000 / tpotMsMean
    case .e2eTokS:
      let g = Double(generate)
      return (Double(prompt) + g) / ((ttftMs + g * tpotMsMean) / 1000)
    }
  }
}
