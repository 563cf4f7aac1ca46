import Trace

extension DefaultCommandRunner {
  /// `life sweep`.
  func runSweep(_ request: SweepRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("sweep")
  }
}
