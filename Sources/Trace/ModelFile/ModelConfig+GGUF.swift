/// Deriving a model from a GGUF header: `general.architecture` and its
/// `<arch>.*` keys (llama.cpp's `LLM_KV_*` names, as gguf-py's `Keys`
/// writes them), with the same limits and family conventions as a
/// config.json (``ModelConfig/parse(_:name:)``).
extension ModelConfig {
  /// The GGUF architectures LIFE derives a model from, and the family each
  /// becomes (`llama` with experts becomes `mixtral`).
  package static let ggufArchitectures: [(architecture: String, family: String)] = [
    ("llama", "llama"), ("granite", "llama"), ("qwen2", "qwen2"), ("qwen3", "qwen3"),
    ("qwen3moe", "qwen3_moe"), ("gemma", "gemma"), ("gemma2", "gemma2"), ("gemma3", "gemma3"),
    ("phi3", "phi3"), ("olmo2", "olmo2"), ("gpt-oss", "gpt_oss"), ("deepseek2", "deepseek_v2"),
  ]

  /// The model a GGUF header describes. `file` names the file in errors;
  /// `name` becomes the model's name.
  package static func derived(from header: GGUFHeader, file: String, name: String)
    throws(LifeError) -> ModelConfig
  {
    let meta = GGUFMetadata(header: header, file: file)
    let arch = try meta.requiredString("general.architecture")
    let known = ggufArchitectures.map(\.architecture)
    guard let found = ggufArchitectures.first(where: { $0.architecture == arch }) else {
      throw meta.error(
        "general.architecture", "unsupported architecture", got: "'\(arch)'",
        expected: "one of " + known.map { "'\($0)'" }.joined(separator: ", "),
        suggestion: DidYouMean.suggest(arch, among: known))
    }
    func key(_ k: String) -> String { arch + "." + k }
    let size = ModelConfig.maxSize
    let layers = try meta.requiredInt(key("block_count"), min: 1, max: maxLayers)
    let hidden = try meta.requiredInt(key("embedding_length"), min: 1, max: size)
    let heads = try meta.requiredInt(key("attention.head_count"), min: 1, max: size)
    let intermediate = try meta.requiredInt(key("feed_forward_length"), min: 1, max: size)
    let experts = try meta.int(key("expert_count"), min: 0, max: size) ?? 0
    let family = ["llama", "granite"].contains(arch) && experts > 0 ? "mixtral" : found.family
    let vocab = try vocabulary(header, meta: meta, arch: arch)
    let contextLength = try meta.int(key("context_length"), min: 1, max: 1 << 40)

    var config: ModelConfig
    if arch == "deepseek2" {
      config = try deepseek2(
        meta, arch: arch, layers: layers, hidden: hidden, heads: heads,
        intermediate: intermediate, vocab: vocab)
    } else {
      let kvHeads = try meta.int(key("attention.head_count_kv"), min: 1, max: size) ?? heads
      guard heads % kvHeads == 0 else {
        throw meta.error(
          key("attention.head_count_kv"), "attention heads are not a multiple of the KV heads",
          got: String(kvHeads), expected: "a divisor of \(heads)")
      }
      let headDim = try headDimension(meta, arch: arch, hidden: hidden, heads: heads)
      config = ModelConfig(
        name: name, family: family, layers: layers, hidden: hidden, heads: heads,
        kvHeads: kvHeads, headDim: headDim, intermediate: intermediate, vocab: vocab)
      if let rope = try meta.int(key("rope.dimension_count"), min: 1, max: headDim),
        rope < headDim
      {
        config.rotaryFraction = Double(rope) / Double(headDim)
      }
    }
    config.name = name
    config.family = family
    config.maxPositions = contextLength
    config.tiedEmbeddings = header.tensor(named: "output.weight") == nil
    let hasQBias =
      header.tensor(named: "blk.0.attn_q.bias") != nil
      || header.tensor(named: "blk.0.attn_qkv.bias") != nil
    switch arch {
    case "qwen2":
      config.qkvBias = true
    case "qwen3":
      config.qkNorm = true
      config.qkvBias = hasQBias
    case "gemma2":
      config.sandwichNorms = true
      config.embeddingScale = true
      config.slidingWindow = try meta.int(key("attention.sliding_window"), min: 1, max: size)
      config.slidingEvenLayersOnly = true
      config.attentionSoftcap = try meta.double(key("attn_logit_softcapping"), min: 0)
      config.finalSoftcap = try meta.double(key("final_logit_softcapping"), min: 0)
    case "phi3":
      config.fusedProjections = true
    case "gemma":
      config.embeddingScale = true
    case "gemma3":
      // llama.cpp's Gemma 3: five sliding layers to one global.
      config.sandwichNorms = true
      config.embeddingScale = true
      config.qkNorm = true
      config.slidingWindow = try meta.int(key("attention.sliding_window"), min: 1, max: size)
      config.slidingLayers = (0..<layers).map { ($0 + 1) % 6 != 0 }
    case "olmo2":
      config.qkNorm = true
      config.qkNormAcrossHeads = true
      config.qkvBias = hasQBias
    case "qwen3moe", "gpt-oss":
      let topK = try meta.requiredInt(key("expert_used_count"), min: 1, max: max(experts, 1))
      var moe = MoEConfig(
        experts: try meta.requiredInt(key("expert_count"), min: 1, max: size), topK: topK,
        expertIntermediate: try meta.requiredInt(
          key("expert_feed_forward_length"), min: 1, max: size))
      if arch == "qwen3moe" {
        config.qkNorm = true
        config.qkvBias = hasQBias
      } else {
        // gpt-oss: biases on attention and experts, a sink per head, the
        // sliding window on even layers (llama.cpp's pattern of 2).
        moe.biases = true
        config.qkvBias = hasQBias
        config.outputBias = header.tensor(named: "blk.0.attn_output.bias") != nil
        config.attentionSinks = true
        config.slidingWindow = try meta.int(key("attention.sliding_window"), min: 1, max: size)
        config.slidingLayers = (0..<layers).map { $0 % 2 == 0 }
      }
      config.moe = moe
    case "llama", "granite":
      config.qkvBias = hasQBias
      if experts > 0 {
        let topK = try meta.requiredInt(key("expert_used_count"), min: 1, max: experts)
        let width = try meta.int(key("expert_feed_forward_length"), min: 1, max: size)
        config.moe = MoEConfig(
          experts: experts, topK: topK, expertIntermediate: width ?? intermediate)
      }
    default: break
    }
    return config
  }

