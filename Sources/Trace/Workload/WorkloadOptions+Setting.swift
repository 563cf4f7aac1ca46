import Foundation

/// Setting options by name, as the command line (`--kv-update concat`) and
/// scenario files (`"options": {"kv-update": "concat"}`) spell them: the one
/// place that knows every workload option's name and values.
extension WorkloadOptions {
  /// Every workload option name, without the leading dashes.
  public static let names: [String] = [
    "prompt", "generate", "batch", "weights", "activations", "kv", "fusion", "kv-update",
    "logits", "scores", "embedding", "attention", "nonlinear", "lora-rank", "lora-merge",
    "chunk", "tile", "mla-form", "rotation",
  ]

  /// The accepted values of an option, for help text and errors.
  public static func expected(for name: String) -> String {
    switch name {
    case "prompt", "generate": return "an integer ≥ 0"
    case "batch", "lora-rank", "chunk", "tile": return "an integer ≥ 1"
    case "weights":
      return "fp32, fp16, bf16, fp8, int8, int4, mxfp8, mxint8, mxfp4, a GGUF type"
        + " (F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_K_M, Q4_K_M, Q6_K) or intN:gG"
    case "activations", "kv": return "one of fp32, fp16, bf16, fp8, int8, int4"
    case "fusion": return "eager or fused"
    case "kv-update": return "inplace or concat"
    case "logits": return "last or all"
    case "scores": return "causal or full"
    case "embedding": return "rows or table"
    case "attention": return "auto, mha, gqa:K, mqa or mla"
    case "nonlinear": return "exact, pwl or poly"
    case "lora-merge": return "dynamic or static"
    case "mla-form": return "online or absorbed"
    case "rotation": return "none or hadamard"
    default: return "a valid value"
    }
  }

  /// Sets option `name` from its text. `at` is where the value came from
  /// (a flag or a file path) for errors, which are usage errors for flags and
  /// failures for files.
  public mutating func set(_ name: String, to text: String, at location: ErrorLocation)
    throws(LifeError)
  {
    let kind: LifeError.Kind = location.flag != nil ? .usage : .failure
    func bad(_ message: String = "invalid value", suggestion: String? = nil) -> LifeError {
      LifeError(
        kind, at: location, message, got: "'\(text)'", expected: Self.expected(for: name),
        suggestion: suggestion)
    }
    func integer(min: Int) throws(LifeError) -> Int {
      guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
        let digits = text.trimmingCharacters(in: .whitespaces).drop { $0 == "-" || $0 == "+" }
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
          throw bad("integer too large")
        }
        throw bad("not an integer")
      }
      guard value >= min else { throw bad("out of range") }
      return value
    }
    func choice<E: RawRepresentable & CaseIterable>(_ type: E.Type) throws(LifeError) -> E
    where E.RawValue == String {
      if let value = E(rawValue: text.lowercased()) { return value }
      throw bad(suggestion: DidYouMean.suggest(text, among: E.allCases.map(\.rawValue)))
    }
    func dtype() throws(LifeError) -> DType {
      let allowed: [DType] = [.fp32, .fp16, .bf16, .fp8, .int8, .int4]
      if let d = DType(name: text), allowed.contains(d) || d == .fp8e5m2 { return d }
      throw bad(suggestion: DidYouMean.suggest(text, among: allowed.map(\.rawValue)))
    }

    switch name {
    case "prompt": prompt = try integer(min: 0)
    case "generate": generate = try integer(min: 0)
    case "batch": batch = try integer(min: 1)
    case "weights":
      guard let choice = WeightChoice.parse(text) else {
        throw bad(suggestion: DidYouMean.suggest(text, among: WeightChoice.knownNames))
      }
      weights = choice
    case "activations": activations = try dtype()
    case "kv": kv = try dtype()
    case "fusion": fusion = try choice(Fusion.self)
    case "kv-update": kvUpdate = try choice(KVUpdate.self)
    case "logits": logits = try choice(Logits.self)
    case "scores": scores = try choice(Scores.self)
    case "embedding": embedding = try choice(EmbeddingRead.self)
    case "attention":
      guard let value = AttentionChoice.parse(text) else {
        throw bad(
          suggestion: DidYouMean.suggest(text, among: ["auto", "mha", "gqa:8", "mqa", "mla"]))
      }
      attention = value
    case "nonlinear": nonlinear = try choice(Nonlinear.self)
    case "lora-rank": loraRank = try integer(min: 1)
    case "lora-merge": loraMerge = try choice(LoRAMerge.self)
    case "chunk": chunk = try integer(min: 1)
    case "tile": tile = try integer(min: 1)
    case "mla-form": mlaForm = try choice(MLAForm.self)
    case "rotation": rotation = try choice(Rotation.self)
    default:
      throw LifeError(
        kind, at: location, "unknown option", got: "'\(name)'",
        expected: "one of " + Self.names.joined(separator: ", "),
        suggestion: DidYouMean.suggest(name, among: Self.names))
    }
  }
}

extension WorkloadOptions.AttentionChoice {
  /// Parses `auto`, `mha`, `gqa:K` (K ≥ 1), `mqa` or `mla`.
  public static func parse(_ text: String) -> Self? {
    switch text.lowercased() {
    case "auto": return .auto
    case "mha": return .mha
    case "mqa": return .mqa
    case "mla": return .mla
    default:
      let parts = text.lowercased().split(separator: ":", omittingEmptySubsequences: false)
      if parts.count == 2, parts[0] == "gqa", let k = Int(parts[1]), k >= 1 { return .gqa(k) }
      return nil
    }
  }
}

extension WorkloadOptions.WeightChoice {
  /// Names listed in help and used for did-you-mean.
  public static var knownNames: [String] {
    ["fp32", "fp16", "bf16", "fp8", "int8", "int4", "mxfp8", "mxint8", "mxfp4"]
      + WeightFormat.ggufNames
  }

  /// Parses a `--weights` value: a plain dtype, `int8`/`int4` (the paper's
  /// group-128 scheme), `intN:gG`, an MX format or a GGUF type name
  /// (case-insensitive).
  /// GGUF's `F16` and `BF16` (as spelled, and `f16`, which is no dtype
  /// name of the contract) keep their GGUF spelling: plain 16-bit storage
  /// that prints as typed.
  public static func parse(_ text: String) -> Self? {
    let lowered = text.lowercased()
    if text == "F16" || text == "BF16" || lowered == "f16", let f = WeightFormat.gguf(named: text) {
      return .quantized(f)
    }
    if let d = DType(name: lowered), !d.isInteger { return .plain(d) }
    if let format = WeightFormat.parse(text) { return .quantized(format) }
    return nil
  }
}
