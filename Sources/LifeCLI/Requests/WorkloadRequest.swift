import Trace

/// `life workload`: count the work of one model under one workload.
struct WorkloadRequest: Sendable, Equatable {
  /// A preset name or a config.json path, as typed.
  var model: String
  /// Every workload flag, parsed.
  var options: WorkloadOptions
  /// `--json`: one JSON object on stdout instead of text.
  var json: Bool
}
