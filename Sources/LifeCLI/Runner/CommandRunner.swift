import Trace

/// The seam between the command line and the libraries: one method per
/// subcommand, each taking the parsed, validated request. A method writes its
/// results to `console` (or files) and throws ``LifeError`` for anything that
/// goes wrong; ``LifeCommand`` renders the error and picks the exit code.
///
/// ``DefaultCommandRunner`` is the real one; tests inject a recording runner
/// to check what the parser produced.
protocol CommandRunner {
  /// `life workload`.
  func workload(_ request: WorkloadRequest, console: Console) throws(LifeError)
  /// `life forecast`.
  func forecast(_ request: ForecastRequest, console: Console) throws(LifeError)
  /// `life simulate`.
  func simulate(_ request: SimulateRequest, console: Console) throws(LifeError)
  /// `life compare`.
  func compare(_ request: CompareRequest, console: Console) throws(LifeError)
  /// `life calibrate`.
  func calibrate(_ request: CalibrateRequest, console: Console) throws(LifeError)
  /// `life sweep`.
  func sweep(_ request: SweepRequest, console: Console) throws(LifeError)
  /// `life models`.
  func models(_ request: ListRequest, console: Console) throws(LifeError)
  /// `life devices`.
  func devices(_ request: ListRequest, console: Console) throws(LifeError)
}
