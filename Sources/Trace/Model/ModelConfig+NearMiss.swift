/// Unknown keys of a Hugging Face config.json are ignored (configs carry
/// many that do not shape the workload), but one that looks like a
/// misspelling of a key LIFE reads silently changes the forecast: a
/// `num_kv_heads` instead of `num_key_value_heads` turns GQA into MHA. Such
/// keys get a warning naming the key LIFE reads.
extension ModelConfig {
  /// The keys ``parse(_:name:)`` reads for every family.
  static let commonKeys = [
    "model_type", "hidden_size", "num_hidden_layers", "num_attention_heads",
    "num_key_value_heads", "vocab_size", "intermediate_size", "head_dim",
    "max_position_embeddings", "torch_dtype", "tie_word_embeddings",
  ]

  /// The keys ``parse(_:name:)`` reads for `family`, beyond the common ones.
  static func familyKeys(_ family: String) -> [String] {
    switch family {
    case "qwen2": return ["use_sliding_window", "sliding_window"]
    case "qwen3": return ["attention_bias"]
    case "qwen3_moe":
      return [
        "attention_bias", "num_experts", "num_experts_per_tok", "moe_intermediate_size",
        "decoder_sparse_step", "mlp_only_layers",
      ]
    case "mistral": return ["sliding_window"]
    case "mixtral": return ["sliding_window", "num_local_experts", "num_experts_per_tok"]
    case "phi3": return ["partial_rotary_factor"]
    case "gemma": return []
    case "gemma2": return ["sliding_window", "attn_logit_softcapping", "final_logit_softcapping"]
    case "gemma3":
      return [
        "sliding_window", "attn_logit_softcapping", "final_logit_softcapping",
        "sliding_window_pattern", "layer_types",
      ]
    case "gpt_oss":
      return [
        "attention_bias", "sliding_window", "layer_types", "num_local_experts",
        "num_experts_per_tok", "experts_per_token",
      ]
    case "deepseek_v2", "deepseek_v3":
      return [
        "attention_bias", "n_routed_experts", "num_experts_per_tok", "moe_intermediate_size",
        "n_shared_experts", "first_k_dense_replace", "q_lora_rank", "kv_lora_rank",
        "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim",
      ]
    case "llama4":
      return [
        "attention_bias", "intermediate_size_mlp", "num_local_experts", "num_experts_per_tok",
        "interleave_moe_layer_step", "attention_chunk_size", "no_rope_layers",
      ]
    default: return ["attention_bias"]
    }
  }

  /// Spellings other conventions use for keys LIFE reads (GPT-style,
  /// Megatron, llama.cpp): too far from the key for an edit distance.
  static let aliases: [String: String] = [
    "num_kv_heads": "num_key_value_heads", "n_kv_heads": "num_key_value_heads",
    "n_kv_head": "num_key_value_heads", "num_kv_head": "num_key_value_heads",
    "kv_heads": "num_key_value_heads", "n_head_kv": "num_key_value_heads",
    "n_heads": "num_attention_heads", "n_head": "num_attention_heads",
    "num_heads": "num_attention_heads", "n_layers": "num_hidden_layers",
    "n_layer": "num_hidden_layers", "num_layers": "num_hidden_layers",
    "n_embd": "hidden_size", "d_model": "hidden_size", "dim": "hidden_size",
    "ffn_dim": "intermediate_size", "ffn_hidden_size": "intermediate_size",
    "n_positions": "max_position_embeddings", "max_seq_len": "max_position_embeddings",
    "max_sequence_length": "max_position_embeddings", "n_ctx": "max_position_embeddings",
    "window_size": "sliding_window", "sliding_window_size": "sliding_window",
    "n_experts": "num_local_experts", "num_experts": "num_local_experts",
  ]

  /// Keys of real configs that look close to a key LIFE reads but mean
  /// something else: never warned about.
  static let knownOthers: Set<String> = [
    "original_max_position_embeddings", "max_window_layers", "num_nextn_predict_layers",
    "sliding_window_pattern", "hidden_act", "hidden_activation", "head_dim_original",
    "text_config", "vision_config", "moe_layer_freq", "n_group", "topk_group",
    "num_experts_per_token", "no_rope_layer_interval",
  ]

  /// The warnings for `root`'s unknown keys that are near misses of a key
  /// `family` reads and that the config does not give itself.
  static func nearMisses(_ root: JSONNode, family: String) throws(LifeError) -> [String] {
    let read = commonKeys + familyKeys(family)
    let readByAny = Set(
      commonKeys + ModelConfig.families.flatMap(familyKeys) + ["use_sliding_window"])
    let members = try root.members()
    let given = Set(members.map(\.key))
    var warnings: [String] = []
    for member in members where !readByAny.contains(member.key) {
      let normal = member.key.lowercased().replacingOccurrences(of: "-", with: "_")
      if knownOthers.contains(normal) { continue }
      let suggestion: String?
      if read.contains(normal) {
        suggestion = normal
      } else if let alias = aliases[normal], read.contains(alias) {
        suggestion = alias
      } else if readByAny.contains(normal) {
        continue
      } else {
        suggestion = DidYouMean.suggest(normal, among: read)
      }
      guard let suggestion, !given.contains(suggestion) else { continue }
      warnings.append(warning(root, member.key, suggestion))
    }
    return warnings
  }

  static func warning(_ root: JSONNode, _ key: String, _ suggestion: String) -> String {
    let place = root.file.map { $0 + ": " } ?? ""
    return place + "unknown key '\(key)' is ignored; did you mean '\(suggestion)'?"
  }
}
