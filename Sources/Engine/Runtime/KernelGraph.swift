import Trace

/// The kernels a runtime launches for each operator of the op trace: its
/// kernel graph. An operator of kind `k` costs `perKind[k]` launches (0
/// when the runtime fuses it into a neighbour); attention is counted by its
/// form (one flash kernel, or the unfused score BMM, softmax and context
/// BMM with their extra copies); a GEMM over quantized weights costs
/// `perQuantizedLinear` more (llama.cpp quantizes the activations for its
/// integer kernels); every pass adds `perPass` (embedding gathers, masks,
/// output casts).
///
/// Passes of at most `vectorTokens` tokens run their matrix products as
/// matrix-vector kernels (llama.cpp's MMVQ and mul_mv, MLX's qmv): no tile
/// waits to fill, so the GEMM and attention compute curves hold their
/// ceiling up to that many tokens and only ramp beyond it.
struct KernelGraph: Sendable, Equatable {
  var perKind: [OpKind: Int]
  /// Overrides for particular operators (merged projections: vLLM's one
  /// qkv GEMM launches nothing for k_proj and v_proj).
  var perSite: [OpSite: Int]
  var flashAttention: Int
  var unfusedScores: Int
  var unfusedSoftmax: Int
  var unfusedContext: Int
  var perQuantizedLinear: Int
  var perPass: Int
  /// The most tokens a pass may hold and still run matrix-vector kernels;
  /// nil: the runtime's matrix kernels serve every pass.
  var vectorTokens: Int? = nil

  /// Launches for one operator record.
  func launches(_ record: OpRecord) -> Int {
    if let n = perSite[record.site], record.kind != .dequantize, record.kind != .quantize,
      record.kind != .lora
    {
      return n + (record.kind == .gemm && record.hasQuantizedWeights ? perQuantizedLinear : 0)
    }
    switch record.site {
    case .flashAttention: return flashAttention
    case .scores where record.kind == .bmm: return unfusedScores
    case .softmax: return unfusedSoftmax
    case .context where record.kind == .bmm: return unfusedContext
    default: break
    }
    var n = perKind[record.kind] ?? 0
    if record.kind == .gemm, record.hasQuantizedWeights { n += perQuantizedLinear }
    return n
  }
}

/// Which peak TOPS a runtime's kernels reach, by the operator's role: GEMMs
/// over quantized weights (integer kernels reach the int8 rate, others
/// dequantize to fp16), GEMMs over plain weights by their dtype, attention,
/// and everything else. Values are `peak_tops` keys; a device without the
/// key falls back (``Device/peakTops(forKey:)``).
struct PeakPolicy: Sendable, Equatable {
  /// Key for GEMMs over quantized weights; nil: the compute dtype's.
  var quantizedGEMM: String?
  /// Keys for GEMMs over plain weights, by the weights' dtype.
  var plainGEMM: [DType: String]
  /// Key for attention BMMs; nil: the compute dtype's.
  var attention: String?

  /// No policy: every operator at its compute dtype's peak (``Runtime/ideal``).
  static let computeType = PeakPolicy(quantizedGEMM: nil, plainGEMM: [:], attention: nil)

  /// The key for `record`, or nil for its compute dtype's own.
  func key(kind: OpKind, weights: WeightStorage) -> String? {
    switch kind {
    case .gemm:
      switch weights {
      case .quantized: return quantizedGEMM
      case .plain(let d): return plainGEMM[d]
      case .none: return nil
      }
    case .bmm: return attention
    default: return nil
    }
  }
}

/// The benchmark command line that measures a forecast, as a template with
/// `{placeholders}` (docs/runtimes.md lists them); per device kind where
/// they differ.
struct VerifyTemplate: Sendable, Equatable {
  var command: String
  var byKind: [DeviceKind: String]
}