  /// Per-head size: `key_length`, else hidden / heads; `value_length` must
  /// agree (one head size for keys and values).
  private static func headDimension(_ meta: GGUFMetadata, arch: String, hidden: Int, heads: Int)
    throws(LifeError) -> Int
  {
    let keyLength = arch + ".attention.key_length"
    let headDim: Int
    if let explicit = try meta.int(keyLength, min: 1, max: ModelConfig.maxSize) {
      headDim = explicit
    } else {
      guard hidden % heads == 0 else {
        throw meta.error(
          arch + ".embedding_length",
          "hidden size is not a multiple of the heads and no key_length is given",
          got: String(hidden), expected: "a multiple of \(heads)")
      }
      headDim = hidden / heads
    }
    let valueLength = arch + ".attention.value_length"
    if let v = try meta.int(valueLength, min: 1, max: ModelConfig.maxSize), v != headDim {
      throw meta.error(
        valueLength, "value_length differs from the key length", got: String(v),
        expected: "\(headDim): LIFE models one head size for keys and values")
    }
    guard Double(heads) * Double(headDim) <= Double(1 << 40) else {
      throw meta.error(
        arch + ".attention.head_count", "heads × head_dim is too large",
        got: "\(heads) × \(headDim)", expected: "heads × head_dim ≤ 2^40")
    }
    return headDim
  }

