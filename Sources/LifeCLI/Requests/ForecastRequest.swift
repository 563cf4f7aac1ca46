import Engine
import Trace

/// `life forecast`: the workload on devices: TTFT, TPOT, TPS and the rest.
struct ForecastRequest: Sendable, Equatable {
  /// A preset name or a config.json path, as typed.
  var model: String
  /// Every workload flag, parsed.
  var options: WorkloadOptions
  /// `--json`.
  var json: Bool
  /// The device that runs prefill: `--prefill-device`, else `--device`
  /// (a preset name or a device JSON path).
  var prefillDevice: String
  /// The device that runs decode: `--decode-device`, else `--device`.
  var decodeDevice: String
  /// `--device` as given (nil when both phase devices are given instead).
  var device: String?
  /// `--overlap`.
  var overlap: Overlap
  /// Device fields overridden on the command line.
  var overrides: DeviceOverrides
  /// `--strict`: a model that does not fit in a device's memory is an error.
  var strict: Bool
}
