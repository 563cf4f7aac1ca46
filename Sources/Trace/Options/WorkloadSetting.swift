/// One workload option with its typed value: what a flag, a scenario
/// `options` member or a sweep value becomes once parsed, so it is parsed
/// once and applied as a value.
public enum WorkloadSetting: Sendable, Equatable {
  case prompt(Int)
  case generate(Int)
  case batch(Int)
  case weights(WorkloadOptions.WeightChoice)
  case activations(DType)
  case kv(DType)
  case fusion(WorkloadOptions.Fusion)
  case kvUpdate(WorkloadOptions.KVUpdate)
  case logits(WorkloadOptions.Logits)
  case scores(WorkloadOptions.Scores)
  case embedding(WorkloadOptions.EmbeddingRead)
  case attention(WorkloadOptions.AttentionChoice)
  case nonlinear(WorkloadOptions.Nonlinear)
  case loraRank(Int)
  case loraMerge(WorkloadOptions.LoRAMerge)
  case chunk(Int)
  case tile(Int)
  case mlaForm(WorkloadOptions.MLAForm)
  case rotation(WorkloadOptions.Rotation)
  case flashAttn(Bool)
  case depth(Int)

  /// The option this sets.
  public var option: WorkloadOption {
    switch self {
    case .prompt: return .prompt
    case .generate: return .generate
    case .batch: return .batch
    case .weights: return .weights
    case .activations: return .activations
    case .kv: return .kv
    case .fusion: return .fusion
    case .kvUpdate: return .kvUpdate
    case .logits: return .logits
    case .scores: return .scores
    case .embedding: return .embedding
    case .attention: return .attention
    case .nonlinear: return .nonlinear
    case .loraRank: return .loraRank
    case .loraMerge: return .loraMerge
    case .chunk: return .chunk
    case .tile: return .tile
    case .mlaForm: return .mlaForm
    case .rotation: return .rotation
    case .flashAttn: return .flashAttn
    case .depth: return .depth
    }
  }

  /// The value of an integer option; nil for the others.
  public var integer: Int? {
    switch self {
    case .prompt(let n), .generate(let n), .batch(let n), .loraRank(let n), .chunk(let n),
      .tile(let n), .depth(let n):
      return n
    default: return nil
    }
  }

  /// The value in its canonical spelling (`int4`, `gqa:8`, `512`).
  public var text: String {
    switch self {
    case .prompt, .generate, .batch, .loraRank, .chunk, .tile, .depth:
      return String(integer ?? 0)
    case .flashAttn(let on): return on ? "on" : "off"
    case .weights(let w): return w.text
    case .activations(let d), .kv(let d): return d.rawValue
    case .fusion(let v): return v.rawValue
    case .kvUpdate(let v): return v.rawValue
    case .logits(let v): return v.rawValue
    case .scores(let v): return v.rawValue
    case .embedding(let v): return v.rawValue
    case .attention(let v): return v.text
    case .nonlinear(let v): return v.rawValue
    case .loraMerge(let v): return v.rawValue
    case .mlaForm(let v): return v.rawValue
    case .rotation(let v): return v.rawValue
    }
  }

  /// Sets the option in `options`.
  public func apply(to options: inout WorkloadOptions) {
    switch self {
    case .prompt(let n): options.prompt = n
    case .generate(let n): options.generate = n
    case .batch(let n): options.batch = n
    case .weights(let w): options.weights = w
    case .activations(let d): options.activations = d
    case .kv(let d): options.kv = d
    case .fusion(let v): options.fusion = v
    case .kvUpdate(let v): options.kvUpdate = v
    case .logits(let v): options.logits = v
    case .scores(let v): options.scores = v
    case .embedding(let v): options.embedding = v
    case .attention(let v): options.attention = v
    case .nonlinear(let v): options.nonlinear = v
    case .loraRank(let n): options.loraRank = n
    case .loraMerge(let v): options.loraMerge = v
    case .chunk(let n): options.chunk = n
    case .tile(let n): options.tile = n
    case .mlaForm(let v): options.mlaForm = v
    case .rotation(let v): options.rotation = v
    case .flashAttn(let on): options.flashAttention = on
    case .depth(let n): options.depth = n
    }
  }
}

extension WorkloadOptions {
  /// Applies settings in order (a later one wins).
  public mutating func apply(_ settings: [WorkloadSetting]) {
    for setting in settings { setting.apply(to: &self) }
  }

  /// Sets `option` from its text (see ``WorkloadOption/parse(_:)``).
  public mutating func set(_ option: WorkloadOption, to text: String) throws(LifeError) {
    try option.parse(text).apply(to: &self)
  }
}
