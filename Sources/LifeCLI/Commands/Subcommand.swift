import Trace

/// One subcommand of `life`: its spec (name, flags, positionals, help), how
/// it reads a parsed command line into typed values, and its run. Each is
/// one type in its own file, registered once in ``Subcommands/all``.
protocol Subcommand: Sendable {
  /// The name, flags, positionals and help; parsing and help both use it.
  static var spec: CommandSpec { get }
  /// Reads a parsed command line; a bad value is a usage error at its flag.
  init(_ arguments: ParsedArguments) throws(LifeError)
  /// Runs the subcommand: results to `console` (or files), errors thrown.
  func run(console: Console) throws(LifeError)
}

/// The subcommands, in the order help lists them.
enum Subcommands {
  /// Every subcommand.
  static let all: [any Subcommand.Type] = [
    WorkloadCommand.self, ForecastCommand.self, SimulateCommand.self, ServeCommand.self,
    CompareCommand.self, CalibrateCommand.self, SweepCommand.self, ModelsCommand.self,
    DevicesCommand.self, RuntimesCommand.self,
  ]

  /// Every subcommand's name.
  static var names: [String] { all.map { $0.spec.name } }

  /// The subcommand called `name`.
  static func named(_ name: String) -> (any Subcommand.Type)? {
    all.first { $0.spec.name == name }
  }
}
