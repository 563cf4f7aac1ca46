import Trace

extension DefaultCommandRunner {
  /// `life calibrate`.
  func runCalibrate(_ request: CalibrateRequest, console: Console) throws(LifeError) {
    throw Self.notImplemented("calibrate")
  }
}
