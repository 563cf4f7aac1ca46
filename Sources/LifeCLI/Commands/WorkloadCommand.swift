import Trace

extension CommandSpec {
  /// `life workload`.
  static let workload = CommandSpec(
    name: "workload",
    abstract: "Count the work of a model under a workload: ops, bytes and dispatch calls.",
    discussion: "Hardware-agnostic: prefill and every decode step, by operator kind, with the"
      + " memory footprint. Text by default; --json prints one JSON object.",
    flags: [.model(required: true)] + FlagSpec.workloadFlags(promptRequired: true) + [.json],
    examples: [
      "workload --model llama-2-7b --prompt 1536 --generate 128 --weights int4",
      "workload --model ./config.json --prompt 512 --fusion eager --kv-update concat --json",
    ])
}

extension WorkloadRequest {
  /// Reads a parsed `workload` command line.
  init(_ arguments: ParsedArguments) throws(LifeError) {
    var options = WorkloadOptions(prompt: 0)
    try arguments.applyWorkloadFlags(to: &options)
    self.init(
      model: try arguments.requiredText("model"), options: options, json: arguments.isSet("json"))
  }
}
