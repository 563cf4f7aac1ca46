/// Roles from tensor names: GGUF's (`blk.3.ffn_down.weight`) and Hugging
/// Face's (`model.layers.3.mlp.down_proj.weight`).
extension TensorRole {
  /// A tensor name split into its role, layer, expert and whether it is a bias.
  package struct Parsed: Sendable, Equatable {
    /// The role.
    package var role: TensorRole
    /// The decoder layer (`blk.N` / `layers.N`), if any.
    package var layer: Int?
    /// The expert, for Hugging Face's one-tensor-per-expert names.
    package var expert: Int?
    /// Whether the name ends in `.bias`.
    package var isBias: Bool
    /// A quantized Linear's scales, zero points or other bookkeeping
    /// (`scales`, `qzeros`, `weight_scale`, `weight.absmax`, `*_scales`):
    /// bytes of the Linear, not its values.
    package var isCompanion: Bool = false
  }

  /// A GGUF tensor name: `[blk.N.]BASE[.weight|.bias]`.
  package static func parse(gguf name: String) -> Parsed {
    var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    var layer: Int?
    if parts.count >= 3, parts[0] == "blk", let n = Int(parts[1]) {
      layer = n
      parts.removeFirst(2)
    }
    let isBias = parts.last == "bias"
    if parts.count > 1, parts.last == "weight" || parts.last == "bias" { parts.removeLast() }
    let role = parts.count == 1 ? TensorRole(rawValue: parts[0]) ?? .other : .other
    return Parsed(role: role, layer: layer, expert: nil, isBias: isBias)
  }

  /// Hugging Face module names (the last component, or the last two for
  /// experts) and the role each is.
  private static let huggingFace: [String: TensorRole] = [
    "embed_tokens": .tokenEmbedding, "lm_head": .output, "norm": .outputNorm,
    "input_layernorm": .attnNorm, "post_attention_layernorm": .ffnNorm,
    "pre_feedforward_layernorm": .ffnNorm, "post_feedforward_layernorm": .ffnPostNorm,
    "q_proj": .attnQ, "k_proj": .attnK, "v_proj": .attnV, "qkv_proj": .attnQKV,
    "o_proj": .attnOutput, "q_norm": .attnQNorm, "k_norm": .attnKNorm,
    "q_a_proj": .attnQA, "q_a_layernorm": .attnQANorm, "q_b_proj": .attnQB,
    "kv_a_proj_with_mqa": .attnKVA, "kv_a_layernorm": .attnKVANorm, "kv_b_proj": .attnKVB,
    "gate_proj": .ffnGate, "up_proj": .ffnUp, "down_proj": .ffnDown, "gate_up_proj": .ffnUp,
    "gate": .router, "router": .router, "e_score_correction_bias": .expertBias,
  ]

  /// A Hugging Face (safetensors) tensor name. `gemmaNorms`: the checkpoint
  /// has Gemma 2's four norms per layer, so `post_attention_layernorm` is
  /// the norm after attention, not the one before the MLP.
  package static func parse(huggingFace name: String, gemmaNorms: Bool = false) -> Parsed {
    var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    var isBias = parts.last == "bias"
    var isCompanion = false
    if parts.count > 1, let i = parts.lastIndex(of: "weight"), i < parts.count - 1 {
      // bitsandbytes: `q_proj.weight.absmax`, `q_proj.weight.quant_state.…`.
      isCompanion = true
      parts.removeSubrange(i...)
    } else if parts.count > 1, let last = parts.last {
      if quantizedValues.contains(last) {
        parts.removeLast()
      } else if quantizedCompanions.contains(last) {
        isCompanion = true
        parts.removeLast()
      } else if let cut = ["_blocks", "_scales", "_bias"].first(where: { last.hasSuffix($0) }),
        huggingFace[String(last.dropLast(cut.count))] != nil
      {
        // gpt-oss's MXFP4 experts: `gate_up_proj_blocks`, `_scales`, `_bias`.
        parts[parts.count - 1] = String(last.dropLast(cut.count))
        isCompanion = cut == "_scales"
        isBias = cut == "_bias"
      }
    }
    if parts.count > 1, parts.last == "weight" || parts.last == "bias" { parts.removeLast() }
    var layer: Int?
    if let i = parts.firstIndex(of: "layers"), i + 1 < parts.count, let n = Int(parts[i + 1]) {
      layer = n
      parts.removeSubrange(0...i + 1)
    }
    guard let last = parts.last else {
      return Parsed(role: .other, layer: layer, expert: nil, isBias: isBias)
    }
    var expert: Int?
    var role = huggingFace[last] ?? .other
    if last == "e_score_correction_bias" { role = .expertBias }
    if parts.contains("shared_experts") || parts.contains("shared_expert") {
      role =
        [.ffnGate: .ffnGateShared, .ffnUp: .ffnUpShared, .ffnDown: .ffnDownShared][role]
        ?? role
    } else if let e = parts.firstIndex(of: "experts") {
      // One tensor per expert (`experts.3.w1`) or all experts packed in one.
      expert = e + 1 < parts.count ? Int(parts[e + 1]) : nil
      let mixtral: [String: TensorRole] = ["w1": .ffnGate, "w3": .ffnUp, "w2": .ffnDown]
      let dense = mixtral[last] ?? role
      role =
        [.ffnGate: .ffnGateExperts, .ffnUp: .ffnUpExperts, .ffnDown: .ffnDownExperts][dense]
        ?? .other
    } else if role == .outputNorm, layer != nil {
      role = .other
    }
    if gemmaNorms, last == "post_attention_layernorm" { role = .attnPostNorm }
    if name.contains("vision") || name.contains("visual") { role = .other }
    if layer == nil, role != .tokenEmbedding, role != .output, role != .outputNorm {
      role = .other
    }
    return Parsed(
      role: role, layer: layer, expert: expert, isBias: isBias, isCompanion: isCompanion)
  }

  /// Last name components of a quantized Linear's packed values (AutoAWQ and
  /// AutoGPTQ's `qweight`, compressed-tensors' `weight_packed`).
  static let quantizedValues: Set<String> = ["qweight", "weight_packed"]

  /// Last name components of a quantized Linear's scales, zero points and
  /// bookkeeping (AutoAWQ, AutoGPTQ, compressed-tensors, fp8 block
  /// checkpoints, ModelOpt, bitsandbytes 8-bit).
  static let quantizedCompanions: Set<String> = [
    "qzeros", "scales", "g_idx", "weight_scale", "weight_zero_point", "weight_shape",
    "weight_scale_inv", "weight_g_idx", "weight_global_scale", "input_scale",
    "input_global_scale", "k_scale", "v_scale", "SCB", "weight_format",
  ]
}
