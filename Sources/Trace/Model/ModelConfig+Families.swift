/// Each family's own reading of a config.json: what it adds to the llama
/// shape the common keys describe (docs/models.md).
extension ModelConfig {
  /// The family to build: `forced` when given (it must be a family or an
  /// alias), else the text model's `model_type` (or the top one's) through
  /// ``family(ofModelType:)``.
  static func resolveFamily(top: JSONNode, root: JSONNode, forced: String?)
    throws(LifeError) -> String
  {
    let known = families + familyAliases.map(\.modelType)
    if let forced {
      guard let family = family(ofModelType: forced) else {
        throw LifeError(
          .usage, at: .parameter(.family), "unknown family", got: "'\(forced)'",
          expected: "one of " + families.joined(separator: ", "),
          suggestion: DidYouMean.suggest(forced, among: known))
      }
      return family
    }
    var node = try root.optional("model_type")
    if node == nil { node = try top.required("model_type") }
    guard let node else { throw top.error("missing model_type") }
    let type = try node.string()
    guard let family = family(ofModelType: type) else {
      throw node.error(
        "unknown value",
        expected: "one of " + known.map { "'\($0)'" }.joined(separator: ", ")
          + ", or a family forced for it",
        suggestion: DidYouMean.suggest(type, among: known))
    }
    return family
  }

  /// Reads what `family` adds to the common keys from `root`.
  mutating func readFamily(_ root: JSONNode, family: String) throws(LifeError) {
    let maxSize = ModelConfig.maxSize
    func int(_ key: String) throws(LifeError) -> Int {
      try root.required(key).int(min: 1, max: maxSize)
    }
    func optInt(_ key: String) throws(LifeError) -> Int? {
      try root.optional(key)?.int(min: 1, max: maxSize)
    }
    func flag(_ key: String) throws(LifeError) -> Bool? { try root.optional(key)?.bool() }
    switch family {
    case "qwen2":
      qkvBias = true
      if try flag("use_sliding_window") == true { slidingWindow = try optInt("sliding_window") }
    case "qwen3", "qwen3_moe":
      qkNorm = true
      qkvBias = try flag("attention_bias") ?? false
      if family == "qwen3_moe" {
        var moe = MoEConfig(
          experts: try int("num_experts"), topK: try int("num_experts_per_tok"),
          expertIntermediate: try int("moe_intermediate_size"))
        moe.sparseStep = try optInt("decoder_sparse_step") ?? 1
        moe.denseLayers = try layerList(root, "mlp_only_layers")
        self.moe = moe
      }
    case "mistral":
      slidingWindow = try optInt("sliding_window")
    case "mixtral":
      slidingWindow = try optInt("sliding_window")
      moe = MoEConfig(
        experts: try int("num_local_experts"), topK: try int("num_experts_per_tok"),
        expertIntermediate: intermediate)
    case "phi3":
      fusedProjections = true
      rotaryFraction = try root.optional("partial_rotary_factor")?.double(min: 0, max: 1) ?? 1
    case "gemma":
      embeddingScale = true
    case "gemma2", "gemma3":
      sandwichNorms = true
      embeddingScale = true
      slidingWindow = try optInt("sliding_window")
      attentionSoftcap = try root.optional("attn_logit_softcapping")?.double(min: 0)
      finalSoftcap = try root.optional("final_logit_softcapping")?.double(min: 0)
      if family == "gemma2" {
        slidingEvenLayersOnly = true
      } else {
        // Five local layers to one global: layer i is global when i + 1 is
        // a multiple of the pattern (6).
        qkNorm = true
        let pattern = try optInt("sliding_window_pattern") ?? 6
        slidingLayers =
          try layerTypes(root)
          ?? (0..<layers).map { ($0 + 1) % pattern != 0 }
      }
    case "olmo2":
      qkNorm = true
      qkNormAcrossHeads = true
      qkvBias = try flag("attention_bias") ?? false
    case "gpt_oss":
      let bias = try flag("attention_bias") ?? false
      qkvBias = bias
      outputBias = bias
      attentionSinks = true
      slidingWindow = try optInt("sliding_window")
      slidingLayers = try layerTypes(root) ?? (0..<layers).map { $0 % 2 == 0 }
      var topK = try optInt("num_experts_per_tok")
      if topK == nil { topK = try int("experts_per_token") }
      var moe = MoEConfig(
        experts: try int("num_local_experts"), topK: topK ?? 1, expertIntermediate: intermediate)
      moe.biases = true
      self.moe = moe
    case "deepseek_v2", "deepseek_v3":
      qkvBias = try flag("attention_bias") ?? false
      moe = MoEConfig(
        experts: try int("n_routed_experts"), topK: try int("num_experts_per_tok"),
        expertIntermediate: try int("moe_intermediate_size"),
        sharedExperts: try root.optional("n_shared_experts")?.int(min: 0, max: maxSize) ?? 0,
        firstDenseLayers: try root.optional("first_k_dense_replace")?.int(min: 0, max: maxSize) ?? 0
      )
      mla = MLAConfig(
        qLoraRank: try optInt("q_lora_rank"), kvLoraRank: try int("kv_lora_rank"),
        qkNopeHeadDim: try int("qk_nope_head_dim"), qkRopeHeadDim: try int("qk_rope_head_dim"),
        vHeadDim: try int("v_head_dim"))
    case "llama4":
      try readLlama4(root)
    default:
      qkvBias = try flag("attention_bias") ?? false
    }
  }

