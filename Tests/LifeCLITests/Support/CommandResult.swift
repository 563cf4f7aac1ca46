import Trace

@testable import LifeCLI

/// What one in-process run of `life` produced.
struct CommandResult {
  /// The exit code.
  var code: Int32
  /// Standard output.
  var out: String
  /// Standard error.
  var err: String
  /// The one request the runner received, if any.
  var call: RecordingRunner.Call?

  /// Runs `life` with `arguments` (split on spaces when given as one string)
  /// against a recording runner.
  static func run(_ arguments: [String], runner: RecordingRunner = RecordingRunner())
    -> CommandResult
  {
    let out = CapturedText()
    let err = CapturedText()
    let code = LifeCommand.run(
      arguments: arguments, stdout: out, stderr: err,
      execute: { (command, console) throws(LifeError) in try runner.execute(command, console) })
    return CommandResult(code: code, out: out.text, err: err.text, call: runner.calls.last)
  }

  /// Runs `life` with a command line split on spaces.
  static func run(_ line: String) -> CommandResult {
    run(line.split(separator: " ").map(String.init))
  }
}
