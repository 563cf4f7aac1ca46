/// The kind of an operator: the key of `ops_by_kind` and `bytes_by_kind`, of
/// per-kind efficiencies and of per-kind mappings.
public enum OpKind: String, Sendable, CaseIterable, Hashable, Comparable {
  /// Linear layers: GEMM (+ bias).
  case gemm
  /// Batched matrix multiplies inside attention (Q·Kᵀ, P·V), eager or fused.
  case bmm
  /// Softmax over attention scores.
  case softmax
  /// Elementwise add / multiply (residuals, gating, scaling).
  case elementwise
  /// RMSNorm and LayerNorm.
  case norm
  /// Rotary position embedding.
  case rope
  /// Non-linear activations (SiLU, GELU) and soft-capping.
  case activation
  /// On-the-fly quantization of activations (integer activations).
  case quantize
  /// Dequantization of weights or of the KV cache.
  case dequantize
  /// The token embedding lookup.
  case embedding
  /// KV-cache writes (append or concatenation).
  case kvCache = "kv_cache"
  /// The MoE router (gate GEMM, top-k).
  case moeRouter = "moe_router"
  /// LoRA adapter work (A·B products and merges).
  case lora
  /// Online Hadamard transforms (QuaRot).
  case hadamard

  /// Orders kinds by declaration order, for deterministic output.
  public static func < (lhs: OpKind, rhs: OpKind) -> Bool { lhs.order < rhs.order }

  /// The position of the kind in ``allCases``.
  public var order: Int { OpKind.allCases.firstIndex(of: self) ?? 0 }
}
