import Engine
import Trace

extension CommandSpec {
  /// `life simulate`.
  static let simulate = CommandSpec(
    name: "simulate",
    abstract: "Run a scenario file and write its timeline, summary, CSV files and report.",
    discussion: "Writes timeline.json (or timeline.json.gz), summary.json, steps.csv, ops.csv and"
      + " report.html into the --out directory, each whole or not at all. Workload flags given"
      + " here override the scenario's.",
    positionals: [PositionalSpec(name: "SCENARIO.json", help: "a scenario file")],
    flags: [
      .option("out", "DIR", "the output directory", values: "a directory path", required: true)
    ] + [.model(required: false)]
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
          values: "comma-separated N, N-M, last; or all, auto (e.g. 1-16,last)",
          default: "the scenario's trace.steps, else auto (every step within about 500k events)"),
        .toggle("gzip", "write timeline.json.gz instead of timeline.json"),
      ],
    examples: [
      "simulate traces/llama-2-7b-ryzen-ai-hybrid.json --out out/hybrid",
      "simulate traces/llama-2-7b-ryzen-ai-hybrid.json --out out/long --generate 2000 --trace-steps 1-8,last"
        + " --gzip",
    ])
}

extension SimulateRequest {
  /// Reads a parsed `simulate` command line.
  init(_ arguments: ParsedArguments) throws(LifeError) {
    let steps = try arguments.text("trace-steps")
    if let steps, !Self.isValidStepList(steps) {
      throw LifeError(
        .usage, at: .flag("--trace-steps"), "invalid step list", got: "'\(steps)'",
        expected: "comma-separated N, N-M (1 ≤ N ≤ M), last or all, e.g. 1-16,last")
    }
    self.init(
      scenario: arguments.positionals.first ?? "", out: try arguments.requiredText("out"),
      model: try arguments.text("model"), overrides: try arguments.workloadOverrides(),
      traceDetail: try arguments.choice("trace-detail", TraceDetail.self), traceSteps: steps,
      gzip: arguments.isSet("gzip"))
  }

  /// Whether `text` is a step list: comma-separated `N`, `N-M` (1 ≤ N ≤ M),
  /// `last` or `all`; or `auto` alone.
  static func isValidStepList(_ text: String) -> Bool {
    let items = text.split(separator: ",", omittingEmptySubsequences: false)
    return items.allSatisfy { item in
      if item == "last" || item == "all" || (item == "auto" && items.count == 1) { return true }
      let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
      guard bounds.count <= 2, let low = Int(bounds[0]), low >= 1 else { return false }
      guard bounds.count == 2 else { return true }
      guard let high = Int(bounds[1]) else { return false }
      return low <= high
    }
  }
}
