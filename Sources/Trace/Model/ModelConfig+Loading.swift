/// Reading Hugging Face config.json files and presets.
extension ModelConfig {
  /// The `model_type`s the workload model builds.
  package static let families = [
    "llama", "mistral", "qwen2", "qwen3", "gemma2", "phi3", "mixtral", "deepseek_v2",
  ]

  /// The largest size a config.json may give (hidden, heads, vocab, ...): 2^24.
  package static let maxSize = 1 << 24

  /// The most decoder layers a config may have (the op trace walks every
  /// layer of every pass).
  package static let maxLayers = 1 << 14

  /// Preset names (`life models`).
  public static var presetNames: [String] { ModelPresets.names }

  /// A preset by name; an error with a did-you-mean otherwise.
  public static func preset(named name: String) throws(LifeError) -> ModelConfig {
    guard let text = ModelPresets.json(named: name) else {
      throw LifeError(
        .usage, at: .parameter(.model), "unknown model preset", got: "'\(name)'",
        expected: "a preset (" + presetNames.joined(separator: ", ") + ") or a config.json path",
        suggestion: DidYouMean.suggest(name, among: presetNames))
    }
    return try parse(JSONNode.parse(text, file: "preset \(name)"), name: name.lowercased())
  }

  /// Loads a config.json file; its name is the parent folder's name (or the
  /// file's name).
  public static func load(path: String) throws(LifeError) -> ModelConfig {
    let node = try JSONNode.load(file: path)
    let parts = path.split(separator: "/").map(String.init)
    var name = parts.last ?? path
    if name.hasSuffix(".json") {
      if name == "config.json", parts.count >= 2 {
        name = parts[parts.count - 2]
      } else {
        name = String(name.dropLast(5))
      }
    }
    return try parse(node, name: name)
  }

  /// A preset name or a config.json path.
  public static func resolve(_ text: String) throws(LifeError) -> ModelConfig {
    if ModelPresets.json(named: text) != nil { return try preset(named: text) }
    if FileInput.isDirectory(text) {
      // A Hugging Face model folder: its config.json.
      let config = (text.hasSuffix("/") ? text : text + "/") + "config.json"
      guard FileInput.isDirectory(config) == false, (try? FileInput.readBytes(config)) != nil
      else {
        throw LifeError(
          .usage, at: .parameter(.model), "is a directory without a config.json",
          got: "'\(text)'", expected: "a preset, a config.json path or a folder holding one")
      }
      return try load(path: config)
    }
    if text.hasSuffix(".json") || text.contains("/") { return try load(path: text) }
    return try preset(named: text)
  }

  /// Builds a config from a parsed config.json. Unknown keys are ignored;
  /// missing required fields and inconsistent sizes are errors naming the
  /// file and the field.
  package static func parse(_ root: JSONNode, name: String) throws(LifeError) -> ModelConfig {
    let maxSize = ModelConfig.maxSize
    let family = try root.required("model_type").choice(families)
    // Sizes are at most 2^24 (and max_position_embeddings 2^40), so no Int
    // product of sizes and token counts overflows (Workload.maxTokens).
    func int(_ key: String) throws(LifeError) -> Int {
      try root.required(key).int(min: 1, max: maxSize)
    }
    func optInt(_ key: String) throws(LifeError) -> Int? {
      try root.optional(key)?.int(min: 1, max: key == "max_position_embeddings" ? 1 << 40 : maxSize)
    }
    let hidden = try int("hidden_size")
    let layers = try root.required("num_hidden_layers").int(min: 1, max: maxLayers)
    let heads = try int("num_attention_heads")
    let kvHeads = try optInt("num_key_value_heads") ?? heads
    let vocab = try int("vocab_size")
    let intermediate = try int("intermediate_size")
    guard heads % kvHeads == 0 else {
      throw try root.required("num_key_value_heads").error(
        "attention heads are not a multiple of the KV heads", expected: "a divisor of \(heads)")
    }
    let headDim: Int
    if let explicit = try optInt("head_dim") {
      headDim = explicit
    } else {
      guard hidden % heads == 0 else {
        throw try root.required("hidden_size").error(
          "hidden size is not a multiple of the heads and no head_dim is given",
          expected: "a multiple of \(heads)")
      }
      headDim = hidden / heads
    }
    guard Double(heads) * Double(headDim) <= Double(1 << 40) else {
      throw try root.required("num_attention_heads").error(
        "heads × head_dim is too large", expected: "heads × head_dim ≤ 2^40")
    }
    var dtype: DType?
    if let node = try root.optional("torch_dtype") {
      guard let d = DType(name: try node.string()), !d.isInteger else {
        throw node.error("unknown torch_dtype", expected: "float32, float16 or bfloat16")
      }
      dtype = d
    }
    var config = ModelConfig(
      name: name, family: family, layers: layers, hidden: hidden, heads: heads, kvHeads: kvHeads,
      headDim: headDim, intermediate: intermediate, vocab: vocab,
      maxPositions: try optInt("max_position_embeddings"), torchDType: dtype)
    let tiedDefault = family == "gemma2"
    config.tiedEmbeddings = try root.optional("tie_word_embeddings")?.bool() ?? tiedDefault
    switch family {
    case "qwen2":
      config.qkvBias = true
      if try root.optional("use_sliding_window")?.bool() == true {
        config.slidingWindow = try optInt("sliding_window")
      }
    case "qwen3":
      config.qkNorm = true
      config.qkvBias = try root.optional("attention_bias")?.bool() ?? false
    case "mistral", "mixtral":
      config.slidingWindow = try optInt("sliding_window")
    case "phi3":
      config.fusedProjections = true
      config.rotaryFraction =
        try root.optional("partial_rotary_factor")?.double(min: 0, max: 1) ?? 1
    case "gemma2":
      config.sandwichNorms = true
      config.slidingWindow = try optInt("sliding_window")
      config.slidingEvenLayersOnly = true
      config.attentionSoftcap = try root.optional("attn_logit_softcapping")?.double(min: 0)
      config.finalSoftcap = try root.optional("final_logit_softcapping")?.double(min: 0)
    default:
      config.qkvBias = try root.optional("attention_bias")?.bool() ?? false
    }
    if family == "mixtral" {
      config.moe = MoEConfig(
        experts: try int("num_local_experts"), topK: try int("num_experts_per_tok"),
        expertIntermediate: intermediate)
    }
    if family == "deepseek_v2" {
      config.moe = MoEConfig(
        experts: try int("n_routed_experts"), topK: try int("num_experts_per_tok"),
        expertIntermediate: try int("moe_intermediate_size"),
        sharedExperts: try root.optional("n_shared_experts")?.int(min: 0, max: maxSize) ?? 0,
        firstDenseLayers: try root.optional("first_k_dense_replace")?.int(min: 0, max: maxSize) ?? 0
      )
      config.mla = MLAConfig(
        qLoraRank: try optInt("q_lora_rank"), kvLoraRank: try int("kv_lora_rank"),
        qkNopeHeadDim: try int("qk_nope_head_dim"), qkRopeHeadDim: try int("qk_rope_head_dim"),
        vHeadDim: try int("v_head_dim"))
    }
    if let moe = config.moe, moe.topK > moe.experts {
      throw try root.required("num_experts_per_tok").error(
        "more experts per token than experts", expected: "at most \(moe.experts)")
    }
    config.warnings = try nearMisses(root, family: family)
    return config
  }
}
