/// The workload options: the one catalogue of them. Each option is defined
/// here once, with its name (the flag without dashes, the scenario
/// `options` key, the sweep axis), what its value is, its default, what it
/// does and the values it accepts; ``parse(_:)`` turns text into a typed
/// ``WorkloadSetting`` and ``WorkloadSetting/apply(to:)`` applies it.
public enum WorkloadOption: String, Sendable, CaseIterable, Hashable {
  case prompt, generate, batch, weights, activations, kv, fusion
  case kvUpdate = "kv-update"
  case logits, scores, embedding, attention, nonlinear
  case loraRank = "lora-rank"
  case loraMerge = "lora-merge"
  case chunk, tile
  case mlaForm = "mla-form"
  case rotation
  case flashAttn = "flash-attn"
  case depth

  /// The option's name: `kv-update`.
  public var name: String { rawValue }

  /// The option called `name` (case-insensitive), or an error with a
  /// did-you-mean naming `origin`.
  public static func named(_ name: String, at location: ErrorLocation = ErrorLocation())
    throws(LifeError)
    -> WorkloadOption
  {
    if let option = WorkloadOption(rawValue: name.lowercased()) { return option }
    let names = allCases.map(\.name)
    throw LifeError(
      location.file == nil ? .usage : .failure, at: location, "unknown option",
      got: "'\(name)'", expected: "one of " + names.joined(separator: ", "),
      suggestion: DidYouMean.suggest(name, among: names))
  }

  /// The options that set the operating point (`workload` in a scenario)
  /// rather than an optimisation (`options`).
  public var isOperatingPoint: Bool { self == .prompt || self == .generate || self == .batch }

  /// What the value is, as help shows it: `N`, `DTYPE`, `MODE`.
  public var valueName: String {
    switch self {
    case .prompt, .chunk, .tile, .depth: return "N"
    case .generate: return "G"
    case .batch: return "B"
    case .weights: return "W"
    case .activations, .kv: return "DTYPE"
    case .attention, .rotation: return "KIND"
    case .loraRank: return "R"
    case .mlaForm: return "FORM"
    case .fusion, .kvUpdate, .logits, .scores, .embedding, .nonlinear, .loraMerge, .flashAttn:
      return "MODE"
    }
  }

  /// What the option does, in lower case.
  public var summary: String {
    switch self {
    case .prompt: return "prompt tokens per sequence"
    case .generate: return "decode steps after prefill"
    case .batch: return "sequences in the batch"
    case .weights: return "weight storage: a dtype or a quantized format"
    case .activations: return "activation dtype"
    case .kv: return "KV-cache dtype"
    case .fusion:
      return "eager: every operator its own dispatch; fused: flash attention and the documented"
        + " fusions"
    case .kvUpdate:
      return "inplace: append the new token's K and V; concat: rewrite the whole cache every pass"
    case .logits: return "LM head over the last prompt token or all of them"
    case .scores: return "prefill attention scores: the causal triangle or the full S×S"
    case .embedding: return "embedding reads the rows it uses, or the whole table every pass"
    case .attention: return "attention conversion"
    case .nonlinear: return "how non-linear functions are evaluated"
    case .loraRank: return "LoRA rank on q, k, v, o, gate, up and down"
    case .loraMerge: return "dynamic: merged inside every GEMM call; static: merged once"
    case .chunk: return "prefill chunk size"
    case .tile: return "tile size for padding dynamic shapes"
    case .mlaForm:
      return "MLA: online up-projects the cached latent every pass; absorbed runs attention in"
        + " the latent space; auto: online in prefill, absorbed in decode"
    case .rotation: return "hadamard: QuaRot's online Hadamard transforms as their own operators"
    case .flashAttn:
      return "on: attention as one fused (flash) kernel; off: the score matrix is written and"
        + " read back"
    case .depth:
      return "tokens already in the KV cache before the prompt (their prefill is not timed)"
    }
  }

