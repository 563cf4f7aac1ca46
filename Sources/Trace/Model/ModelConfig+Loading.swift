/// Reading Hugging Face config.json files and presets.
extension ModelConfig {
  /// The families the workload model builds (Hugging Face `model_type`s).
  package static let families = [
    "llama", "mistral", "qwen2", "qwen3", "qwen3_moe", "gemma", "gemma2", "gemma3", "phi3",
    "mixtral", "olmo2", "gpt_oss", "deepseek_v2", "deepseek_v3", "llama4",
  ]

  /// `model_type`s built as another family: the text halves of multimodal
  /// configs, and llama-shaped families whose differences (scalar
  /// multipliers, NoPE layers) do not change the operators or the weights
  /// (docs/models.md).
  package static let familyAliases: [(modelType: String, family: String)] = [
    ("gemma3_text", "gemma3"), ("llama4_text", "llama4"), ("granite", "llama"),
    ("smollm3", "llama"), ("helium", "llama"), ("ernie4_5", "llama"), ("internlm3", "llama"),
  ]

  /// The family a `model_type` is built as, or nil.
  package static func family(ofModelType type: String) -> String? {
    if families.contains(type) { return type }
    return familyAliases.first { $0.modelType == type }?.family
  }

  /// The largest size a config.json may give (hidden, heads, vocab, ...): 2^24.
  package static let maxSize = 1 << 24

  /// The most decoder layers a config may have (the op trace walks every
  /// layer of every pass).
  package static let maxLayers = 1 << 14

  /// Preset names (`life models`).
  public static var presetNames: [String] { ModelPresets.names }

  /// A preset by name; an error with a did-you-mean otherwise.
  public static func preset(named name: String, family: String? = nil) throws(LifeError)
    -> ModelConfig
  {
    guard let text = ModelPresets.json(named: name) else {
      throw LifeError(
        .usage, at: .parameter(.model), "unknown model preset", got: "'\(name)'",
        expected: "a preset (" + presetNames.joined(separator: ", ") + ") or a config.json path",
        suggestion: DidYouMean.suggest(name, among: presetNames))
    }
    return try parse(
      JSONNode.parse(text, file: "preset \(name)"), name: name.lowercased(), family: family)
  }

  /// Loads a config.json file; its name is the parent folder's name (or the
  /// file's name).
  public static func load(path: String, family: String? = nil) throws(LifeError) -> ModelConfig {
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
    return try parse(node, name: name, family: family)
  }

  /// A preset name, a config.json path, a Hugging Face folder or a GGUF
  /// file; `family` forces the family a
  /// `model_type` LIFE does not know is built as (`--family`).
  public static func resolve(_ text: String, family: String? = nil) throws(LifeError)
    -> ModelConfig
  {
    if ModelPresets.json(named: text) != nil { return try preset(named: text, family: family) }
    if FileInput.isDirectory(text) { return try load(folder: text, family: family) }
    if isGGUF(path: text) { return try load(gguf: text) }
    if text.hasSuffix(".json") || text.contains("/") { return try load(path: text, family: family) }
    return try preset(named: text, family: family)
  }

  /// Defaults of text configs whose published copies leave them out:
  /// transformers writes only the keys that differ from its config class's
  /// defaults, so Gemma 3's `text_config` (4B and up) omits the heads, the
  /// head size and the vocabulary. Gemma3TextConfig's defaults, from
  /// transformers' src/transformers/models/gemma3/configuration_gemma3.py
  /// (https://github.com/huggingface/transformers, `Gemma3TextConfig.__init__`).
  static let textConfigDefaults: [String: [(key: String, value: JSONValue)]] = [
    "gemma3_text": [
      ("vocab_size", .number(JSONNumber(262_208))), ("hidden_size", .number(JSONNumber(2304))),
      ("intermediate_size", .number(JSONNumber(9216))),
      ("num_hidden_layers", .number(JSONNumber(26))),
      ("num_attention_heads", .number(JSONNumber(8))),
      ("num_key_value_heads", .number(JSONNumber(4))), ("head_dim", .number(JSONNumber(256))),
      ("max_position_embeddings", .number(JSONNumber(131_072))),
      ("sliding_window", .number(JSONNumber(4096))),
      ("sliding_window_pattern", .number(JSONNumber(6))),
    ]
  ]

  /// `text`, with its model type's defaults (``textConfigDefaults``) for
  /// the keys it leaves out; a text config without a `model_type` is its
  /// parent's text model (`gemma3` → `gemma3_text`).
  static func withDefaults(_ text: JSONNode, parent: JSONNode) throws(LifeError) -> JSONNode {
    guard case .object(let members) = text.value else { return text }
    var type: String?
    if let node = try text.optional("model_type") {
      type = try node.string()
    } else if let node = try parent.optional("model_type") {
      type = try node.string() + "_text"
    }
    guard let type, let defaults = textConfigDefaults[type] else { return text }
    let given = Set(members.map(\.key))
    let added = defaults.filter { !given.contains($0.key) }
    return JSONNode(.object(members + added), file: text.file, path: text.path)
  }

  /// `key` of the text model's config, else of the top-level config (a
  /// nested `text_config` may leave the dtype or the tying to its parent).
  static func textOrTop(_ root: JSONNode, _ top: JSONNode, _ key: String) throws(LifeError)
    -> JSONNode?
  {
    if let node = try root.optional(key) { return node }
    return try top.optional(key)
  }

  /// Builds a config from a parsed config.json. Unknown keys are ignored;
  /// missing required fields and inconsistent sizes are errors naming the
  /// file and the field. A config whose text model sits under `text_config`
  /// (multimodal and vision-language models) is read from there. `family`
  /// builds the model as that family whatever its `model_type` says.
  package static func parse(_ top: JSONNode, name: String, family forced: String? = nil)
    throws(LifeError) -> ModelConfig
  {
    let maxSize = ModelConfig.maxSize
    var root = top
    if let text = try top.optional("text_config"), case .object = text.value {
      root = try withDefaults(text, parent: top)
    }
    let family = try resolveFamily(top: top, root: root, forced: forced)
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
    if let node = try textOrTop(root, top, "torch_dtype") {
      guard let d = DType(name: try node.string()), !d.isInteger else {
        throw node.error("unknown torch_dtype", expected: "float32, float16 or bfloat16")
      }
      dtype = d
    }
    var config = ModelConfig(
      name: name, family: family, layers: layers, hidden: hidden, heads: heads, kvHeads: kvHeads,
      headDim: headDim, intermediate: intermediate, vocab: vocab,
      maxPositions: try optInt("max_position_embeddings"), torchDType: dtype)
    let tiedDefault = ["gemma", "gemma2", "gemma3"].contains(family)
    let tied = try textOrTop(root, top, "tie_word_embeddings")
    config.tiedEmbeddings = try tied?.bool() ?? tiedDefault
    config.nestedTextConfig = root.path != top.path
    try config.readFamily(root, family: family)
    if let moe = config.moe, moe.topK > moe.experts {
      throw try root.required("num_experts_per_tok").error(
        "more experts per token than experts", expected: "at most \(moe.experts)")
    }
    if let scheme = try QuantizationScheme.parse(config: top) {
      config.storedWeights = StoredWeights(scheme: scheme, model: config)
    }
    config.warnings = try nearMisses(root, family: family)
    if config.nestedTextConfig {
      let place = top.file.map { $0 + ": " } ?? ""
      config.warnings.append(
        place + "the text model under text_config is forecast; the vision and other towers are not")
    }
    return config
  }
}
