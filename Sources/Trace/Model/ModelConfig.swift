/// A model's architecture, read from a Hugging Face `config.json` or a
/// preset: everything the workload model needs, nothing about weights.
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
