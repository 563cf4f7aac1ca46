/// What a corpus row measured, with the unit in the name (docs/accuracy.md).
package enum CorpusMetric: String, Sendable, CaseIterable, Equatable, Hashable {
  /// Prompt tokens per second (prefill only).
  case ppTokS = "pp_tok_s"
  /// Tokens generated per second during decode.
  case tgTokS = "tg_tok_s"
  /// Time to first token, in ms, s or µs.
  case ttftMs = "ttft_ms"
  case ttftS = "ttft_s"
  case ttftUs = "ttft_us"
  /// Mean time per output token, in ms or µs.
  case tpotMs = "tpot_ms"
  case tpotUs = "tpot_us"
  /// Tokens per second over a whole request (definition in the row's note).
  case e2eTokS = "e2e_tok_s"

  /// The quantity, whatever the unit.
  package var quantity: CorpusQuantity {
    switch self {
    case .ppTokS: return .pp
    case .tgTokS: return .tg
    case .ttftMs, .ttftS, .ttftUs: return .ttft
    case .tpotMs, .tpotUs: return .tpot
    case .e2eTokS: return .e2e
    }
  }

  /// The factor that turns a value in this unit into the quantity's unit
  /// (ms for times, tokens/s for rates).
  package var scale: Double {
    switch self {
    case .ttftS: return 1000
    case .ttftUs, .tpotUs: return 1e-3
    default: return 1
    }
  }
}

/// A measured quantity in its canonical unit: milliseconds for TTFT and
/// TPOT, tokens per second for the rates.
package enum CorpusQuantity: String, Sendable, CaseIterable, Equatable, Hashable, Comparable {
  case pp, tg, ttft, tpot, e2e

  /// Whether the quantity is a prefill one (pp, TTFT) rather than a decode
  /// or end-to-end one: the two families accuracy is reported for.
  package var isPrefill: Bool { self == .pp || self == .ttft }

  /// Whether the quantity is a rate (tokens/s) rather than a time.
  package var isRate: Bool { self == .pp || self == .tg || self == .e2e }

  /// The family it is reported in: `pp` for prefill quantities, `tg` for
  /// decode and end-to-end ones.
  package var family: String { isPrefill ? "pp" : "tg" }

  package static func < (a: CorpusQuantity, b: CorpusQuantity) -> Bool {
    allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
  }
}