  /// The default, in words; nil when the option must be given.
  public var defaultDescription: String? {
    switch self {
    case .prompt: return nil
    case .generate: return "0"
    case .batch: return "1"
    case .weights: return "the config's torch_dtype (absent: bf16)"
    case .activations: return "the config's torch_dtype"
    case .kv: return "the activations dtype"
    case .fusion: return WorkloadOptions.Fusion.fused.rawValue
    case .kvUpdate: return WorkloadOptions.KVUpdate.inplace.rawValue
    case .logits: return WorkloadOptions.Logits.last.rawValue
    case .scores: return WorkloadOptions.Scores.causal.rawValue
    case .embedding: return WorkloadOptions.EmbeddingRead.rows.rawValue
    case .attention: return "auto (from the config)"
    case .nonlinear: return WorkloadOptions.Nonlinear.exact.rawValue
    case .loraRank: return "none"
    case .loraMerge: return WorkloadOptions.LoRAMerge.dynamic.rawValue
    case .chunk: return "none (one pass)"
    case .tile: return "the device's tile, else none"
    case .mlaForm: return "auto: online in prefill, absorbed in decode"
    case .rotation: return WorkloadOptions.Rotation.none.rawValue
    case .flashAttn: return "the runtime's; with none, on when --fusion is fused"
    case .depth: return "0"
    }
  }

  /// The values accepted, as help and errors say them.
  public var accepted: String {
    switch self {
    case .prompt, .generate, .depth: return "an integer ≥ 0"
    case .batch, .loraRank, .chunk, .tile: return "an integer ≥ 1"
    case .weights:
      return "fp32, fp16, bf16, fp8, int8, int4, mxfp8, mxint8, mxfp4, a GGUF type ("
        + WeightFormat.ggufNames.joined(separator: ", ") + ") or intN:gG"
    case .activations, .kv:
      return "one of " + DType.activationChoices.map(\.rawValue).joined(separator: ", ")
    case .attention: return "auto, mha, gqa:K, mqa or mla"
    case .fusion: return Self.either(WorkloadOptions.Fusion.self)
    case .kvUpdate: return Self.either(WorkloadOptions.KVUpdate.self)
    case .logits: return Self.either(WorkloadOptions.Logits.self)
    case .scores: return Self.either(WorkloadOptions.Scores.self)
    case .embedding: return Self.either(WorkloadOptions.EmbeddingRead.self)
    case .nonlinear: return Self.either(WorkloadOptions.Nonlinear.self)
    case .loraMerge: return Self.either(WorkloadOptions.LoRAMerge.self)
    case .mlaForm: return Self.either(WorkloadOptions.MLAForm.self)
    case .rotation: return Self.either(WorkloadOptions.Rotation.self)
    case .flashAttn: return "on or off"
    }
  }

  /// The smallest value of an integer option; nil for other options.
  public var minimum: Int? {
    switch self {
    case .prompt, .generate, .depth: return 0
    case .batch, .loraRank, .chunk, .tile: return 1
    default: return nil
    }
  }

  /// The largest value of an integer option, and how errors say it: token
  /// counts up to 2^40 (``Workload/maxTokens``), a batch up to 2^30, a LoRA
  /// rank or tile up to 2^24 (``ModelConfig/maxSize``, the largest model
  /// dimension). Nil for other options.
  public var maximum: (value: Int, text: String)? {
    switch self {
    case .prompt, .generate, .chunk, .depth: return (1 << 40, "2^40 = \(1 << 40)")
    case .batch: return (1 << 30, "2^30 = \(1 << 30)")
    case .loraRank, .tile: return (1 << 24, "2^24 = \(1 << 24)")
    default: return nil
    }
  }

  /// Whether the value is an integer.
  public var isInteger: Bool { minimum != nil }

  /// `a, b or c` from an enumeration's raw values.
  static func either<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> String
  where E.RawValue == String {
    let names = E.allCases.map(\.rawValue)
    guard names.count > 1 else { return names.joined() }
    return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
  }
}

extension DType {
  /// The dtypes `--activations` and `--kv` accept.
  public static let activationChoices: [DType] = [.fp32, .fp16, .bf16, .fp8, .int8, .int4]
}
