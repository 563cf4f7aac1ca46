import Trace

/// The runner `life` uses. Subcommands whose engine is still being built say
/// so and fail (exit code 1); the integrator replaces each body with the
/// library calls.
struct DefaultCommandRunner: CommandRunner {
  func workload(_ request: WorkloadRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("workload")
  }

  func forecast(_ request: ForecastRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("forecast")
  }

  func simulate(_ request: SimulateRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("simulate")
  }

  func compare(_ request: CompareRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("compare")
  }

  func calibrate(_ request: CalibrateRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("calibrate")
  }

  func sweep(_ request: SweepRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("sweep")
  }

  func models(_ request: ListRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("models")
  }

  func devices(_ request: ListRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("devices")
  }

  /// The error of a subcommand whose engine does not exist yet.
  static func notImplemented(_ command: String) -> LifeError {
    LifeError(
      .failure, at: .flag(command),
      "not implemented yet: the engine for this command is still being built")
  }
}
