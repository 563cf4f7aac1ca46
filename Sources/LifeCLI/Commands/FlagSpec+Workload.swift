import Trace

/// The workload flags of CONTRACT.md, shared by `workload`, `forecast`,
/// `simulate` (as overrides) and `sweep`. Accepted values come from
/// ``WorkloadOptions/expected(for:)`` so help, errors and scenario files
/// agree.
extension FlagSpec {
  /// `--model`.
  static func model(required: Bool) -> FlagSpec {
    .option(
      "model", "MODEL", "the model",
      values: "a preset name from 'life models' or a path to a"
        + " Hugging Face config.json", required: required)
  }

  /// The workload flags after `--model`; `promptRequired` is false where the
  /// prompt may come from elsewhere (a scenario, a `--vary`).
  static func workloadFlags(promptRequired: Bool) -> [FlagSpec] {
    func flag(_ name: String, _ valueName: String, _ help: String, default value: String?)
      -> FlagSpec
    {
      .option(
        name, valueName, help, values: WorkloadOptions.expected(for: name), default: value,
        required: name == "prompt" && promptRequired)
    }
    return [
      flag("prompt", "N", "prompt tokens per sequence", default: nil),
      flag("generate", "G", "decode steps after prefill", default: "0"),
      flag("batch", "B", "sequences in the batch", default: "1"),
      flag(
        "weights", "W", "weight storage: a dtype or a quantized format",
        default: "the config's torch_dtype (absent: bf16)"),
      flag("activations", "DTYPE", "activation dtype", default: "the config's torch_dtype"),
      flag("kv", "DTYPE", "KV-cache dtype", default: "the activations dtype"),
      flag(
        "fusion", "MODE",
        "eager: every operator its own dispatch; fused: flash attention and the documented fusions",
        default: "fused"),
      flag(
        "kv-update", "MODE",
        "inplace: append the new token's K and V; concat: rewrite the whole cache every pass",
        default: "inplace"),
      flag("logits", "MODE", "LM head over the last prompt token or all of them", default: "last"),
      flag(
        "scores", "MODE", "prefill attention scores: the causal triangle or the full S×S",
        default: "causal"),
      flag(
        "embedding", "MODE", "embedding reads the rows it uses, or the whole table every pass",
        default: "rows"),
      flag("attention", "KIND", "attention conversion", default: "auto (from the config)"),
      flag("nonlinear", "MODE", "how non-linear functions are evaluated", default: "exact"),
      flag(
        "lora-rank", "R", "LoRA rank on q, k, v, o, gate, up and down", default: "none"),
      flag(
        "lora-merge", "MODE", "dynamic: merged inside every GEMM call; static: merged once",
        default: "dynamic"),
      flag("chunk", "N", "prefill chunk size", default: "none (one pass)"),
      flag(
        "tile", "N", "tile size for padding dynamic shapes", default: "the device's tile, else none"
      ),
      flag(
        "mla-form", "FORM",
        "MLA: online up-projects the cached latent every pass; absorbed runs attention in the latent space",
        default: "online"),
      flag(
        "rotation", "KIND", "hadamard: QuaRot's online Hadamard transforms as their own operators",
        default: "none"),
    ]
  }

  /// `--json`.
  static let json = FlagSpec.toggle("json", "print one JSON object instead of text")
}
