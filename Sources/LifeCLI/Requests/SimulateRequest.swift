import Engine

/// `life simulate SCENARIO.json --out DIR`: run a scenario and write its
/// timeline, summary, CSV files and report.
struct SimulateRequest: Sendable, Equatable {
  /// The scenario file, as typed.
  var scenario: String
  /// The output directory.
  var out: String
  /// `--model`, overriding the scenario's.
  var model: String?
  /// Workload flags overriding the scenario's options, in order.
  var overrides: [WorkloadOverride]
  /// `--trace-detail`, overriding the scenario's `trace.detail`.
  var traceDetail: TraceDetail?
  /// `--trace-steps` (e.g. `1-16,last`), overriding `trace.steps`; its syntax
  /// is checked.
  var traceSteps: String?
  /// `--gzip`: write `timeline.json.gz`.
  var gzip: Bool
}
