/// The operating condition and the software and model optimisations of one
/// workload: every workload flag of the contract, with its effective value.
public struct WorkloadOptions: Sendable, Equatable {
  /// Prompt tokens per sequence (≥ 0).
  public var prompt: Int
  /// Decode steps after prefill (≥ 0).
  public var generate: Int = 0
  /// Sequences in the batch (≥ 1).
  public var batch: Int = 1
  /// Weight storage; nil means the config's `torch_dtype`.
  public var weights: WeightChoice?
  /// Activation dtype; nil means the config's `torch_dtype`.
  public var activations: DType?
  /// KV-cache dtype; nil means the activation dtype.
  public var kv: DType?
  /// Operator fusion.
  public var fusion: Fusion = .fused { didSet { explicitlySet.insert(.fusion) } }
  /// How the KV cache is updated.
  public var kvUpdate: KVUpdate = .inplace { didSet { explicitlySet.insert(.kvUpdate) } }
  /// LM head over the last token or all prompt tokens.
  public var logits: Logits = .last { didSet { explicitlySet.insert(.logits) } }
  /// Causal or full prefill attention score work.
  public var scores: Scores = .causal { didSet { explicitlySet.insert(.scores) } }
  /// How the embedding lookup reads memory.
  public var embedding: EmbeddingRead = .rows
  /// Attention conversion.
  public var attention: AttentionChoice = .auto
  /// How non-linear functions are evaluated.
  public var nonlinear: Nonlinear = .exact
  /// LoRA rank on q, k, v, o, gate, up, down; nil for none.
  public var loraRank: Int?
  /// How LoRA adapters are merged.
  public var loraMerge: LoRAMerge = .dynamic
  /// Prefill chunk size; nil for one pass.
  public var chunk: Int? { didSet { explicitlySet.insert(.chunk) } }
  /// Tile size for padding dynamic shapes; nil for none.
  public var tile: Int?
  /// How MLA computes attention (`--mla-form`).
  public var mlaForm: MLAForm = .auto
  /// Online rotations of the activations (`--rotation`, QuaRot).
  public var rotation: Rotation = .none
  /// Whether attention runs as one fused (flash) kernel; nil follows
  /// ``fusion`` (fused → flash attention).
  public var flashAttention: Bool? { didSet { explicitlySet.insert(.flashAttn) } }
  /// Tokens already in the KV cache before the prompt (a conversation's
  /// earlier turns, llama-bench's `-d`): the prompt and every decode step
  /// attend to them too; their own prefill is not part of the run.
  public var depth: Int = 0

  /// The options that were set (by a flag, a scenario, a setting or an
  /// assignment) rather than left at their defaults, among those a runtime
  /// has defaults for: fusion, KV update, logits, scores, chunk and flash
  /// attention. A runtime's defaults apply to the others
  /// (``applyingDefaults(_:)``).
  public private(set) var explicitlySet: Set<WorkloadOption> = []

  /// Whether attention is fused into one flash kernel: ``flashAttention``,
  /// else ``fusion`` says.
  public var attentionFused: Bool { flashAttention ?? (fusion == .fused) }

  /// Options with the given prompt and defaults for everything else.
  public init(prompt: Int) { self.prompt = prompt }

  /// These options with `defaults` (a runtime's) applied to the options
  /// that were not set explicitly; what was set stays, and the defaults do
  /// not count as set.
  public func applyingDefaults(_ defaults: [WorkloadSetting]) -> WorkloadOptions {
    var out = self
    for setting in defaults where !explicitlySet.contains(setting.option) {
      setting.apply(to: &out)
    }
    out.explicitlySet = explicitlySet
    return out
  }

  /// `--fusion`.
  public enum Fusion: String, Sendable, CaseIterable { case eager, fused }
  /// `--kv-update`.
  public enum KVUpdate: String, Sendable, CaseIterable { case inplace, concat }
  /// `--logits`.
  public enum Logits: String, Sendable, CaseIterable { case last, all }
  /// `--scores`.
  public enum Scores: String, Sendable, CaseIterable { case causal, full }
  /// `--embedding`.
  public enum EmbeddingRead: String, Sendable, CaseIterable { case rows, table }
  /// `--nonlinear`.
  public enum Nonlinear: String, Sendable, CaseIterable { case exact, pwl, poly }
  /// `--lora-merge`.
  public enum LoRAMerge: String, Sendable, CaseIterable { case dynamic, `static` }
  /// `--mla-form`: `online` up-projects every cached latent to per-head keys
  /// and values each pass (the paper's appendix 8.2); `absorbed` folds W_UK
  /// into the query and W_UV into the output, so attention runs over the
  /// cached latent itself (DeepSeek-V2's inference form); `auto`, the form
  /// inference engines run, is online in prefill (and in a pass that mixes
  /// prefill with decode) and absorbed in decode.
  public enum MLAForm: String, Sendable, CaseIterable {
    case auto, online, absorbed

    /// The form a pass of `phase` runs: `online` or `absorbed`.
    package func form(in phase: Phase) -> MLAForm {
      guard self == .auto else { return self }
      return phase == .decode ? .absorbed : .online
    }
  }
  /// `--rotation`: `hadamard` adds QuaRot's online Hadamard transforms (on
  /// queries and keys after RoPE, across heads before o_proj, and before
  /// down_proj) as operators of kind `hadamard`.
  public enum Rotation: String, Sendable, CaseIterable { case none, hadamard }

  /// `--attention`.
  public enum AttentionChoice: Sendable, Equatable {
    /// As the config says.
    case auto
    /// Multi-head: KV heads = attention heads.
    case mha
    /// Grouped-query with K KV heads.
    case gqa(Int)
    /// Multi-query: one KV head.
    case mqa
    /// Multi-head latent attention (appendix 8.2 dims unless given).
    case mla

    /// The flag spelling: `auto`, `mha`, `gqa:8`, `mqa`, `mla`.
    public var text: String {
      switch self {
      case .auto: return "auto"
      case .mha: return "mha"
      case .gqa(let k): return "gqa:\(k)"
      case .mqa: return "mqa"
      case .mla: return "mla"
      }
    }
  }

  /// `--weights`: a plain dtype or a quantized format.
  public enum WeightChoice: Sendable, Equatable {
    /// Unquantized weights in a plain dtype.
    case plain(DType)
    /// A quantized format.
    case quantized(WeightFormat)

    /// The flag spelling.
    public var text: String {
      switch self {
      case .plain(let d): return d.rawValue
      case .quantized(let f): return f.name
      }
    }

    /// True for unquantized storage: a plain dtype, or GGUF's F16 / BF16
    /// (one value per block, no scales, nothing to dequantize).
    public var storesPlainValues: Bool {
      switch self {
      case .plain: return true
      case .quantized(let f):
        return f.blockSize == 1 && f.dequantOpsPerWeight == 0 && f.overheadBytesPerWeight == 0
      }
    }
  }
}
