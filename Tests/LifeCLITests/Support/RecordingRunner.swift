import Trace

@testable import LifeCLI

/// A runner that records the request it is handed instead of running it.
final class RecordingRunner: CommandRunner {
  /// One recorded call.
  enum Call: Equatable {
    case workload(WorkloadRequest)
    case forecast(ForecastRequest)
    case simulate(SimulateRequest)
    case compare(CompareRequest)
    case calibrate(CalibrateRequest)
    case sweep(SweepRequest)
    case models(ListRequest)
    case devices(ListRequest)
  }

  /// The calls, in order.
  private(set) var calls: [Call] = []
  /// Thrown by every call when set.
  var failure: LifeError?

  private func record(_ call: Call) throws(LifeError) {
    calls.append(call)
    if let failure { throw failure }
  }

  func workload(_ request: WorkloadRequest, console: Console) throws(LifeError) {
    try record(.workload(request))
  }
  func forecast(_ request: ForecastRequest, console: Console) throws(LifeError) {
    try record(.forecast(request))
  }
  func simulate(_ request: SimulateRequest, console: Console) throws(LifeError) {
    try record(.simulate(request))
  }
  func compare(_ request: CompareRequest, console: Console) throws(LifeError) {
    try record(.compare(request))
  }
  func calibrate(_ request: CalibrateRequest, console: Console) throws(LifeError) {
    try record(.calibrate(request))
  }
  func sweep(_ request: SweepRequest, console: Console) throws(LifeError) {
    try record(.sweep(request))
  }
  func models(_ request: ListRequest, console: Console) throws(LifeError) {
    try record(.models(request))
  }
  func devices(_ request: ListRequest, console: Console) throws(LifeError) {
    try record(.devices(request))
  }
}
