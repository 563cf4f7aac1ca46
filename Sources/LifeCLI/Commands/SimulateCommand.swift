import Engine
import Timeline
import Trace

/// `life simulate SCENARIO.json --out DIR`: run a scenario and write its
/// timeline, summary, CSV files and report.
struct SimulateCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "simulate",
    abstract: "Run a scenario file and write its timeline, summary, CSV files and report.",
    discussion: "Writes timeline.json (or timeline.json.gz, or timeline.pftrace with"
      + " --trace-format perfetto), summary.json, steps.csv, ops.csv and report.html into the"
      + " --out directory, each whole or not at all. Workload flags given here override the"
      + " scenario's.",
    positionals: [PositionalSpec(name: "SCENARIO.json", help: "a scenario file")],
    flags: [
      .option("out", "DIR", "the output directory", values: "a directory path", required: true)
    ] + [.model(required: false), .family]
      + FlagSpec.workloadFlags(promptRequired: false).map {
        var flag = $0
        flag.defaultText = "the scenario's"
        return flag
      } + [
        .option(
          "trace-detail", "LEVEL", "how fine the timeline's slices are",
          values: TraceDetail.allCases.map(\.rawValue).joined(separator: ", "),
          default: "the scenario's trace.detail, else op"),
        .option(
          "trace-steps", "STEPS", "the decode steps the timeline shows in detail",
          values: StepChoice.expected,
          default: "the scenario's trace.steps, else auto (every step within about 500k events)"),
        .traceFormat,
        .toggle("gzip", "write timeline.json.gz instead of timeline.json"),
        .toggle(
          "force",
          "write the timeline even when it is estimated beyond \(TimelineEstimate.limitBytes >> 30) GiB"
        ),
        {
          var flag = FlagSpec.runtime
          flag.defaultText = "the scenario's runtime, else auto"
          return flag
        }(),
        .powerCap,
      ],
    examples: [
      "simulate traces/llama-2-7b-ryzen-ai-hybrid.json --out out/hybrid",
      "simulate traces/long-context.json --out out/long --trace-steps all --trace-format perfetto",
      "simulate traces/llama-2-7b-ryzen-ai-hybrid.json --out out/long --generate 2000 --trace-steps 1-8,last"
        + " --gzip",
    ])

  /// The scenario file, as typed.
  var scenario: String
  /// The output directory.
  var out: String
  /// `--model`, overriding the scenario's.
  var model: String?
  /// `--family`, when given.
  var family: String?
  /// Workload flags overriding the scenario's options, in order.
  var overrides: [WorkloadSetting]
  /// `--trace-detail`, overriding the scenario's `trace.detail`.
  var traceDetail: TraceDetail?
  /// `--trace-steps`, overriding `trace.steps`.
  var traceSteps: StepChoice?
  /// `--trace-format`, overriding `trace.format`.
  var traceFormat: TraceFormat?
  /// `--gzip`: write `timeline.json.gz`.
  var gzip: Bool
  /// `--force`: write a timeline beyond the size limit.
  var force: Bool
  /// `--runtime`, overriding the scenario's `runtime` in every run.
  var runtime: RuntimeChoice?
  /// `--power-cap-w`, applied to every run's devices.
  var powerCap: PowerCap?

  init(
    scenario: String, out: String, model: String? = nil, overrides: [WorkloadSetting] = [],
    traceDetail: TraceDetail? = nil, traceSteps: StepChoice? = nil,
    traceFormat: TraceFormat? = nil, gzip: Bool = false, force: Bool = false,
    runtime: RuntimeChoice? = nil, powerCap: PowerCap? = nil
  ) {
    self.scenario = scenario
    self.out = out
    self.model = model
    self.overrides = overrides
    self.traceDetail = traceDetail
    self.traceSteps = traceSteps
    self.traceFormat = traceFormat
    self.gzip = gzip
    self.force = force
    self.runtime = runtime
    self.powerCap = powerCap
  }

  init(_ arguments: ParsedArguments) throws(LifeError) {
    self.init(
      scenario: arguments.positionals.first ?? "", out: try arguments.requiredText("out"),
      model: try arguments.text("model"), overrides: try arguments.workloadSettings(),
      traceDetail: try arguments.choice("trace-detail", TraceDetail.self),
      traceSteps: try arguments.text("trace-steps").map { (text) throws(LifeError) in
        try StepChoice.parse(text)
      },
      traceFormat: try arguments.traceFormat(), gzip: arguments.isSet("gzip"),
      force: arguments.isSet("force"),
      runtime: arguments.has("runtime") ? try arguments.runtimeChoice() : nil,
      powerCap: try arguments.powerCap())
    family = try arguments.text("family")
  }
}
