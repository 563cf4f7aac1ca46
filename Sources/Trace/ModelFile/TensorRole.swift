/// What a tensor is for, named as llama.cpp names GGUF tensors (gguf-py's
/// `TENSOR_NAMES`, without the `blk.N.` prefix and `.weight` suffix).
package enum TensorRole: String, Sendable, CaseIterable {
  case tokenEmbedding = "token_embd"
  case output = "output"
  case outputNorm = "output_norm"
  case attnNorm = "attn_norm"
  case attnQ = "attn_q"
  case attnK = "attn_k"
  case attnV = "attn_v"
  case attnQKV = "attn_qkv"
  case attnOutput = "attn_output"
  case attnQNorm = "attn_q_norm"
  case attnKNorm = "attn_k_norm"
  case attnPostNorm = "post_attention_norm"
  case attnQA = "attn_q_a"
  case attnQANorm = "attn_q_a_norm"
  case attnQB = "attn_q_b"
  case attnKVA = "attn_kv_a_mqa"
  case attnKVANorm = "attn_kv_a_norm"
  case attnKVB = "attn_kv_b"
  case attnKB = "attn_k_b"
  case attnVB = "attn_v_b"
  case ffnNorm = "ffn_norm"
  case ffnPostNorm = "post_ffw_norm"
  case ffnGate = "ffn_gate"
  case ffnUp = "ffn_up"
  case ffnDown = "ffn_down"
  case router = "ffn_gate_inp"
  case ffnGateExperts = "ffn_gate_exps"
  case ffnUpExperts = "ffn_up_exps"
  case ffnDownExperts = "ffn_down_exps"
  case ffnGateShared = "ffn_gate_shexp"
  case ffnUpShared = "ffn_up_shexp"
  case ffnDownShared = "ffn_down_shexp"
  case expertBias = "exp_probs_b"
  case ropeFreqs = "rope_freqs"
  /// Anything else (vision towers, unknown extras).
  case other = "other"

  /// The GGUF base name (`attn_q`).
  package var name: String { rawValue }

  /// RMSNorm / LayerNorm weights.
  package var isNorm: Bool {
    switch self {
    case .outputNorm, .attnNorm, .attnQNorm, .attnKNorm, .attnPostNorm, .attnQANorm,
      .attnKVANorm, .ffnNorm, .ffnPostNorm:
      return true
    default: return false
    }
  }

  /// Weights a GEMM reads: projections, the LM head, routers and experts.
  package var isLinear: Bool {
    switch self {
    case .output, .attnQ, .attnK, .attnV, .attnQKV, .attnOutput, .attnQA, .attnQB, .attnKVA,
      .attnKVB, .attnKB, .attnVB, .ffnGate, .ffnUp, .ffnDown, .router, .ffnGateExperts,
      .ffnUpExperts, .ffnDownExperts, .ffnGateShared, .ffnUpShared, .ffnDownShared:
      return true
    default: return false
    }
  }
}
