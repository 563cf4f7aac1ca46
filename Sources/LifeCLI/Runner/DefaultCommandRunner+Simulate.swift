import Trace

extension DefaultCommandRunner {
  /// `life simulate`.
  func runSimulate(_ request: SimulateRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("simulate")
  }
}