  /// Llama 4: MoE layers (one routed expert of `intermediate_size` per token
  /// plus a shared one) every `interleave_moe_layer_step` layers, dense
  /// layers of `intermediate_size_mlp`; three of every four layers attend
  /// within chunks of `attention_chunk_size` tokens, modelled as a sliding
  /// window of that size (an upper bound on the keys each query reads), the
  /// fourth (NoPE) globally.
  private mutating func readLlama4(_ root: JSONNode) throws(LifeError) {
    let maxSize = ModelConfig.maxSize
    qkvBias = try root.optional("attention_bias")?.bool() ?? false
    let width = intermediate
    if let dense = try root.optional("intermediate_size_mlp")?.int(min: 1, max: maxSize) {
      intermediate = dense
    }
    var moe = MoEConfig(
      experts: try root.required("num_local_experts").int(min: 1, max: maxSize),
      topK: try root.required("num_experts_per_tok").int(min: 1, max: maxSize),
      expertIntermediate: width, sharedExperts: 1)
    moe.sparseStep =
      try root.optional("interleave_moe_layer_step")?.int(min: 1, max: maxSize) ?? 1
    self.moe = moe
    slidingWindow = try root.optional("attention_chunk_size")?.int(min: 1, max: maxSize)
    if let ropeLayers = try root.optional("no_rope_layers") {
      let items = try ropeLayers.items()
      guard items.count == layers else {
        throw ropeLayers.error("one entry per layer expected", expected: "\(layers) entries")
      }
      var chunked: [Bool] = []
      for item in items { chunked.append(try item.int(min: 0, max: 1) == 1) }
      slidingLayers = chunked
    } else {
      slidingLayers = (0..<layers).map { ($0 + 1) % 4 != 0 }
    }
  }

  /// `layer_types` (`sliding_attention` / `full_attention` per layer), when
  /// given: whether each layer uses the sliding window.
  private func layerTypes(_ root: JSONNode) throws(LifeError) -> [Bool]? {
    guard let node = try root.optional("layer_types") else { return nil }
    let items = try node.items()
    guard items.count == layers else {
      throw node.error("one entry per layer expected", expected: "\(layers) entries")
    }
    var sliding: [Bool] = []
    for item in items {
      sliding.append(
        try item.choice(["sliding_attention", "full_attention"]) == "sliding_attention")
    }
    return sliding
  }

  /// A list of layer indices (qwen's `mlp_only_layers`), each below the
  /// layer count.
  private func layerList(_ root: JSONNode, _ key: String) throws(LifeError) -> [Int] {
    guard let node = try root.optional(key) else { return [] }
    var out: [Int] = []
    for item in try node.items() { out.append(try item.int(min: 0, max: layers - 1)) }
    return out
  }
}
