import Trace

/// A workload flag given to `simulate`, to apply over the scenario's options.
/// Its value is already known to be valid.
struct WorkloadOverride: Sendable, Equatable {
  /// The option's name without dashes (`kv-update`).
  var name: String
  /// The value as typed.
  var value: String
}

extension [WorkloadOverride] {
  /// Applies the overrides in command-line order, after the scenario's own
  /// options, through the one parser of workload values.
  func apply(to options: inout WorkloadOptions) throws(LifeError) {
    for override in self {
      try options.set(override.name, to: override.value, at: .flag("--" + override.name))
    }
  }
}
