import Trace

@testable import LifeCLI

/// Records the subcommand the command line parsed into instead of running
/// it.
final class RecordingRunner {
  /// One recorded subcommand.
  enum Call: Equatable {
    case workload(WorkloadCommand)
    case forecast(ForecastCommand)
    case simulate(SimulateCommand)
    case serve(ServeCommand)
    case compare(CompareCommand)
    case calibrate(CalibrateCommand)
    case sweep(SweepCommand)
    case models(ModelsCommand)
    case devices(DevicesCommand)

    /// The case for a parsed subcommand.
    init?(_ command: any Subcommand) {
      switch command {
      case let c as WorkloadCommand: self = .workload(c)
      case let c as ForecastCommand: self = .forecast(c)
      case let c as SimulateCommand: self = .simulate(c)
      case let c as ServeCommand: self = .serve(c)
      case let c as CompareCommand: self = .compare(c)
      case let c as CalibrateCommand: self = .calibrate(c)
      case let c as SweepCommand: self = .sweep(c)
      case let c as ModelsCommand: self = .models(c)
      case let c as DevicesCommand: self = .devices(c)
      default: return nil
      }
    }
  }

  /// The calls, in order.
  private(set) var calls: [Call] = []
  /// Thrown by every call when set.
  var failure: LifeError?

  /// Records `command`; throws ``failure`` when set.
  func execute(_ command: any Subcommand, _ console: Console) throws(LifeError) {
    if let call = Call(command) { calls.append(call) }
    if let failure { throw failure }
  }
}
