import Engine
import Trace

/// `life workload`: count the work of one model under one workload.
struct WorkloadCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "workload",
    abstract: "Count the work of a model under a workload: ops, bytes and dispatch calls.",
    discussion: "Hardware-agnostic: prefill and every decode step, by operator kind, with the"
      + " memory footprint. Text by default; --json prints one JSON object.",
    flags: [.model(required: true), .family] + FlagSpec.workloadFlags(promptRequired: true) + [
      .option(
        "runtime", "NAME",
        "the runtime whose defaults and accounting the count follows (see 'life runtimes')",
        values: "a runtime name or a runtime JSON file",
        default: "auto: llama.cpp's for GGUF weights, else ideal"),
      .json,
    ],
    examples: [
      "workload --model llama-2-7b --prompt 1536 --generate 128 --weights int4",
      "workload --model ./config.json --prompt 512 --fusion eager --kv-update concat --json",
    ])

  /// A preset name or a config.json path, as typed.
  var model: String
  /// `--family`, when given.
  var family: String?
  /// Every workload flag, parsed.
  var options: WorkloadOptions
  /// `--json`: one JSON object on stdout instead of text.
  var json: Bool
  /// `--runtime`.
  var runtime: RuntimeChoice

  init(model: String, options: WorkloadOptions, json: Bool, runtime: RuntimeChoice = .automatic) {
    self.model = model
    self.options = options
    self.json = json
    self.runtime = runtime
  }

  init(_ arguments: ParsedArguments) throws(LifeError) {
    self.init(
      model: try arguments.requiredText("model"), options: try arguments.workloadOptions(),
      json: arguments.isSet("json"), runtime: try arguments.runtimeChoice())
    family = try arguments.text("family")
    if case .perDevice = runtime {
      throw LifeError.usage(
        .parameter(.runtime), "a workload has no devices", expected: "one runtime name")
    }
  }

  /// The op-trace totals of the model under its options, as JSON or a
  /// table; warnings also go to standard error.
  func run(console: Console) throws(LifeError) {
    let model = try ModelConfig.resolve(self.model, family: family)
    let workload = try runtime.workloadRuntime(
      weights: options.weights ?? model.storedWeights?.label
    ).workload(
      model: model, options: options)
    let totals = WorkloadTotals.of(workload)
    if json {
      try console.write(json: WorkloadReport.document(workload: workload, totals: totals))
    } else {
      console.write(WorkloadReport.table(workload: workload, totals: totals))
    }
    for warning in workload.warnings { console.warn(warning) }
  }
}
