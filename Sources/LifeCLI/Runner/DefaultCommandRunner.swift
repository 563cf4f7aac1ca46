import Trace

/// The runner `life` uses: each subcommand's body lives in its own
/// `DefaultCommandRunner+<Command>.swift`.
struct DefaultCommandRunner: CommandRunner {
  func workload(_ request: WorkloadRequest, console: Console) throws(LifeError) {
    try runWorkload(request, console: console)
  }

  func forecast(_ request: ForecastRequest, console: Console) throws(LifeError) {
    try runForecast(request, console: console)
  }

  func simulate(_ request: SimulateRequest, console: Console) throws(LifeError) {
    try runSimulate(request, console: console)
  }

  func compare(_ request: CompareRequest, console: Console) throws(LifeError) {
    try runCompare(request, console: console)
  }

  func calibrate(_ request: CalibrateRequest, console: Console) throws(LifeError) {
    try runCalibrate(request, console: console)
  }

  func sweep(_ request: SweepRequest, console: Console) throws(LifeError) {
    try runSweep(request, console: console)
  }

  func models(_ request: ListRequest, console: Console) throws(LifeError) {
    try runModels(request, console: console)
  }

  func devices(_ request: ListRequest, console: Console) throws(LifeError) {
    try runDevices(request, console: console)
  }

  /// The error of a subcommand whose engine does not exist yet.
  static func notImplemented(_ command: String) -> LifeError {
    LifeError(
      .failure, at: .flag(command),
      "not implemented yet: the engine for this command is still being built")
  }
}
