import Trace

/// The workload flags of CONTRACT.md, shared by `workload`, `forecast`,
/// `simulate` (as overrides) and `sweep`: built from the option catalogue,
/// so help, errors, scenario files and sweeps agree.
extension FlagSpec {
  /// `--model`.
  static func model(required: Bool) -> FlagSpec {
    .option(
      "model", "MODEL", "the model",
      values: "a preset name from 'life models' or a path to a"
        + " Hugging Face config.json", required: required)
  }

  /// `--family`: the family a config.json of an unknown `model_type` is
  /// built as.
  static let family = FlagSpec.option(
    "family", "FAMILY", "build the model as this family whatever its model_type says",
    values: "a family from docs/models.md (llama, qwen3_moe, gemma3, gpt_oss, ...)",
    default: "the config's model_type")

  /// The workload flags after `--model`, one per option of the catalogue
  /// (``WorkloadOption``), in its order; `promptRequired` is false where the
  /// prompt may come from elsewhere (a scenario, a `--vary`).
  static func workloadFlags(promptRequired: Bool) -> [FlagSpec] {
    WorkloadOption.allCases.map { option in
      .option(
        option.name, option.valueName, option.summary, values: option.accepted,
        default: option.defaultDescription, required: option == .prompt && promptRequired)
    }
  }

  /// `--json`.
  static let json = FlagSpec.toggle("json", "print one JSON object instead of text")
}
