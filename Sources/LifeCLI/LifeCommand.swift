import Foundation
import Trace

/// The `life` command: parses arguments, hands the request to a
/// ``CommandRunner`` and turns the outcome into an exit code. Errors are
/// rendered here and only here, as one `error: ...` line on standard error.
public enum LifeCommand {
  /// Runs the command with the process arguments and exits with its code:
  /// 0 success, 1 failure, 2 usage error.
  public static func main() -> Never {
    let out = StandardStream.output()
    let err = StandardStream.error()
    let code = run(arguments: Array(CommandLine.arguments.dropFirst()), stdout: out, stderr: err)
    out.flush()
    err.flush()
    exit(code)
  }

  /// Runs the command on `arguments` (without the program name), writing to
  /// the given sinks, and returns the exit code.
  static func run(
    arguments: [String], stdout: any TextSink, stderr: any TextSink,
    runner: any CommandRunner = DefaultCommandRunner()
  ) -> Int32 {
    let console = Console(out: stdout, err: stderr)
    do {
      switch try CommandLineParser.parse(arguments) {
      case .help(nil):
        stdout.write(HelpFormatter.toolHelp())
      case .help(let spec?):
        stdout.write(HelpFormatter.help(for: spec))
      case .version:
        stdout.write("life \(LifeVersion.current)\n")
      case .run(let command, let parsed):
        try dispatch(command, parsed, to: runner, console: console)
      }
      return 0
    } catch {
      stderr.write(error.rendered + "\n")
      return error.exitCode
    }
  }

  /// Builds the subcommand's request and calls the runner.
  static func dispatch(
    _ command: Subcommand, _ arguments: ParsedArguments, to runner: any CommandRunner,
    console: Console
  ) throws(LifeError) {
    switch command {
    case .workload: try runner.workload(WorkloadRequest(arguments), console: console)
    case .forecast: try runner.forecast(ForecastRequest(arguments), console: console)
    case .simulate: try runner.simulate(SimulateRequest(arguments), console: console)
    case .compare: try runner.compare(CompareRequest(arguments), console: console)
    case .calibrate: try runner.calibrate(CalibrateRequest(arguments), console: console)
    case .sweep: try runner.sweep(SweepRequest(arguments), console: console)
    case .models: try runner.models(ListRequest(arguments), console: console)
    case .devices: try runner.devices(ListRequest(arguments), console: console)
    }
  }
}
