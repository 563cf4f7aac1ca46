import Testing
import Trace

/// The built `life` binary: help, version, and the exit codes and message
/// shape of usage errors, for every subcommand.
@Suite(.serialized) struct CommandLineTests {
  static let subcommands = [
    "workload", "forecast", "simulate", "compare", "calibrate", "sweep", "models", "devices",
  ]

  @Test func binaryIsBuilt() {
    #expect(LifeBinary.url != nil, Comment(rawValue: LifeBinary.missingMessage))
  }

  @Test func version() throws {
    let result = try LifeBinary.run("--version")
    #expect(result.code == 0, "\(result)")
    #expect(result.out == "life \(LifeVersion.current)\n")
    #expect(result.err.isEmpty)
  }

  @Test func toolHelp() throws {
    for line in ["--help", "-h", "help"] {
      let result = try LifeBinary.run(line)
      #expect(result.code == 0, "\(result)")
      #expect(result.out.hasPrefix("OVERVIEW: LIFE"))
      for command in Self.subcommands { #expect(result.out.contains("  \(command) ")) }
      #expect(result.err.isEmpty)
    }
  }

  @Test(arguments: subcommands)
  func subcommandHelp(_ command: String) throws {
    let result = try LifeBinary.run([command, "--help"])
    #expect(result.code == 0, "\(result)")
    #expect(result.out.contains("USAGE: life \(command)"))
    #expect(result.out.contains("OPTIONS:"))
    #expect(result.out.contains("EXAMPLES:\n  life \(command)"))
    #expect(result.err.isEmpty)
  }

  @Test func noSubcommand() throws {
    let result = try LifeBinary.run([])
    #expect(result.code == 2, "\(result)")
    #expect(result.err.hasPrefix("error: life: missing subcommand"))
    #expect(result.out.isEmpty)
  }

  @Test func unknownSubcommandSuggests() throws {
    let result = try LifeBinary.run("forcast --model m")
    #expect(result.code == 2, "\(result)")
    #expect(result.err.hasPrefix("error: life: unknown subcommand (got 'forcast'"))
    #expect(result.err.hasSuffix("; did you mean 'forecast'?\n"))
    #expect(result.out.isEmpty)
  }

  /// One bad command line per subcommand: exit 2 and a single `error:` line.
  @Test(arguments: [
    ("workload --model m --promt 5", "error: --promt: unknown flag for 'life workload'"),
    ("forecast --model m --prompt 5 --device d --overlap both", "error: --overlap: invalid value"),
    ("simulate s.json", "error: --out: missing required flag"),
    ("compare only-one --out o", "error: compare: missing argument RUN_DIR..."),
    (
      "calibrate --model m --device d --measurements x.csv --out y.json --fit speed",
      "error: --fit: invalid value 'speed'"
    ),
    ("sweep --model m --device d --out o --vary promt=1,2", "error: --vary: unknown axis"),
    ("models --jsn", "error: --jsn: unknown flag for 'life models'"),
    ("devices extra", "error: devices: unexpected argument (got 'extra'"),
    ("workload --model m --prompt -1", "error: --prompt: out of range (got '-1'"),
    (
      "forecast --model m --prompt 5 --device d --compute-efficiency 2",
      "error: --compute-efficiency: out of range (got '2'"
    ),
  ])
  func usageError(_ test: (String, String)) throws {
    let result = try LifeBinary.run(test.0)
    #expect(result.code == 2, "\(result)")
    #expect(result.err.hasPrefix(test.1), "\(result)")
    #expect(result.err.split(separator: "\n").count == 1, "\(result)")
    #expect(result.out.isEmpty)
  }

  /// A subcommand's failure (here: a file that does not exist, or an
  /// engine not built yet) is exit 1 with one `error:` line, never a trap.
  @Test func failuresExitOne() throws {
    let result = try LifeBinary.run("simulate /no/such/scenario.json --out /tmp/life-e2e-never")
    #expect(result.code == 1, "\(result)")
    #expect(result.err.hasPrefix("error: "))
    #expect(result.err.split(separator: "\n").count == 1)
  }
}
