/// A model's architecture, read from a Hugging Face `config.json`, a preset
/// or a GGUF header: everything the workload model needs, and, when it came
/// with a model file or a `quantization_config`, how that file stores its
/// weights.
public struct ModelConfig: Sendable, Equatable {
  /// A display name (the preset name, or the config file's name).
  public var name: String
  /// The Hugging Face `model_type` (`llama`, `qwen2`, ...).
  public var family: String
  /// Decoder layers.
  public var layers: Int
  /// Hidden size.
  public var hidden: Int
  /// Attention heads.
  public var heads: Int
  /// KV heads.
  public var kvHeads: Int
  /// Per-head dimension.
  public var headDim: Int
  /// MLP intermediate size.
  public var intermediate: Int
  /// Vocabulary size.
  public var vocab: Int
  /// `max_position_embeddings`, when given.
  public var maxPositions: Int?
  /// `torch_dtype`, when given.
  public var torchDType: DType?
  /// Whether the LM head shares the embedding table.
  public var tiedEmbeddings: Bool = false
  /// Bias on the q, k and v projections (qwen2).
  public var qkvBias: Bool = false
  /// RMSNorm on each query and key head (qwen3).
  public var qkNorm: Bool = false
  /// One fused qkv projection and one fused gate_up projection (phi3).
  public var fusedProjections: Bool = false
  /// Fraction of the head dim that RoPE rotates (phi3's partial rotary).
  public var rotaryFraction: Double = 1
  /// Sliding-window size, when layers use one.
  public var slidingWindow: Int?
  /// Whether layer `i` uses the sliding window: every layer (mistral), or
  /// even layers only (gemma2).
  public var slidingEvenLayersOnly: Bool = false
  /// Gemma 2's extra norms after attention and around the MLP, and its
  /// embedding scale.
  public var sandwichNorms: Bool = false
  /// Attention logit soft-capping (gemma2).
  public var attentionSoftcap: Double?
  /// Final logit soft-capping (gemma2).
  public var finalSoftcap: Double?
  /// Bias on the attention output projection (gpt-oss).
  package var outputBias: Bool = false
  /// The q/k norms span all heads' projections at once (olmo2) rather than
  /// one head (qwen3, gemma3): weights of heads × head_dim, not head_dim.
  package var qkNormAcrossHeads: Bool = false
  /// A learned sink logit per head joins every softmax (gpt-oss).
  package var attentionSinks: Bool = false
  /// The embeddings are scaled by √hidden (the Gemma families).
  package var embeddingScale: Bool = false
  /// Which layers use the sliding window, one flag per layer, when the
  /// config says so layer by layer (`layer_types`) or by a period (gemma3's
  /// 5 local to 1 global, llama4's chunked layers); nil: as
  /// ``slidingEvenLayersOnly`` says.
  package var slidingLayers: [Bool]?
  /// The text model was read from the config's `text_config` (a
  /// vision-language or multimodal config): its other parts are not
  /// forecast.
  package var nestedTextConfig: Bool = false
  /// Mixture of experts, when the MLP is one.
  package var moe: MoEConfig?
  /// Multi-head latent attention, when attention is MLA.
  package var mla: MLAConfig?
  /// The weights the model's file stores, tensor by tensor (a GGUF file, a
  /// folder with safetensors headers or a `quantization_config`); nil for a
  /// preset or a bare config.json.
  public var storedWeights: StoredWeights?
  /// What reading the config noticed: unknown keys that look like a
  /// misspelt key LIFE reads (`num_kv_heads` for `num_key_value_heads`).
  package var warnings: [String] = []

  /// Creates a config.
  public init(
    name: String, family: String, layers: Int, hidden: Int, heads: Int, kvHeads: Int,
    headDim: Int, intermediate: Int, vocab: Int, maxPositions: Int? = nil,
    torchDType: DType? = nil
  ) {
    self.name = name
    self.family = family
    self.layers = layers
    self.hidden = hidden
    self.heads = heads
    self.kvHeads = kvHeads
    self.headDim = headDim
    self.intermediate = intermediate
    self.vocab = vocab
    self.maxPositions = maxPositions
    self.torchDType = torchDType
  }
}
