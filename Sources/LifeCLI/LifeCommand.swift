import Foundation
import Trace

/// The `life` command: parses arguments into a subcommand, runs it and turns
/// the outcome into an exit code. Errors are rendered here and only here
/// (``ErrorText``), as one `error: ...` line on standard error.
public enum LifeCommand {
  /// Runs the command with the process arguments and exits with its code:
  /// 0 success, 1 failure, 2 usage error.
  public static func main() -> Never {
    installFaultInjection()
    let out = StandardStream.output()
    let err = StandardStream.error()
    var code = run(arguments: Array(CommandLine.arguments.dropFirst()), stdout: out, stderr: err)
    if !out.flush(), code == 0 {
      err.write(ErrorText.line(for: LifeError(.failure, at: .none, out.failureMessage)) + "\n")
      code = 1
    }
    _ = err.flush()
    exit(code)
  }

  /// The environment variable that makes the process kill itself (SIGKILL)
  /// just before the N-th rename of an output set's commit: how the
  /// interrupted-run tests stop a run at every rename (docs/outputs.md).
  static let killBeforeRenameVariable = "LIFE_TEST_KILL_BEFORE_RENAME"

  static func installFaultInjection() {
    guard let text = ProcessInfo.processInfo.environment[killBeforeRenameVariable],
      case .success(let target) = NumberText.integer(text)
    else { return }
    OutputTransaction.beforeRename = { _, rename in
      if rename == target { kill(getpid(), SIGKILL) }
    }
  }

  /// Runs the command on `arguments` (without the program name), writing to
  /// the given sinks, and returns the exit code. `execute` runs the parsed
  /// subcommand (tests record it instead).
  static func run(
    arguments: [String], stdout: any TextSink, stderr: any TextSink,
    execute: (any Subcommand, Console) throws(LifeError) -> Void = { command, console in
      try command.run(console: console)
    }
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
      case .run(let command):
        try execute(command, console)
      }
      return 0
    } catch {
      stderr.write(ErrorText.line(for: error) + "\n")
      return error.exitCode
    }
  }
}
