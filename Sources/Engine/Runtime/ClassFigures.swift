import Foundation
import Trace

/// What a runtime achieves on one class of device: GEMM compute efficiency
/// as a function of the tokens in a pass and the device's size, memory
/// efficiency, per-kind overrides (attention without flash attention), the
/// cost of one kernel launch, and host work per pass.
struct ClassFigures: Sendable, Equatable {
  /// GEMM compute efficiency against tokens per pass.
  var compute: ComputeCurveModel
  /// Attention's compute efficiency (the score and context BMMs, the
  /// softmax, or the flash kernel) against tokens per pass, when it differs
  /// from the GEMMs'; nil: the GEMMs' curve.
  var attention: ComputeCurveModel? = nil
  /// Fraction of peak bandwidth reached.
  var memory: Double
  /// Per operator kind overrides (attention's BMMs and softmax when
  /// unfused, norms...).
  var byKind: [OpKind: KindEfficiency]
  /// Seconds of one kernel launch, by phase (decode may use CUDA graphs).
  var launchUs: PhaseValues
  /// Host work per pass (graph build, synchronisation, sampling), µs.
  var hostUs: PhaseValues

  /// The device's efficiencies under this class's figures, for GEMMs whose
  /// peak is `gemmPeakTops`, with matrix-vector kernels serving passes of
  /// at most `vectorTokens` tokens (nil: none).
  ///
  /// The GEMM curve covers the matrix products over weights (GEMMs, LoRA,
  /// the MoE router) and, without an attention curve of its own, attention
  /// (BMMs, softmax); every other operator (norms, element-wise, copies:
  /// streaming kernels whose speed does not depend on a tile filling) gets
  /// the curve's ceiling as a flat compute efficiency.
  func efficiency(gemmPeakTops: Double, vectorTokens: Int? = nil) -> Efficiency {
    var kinds = byKind
    let gemm = compute.curve(peakTops: gemmPeakTops, vectorTokens: vectorTokens)
    let attention =
      self.attention?.curve(peakTops: gemmPeakTops, vectorTokens: vectorTokens) ?? gemm
    for kind in ClassFigures.gemmKinds where kinds[kind]?.compute == nil {
      kinds[kind, default: KindEfficiency()].computeCurve = gemm
    }
    for kind in ClassFigures.attentionKinds where kinds[kind]?.compute == nil {
      kinds[kind, default: KindEfficiency()].computeCurve = attention
    }
    return Efficiency(
      compute: Swift.min(1, Swift.max(compute.max, 1e-6)), memory: memory, byKind: kinds,
      computeCurve: nil)
  }

  /// The operator kinds the GEMM curve covers.
  static let gemmKinds: [OpKind] = [.gemm, .lora, .moeRouter]
  /// The operator kinds the attention curve covers.
  static let attentionKinds: [OpKind] = [.bmm, .softmax]
}

/// A value for prefill passes and one for decode passes.
struct PhaseValues: Sendable, Equatable {
  var prefill: Double
  var decode: Double

  func value(_ phase: Phase) -> Double { phase == .prefill ? prefill : decode }
}

/// GEMM compute efficiency against the tokens M processed in a pass:
///
///   ec(M) = max · M / (M + h) · 1 / (1 + M / D)^β,  h = half · (P / ref)^α
///
/// A GEMM of M rows fills a device in proportion to M until its tiles cover
/// every core: the efficiency rises as M / (M + h), and a larger device (a
/// larger peak P, in TOPS of the GEMM's dtype) needs more rows to fill, so
/// the half-way point h grows with P^α (P relative to a reference `ref`
/// TOPS). CPUs lose efficiency again at large M when the working set leaves
/// the caches: the optional decline term with D tokens and exponent β.
struct ComputeCurveModel: Sendable, Equatable {
  /// Efficiency at large M (before any decline).
  var max: Double
  /// Tokens at which a device of `referenceTops` reaches half of `max`.
  var halfTokens: Double
  /// The peak TOPS the half-way point is quoted for.
  var referenceTops: Double
  /// How the half-way point grows with the device's peak.
  var sizeExponent: Double
  /// Tokens beyond which efficiency declines; nil for none.
  var declineTokens: Double?
  /// How fast it declines.
  var declineExponent: Double

  /// ec at `tokens` on a device whose GEMM peak is `peakTops`, in
  /// [1e-6, 1].
  func efficiency(tokens: Double, peakTops: Double) -> Double {
    let m = Swift.max(tokens, 1)
    let size =
      referenceTops > 0
      ? Foundation.pow(Swift.max(peakTops, 1e-9) / referenceTops, sizeExponent) : 1
    let h = halfTokens * size
    var e = max * m / (m + h)
    if let d = declineTokens, d > 0 { e /= Foundation.pow(1 + m / d, declineExponent) }
    return Swift.min(1, Swift.max(1e-6, e))
  }

  /// ec in a pass of `tokens` when matrix-vector kernels serve passes of
  /// at most `vectorTokens` tokens: the ceiling `max` up to them (a
  /// matrix-vector kernel has no tile to fill), the curve beyond.
  func efficiency(tokens: Double, peakTops: Double, vectorTokens: Int?) -> Double {
    if let v = vectorTokens, tokens <= Double(v) { return Swift.min(1, Swift.max(1e-6, max)) }
    return efficiency(tokens: tokens, peakTops: peakTops)
  }

  /// The curve a device JSON would carry: the efficiency at 1, 2, 4, …,
  /// 2^20 tokens (interpolated in log2 between them), and at
  /// `vectorTokens` and the next token when matrix-vector kernels serve
  /// passes up to it, so the step from the one kernel to the other falls
  /// between two tokens.
  func curve(peakTops: Double, vectorTokens: Int? = nil) -> EfficiencyCurve {
    var tokens = (0...20).map { Double(1 << $0) }
    if let v = vectorTokens {
      tokens =
        tokens.filter { $0 != Double(v) && $0 != Double(v) + 1 } + [
          Double(v), Double(v) + 1,
        ]
    }
    return EfficiencyCurve(
      points: tokens.map { t in
        (t, efficiency(tokens: t, peakTops: peakTops, vectorTokens: vectorTokens))
      })
  }
}