  /// Vocabulary: the rows of `token_embd.weight` (what the embedding and LM
  /// head cost), else `<arch>.vocab_size`, else the tokenizer's token count.
  private static func vocabulary(_ header: GGUFHeader, meta: GGUFMetadata, arch: String)
    throws(LifeError) -> Int
  {
    let size = ModelConfig.maxSize
    if let embedding = header.tensor(named: "token_embd.weight"), embedding.dimensions.count == 2 {
      let rows = embedding.dimensions[1]
      guard (1...size).contains(rows) else {
        throw LifeError.file(
          meta.file, path: "tensor 'token_embd.weight'", "vocabulary out of range",
          got: String(rows), expected: "an integer in [1, \(size)]")
      }
      return rows
    }
    if let vocab = try meta.int(arch + ".vocab_size", min: 1, max: size) { return vocab }
    let tokensKey = "tokenizer.ggml.tokens"
    if let tokens = header[tokensKey] {
      guard let array = tokens.array, array.elementType == .string else {
        throw meta.error(
          tokensKey, "wrong type", got: tokens.brief, expected: "an array of strings")
      }
      guard array.count >= 1 else {
        throw meta.error(tokensKey, "empty vocabulary", expected: "at least one token")
      }
      return array.count
    }
    throw meta.error(
      tokensKey, "missing required field",
      expected:
        "the vocabulary: tokenizer.ggml.tokens, \(arch).vocab_size or a token_embd.weight tensor"
    )
  }

  /// DeepSeek-V2: MLA from the `attention.*_lora_rank` keys and the MLA key
  /// and value lengths (`key_length_mla` / `value_length_mla` in files that
  /// store the absorbed form, whose `key_length` is then rank + rope), and
  /// the MoE from the expert keys.
  private static func deepseek2(
    _ meta: GGUFMetadata, arch: String, layers: Int, hidden: Int, heads: Int, intermediate: Int,
    vocab: Int
  ) throws(LifeError) -> ModelConfig {
    func key(_ k: String) -> String { arch + "." + k }
    let size = ModelConfig.maxSize
    let kvRank = try meta.requiredInt(key("attention.kv_lora_rank"), min: 1, max: size)
    let qRank = try meta.int(key("attention.q_lora_rank"), min: 0, max: size) ?? 0
    let rope = try meta.requiredInt(key("rope.dimension_count"), min: 1, max: size)
    let qkKey =
      meta.header[key("attention.key_length_mla")] != nil
      ? key("attention.key_length_mla") : key("attention.key_length")
    let vKey =
      meta.header[key("attention.value_length_mla")] != nil
      ? key("attention.value_length_mla") : key("attention.value_length")
    let qk = try meta.requiredInt(qkKey, min: 1, max: size)
    let v = try meta.requiredInt(vKey, min: 1, max: size)
    guard qk > rope else {
      throw meta.error(
        qkKey, "the key length does not exceed the rotary dims", got: String(qk),
        expected: "more than \(key("rope.dimension_count")) = \(rope)")
    }
    let experts = try meta.requiredInt(key("expert_count"), min: 1, max: size)
    let topK = try meta.requiredInt(key("expert_used_count"), min: 1, max: experts)
    var config = ModelConfig(
      name: "", family: "deepseek_v2", layers: layers, hidden: hidden, heads: heads,
      kvHeads: heads, headDim: hidden % heads == 0 ? hidden / heads : qk,
      intermediate: intermediate, vocab: vocab)
    config.moe = MoEConfig(
      experts: experts, topK: topK,
      expertIntermediate: try meta.requiredInt(
        key("expert_feed_forward_length"), min: 1, max: size),
      sharedExperts: try meta.int(key("expert_shared_count"), min: 0, max: size) ?? 0,
      firstDenseLayers: try meta.int(key("leading_dense_block_count"), min: 0, max: layers) ?? 0)
    config.mla = MLAConfig(
      qLoraRank: qRank == 0 ? nil : qRank, kvLoraRank: kvRank, qkNopeHeadDim: qk - rope,
      qkRopeHeadDim: rope, vHeadDim: v)
    return config
  }
}
