/// Device fields the command line overrides for every device of a run
/// (`--compute-efficiency`, `--memory-efficiency`, `--dispatch-us`); nil
/// leaves the device's own value.
struct DeviceOverrides: Sendable, Equatable {
  /// Global compute efficiency in (0, 1].
  var computeEfficiency: Double?
  /// Global memory efficiency in (0, 1].
  var memoryEfficiency: Double?
  /// Dispatch latency per kernel call in microseconds (≥ 0).
  var dispatchUs: Double?

  /// Whether nothing is overridden.
  var isEmpty: Bool { computeEfficiency == nil && memoryEfficiency == nil && dispatchUs == nil }
}
