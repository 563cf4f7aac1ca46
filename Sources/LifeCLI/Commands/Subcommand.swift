/// The subcommands of `life`, in the order help lists them.
enum Subcommand: String, CaseIterable, Sendable {
  case workload, forecast, simulate, compare, calibrate, sweep, models, devices

  /// Every subcommand's name.
  static var names: [String] { allCases.map(\.rawValue) }

  /// The flags, positionals and help of the subcommand.
  var spec: CommandSpec {
    switch self {
    case .workload: return .workload
    case .forecast: return .forecast
    case .simulate: return .simulate
    case .compare: return .compare
    case .calibrate: return .calibrate
    case .sweep: return .sweep
    case .models: return .models
    case .devices: return .devices
    }
  }
}
