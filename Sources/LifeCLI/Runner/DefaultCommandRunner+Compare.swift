import Trace

extension DefaultCommandRunner {
  /// `life compare`.
  func runCompare(_ request: CompareRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("compare")
  }
}
