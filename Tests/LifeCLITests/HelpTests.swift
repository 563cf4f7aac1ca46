import Testing
import Trace

@testable import LifeCLI

/// `--help`, `-h`, `help` and `--version`.
@Suite struct HelpTests {
  @Test(arguments: [["--help"], ["-h"], ["help"]])
  func toolHelp(_ arguments: [String]) {
    let result = CommandResult.run(arguments)
    #expect(result.code == 0 && result.err.isEmpty)
    #expect(result.out.hasPrefix("OVERVIEW: LIFE \(LifeVersion.current)"))
    for name in Subcommands.names {
      #expect(result.out.contains("\n  \(name) "), "missing \(name)")
    }
    #expect(result.out.contains("--version"))
    #expect(result.out.contains("EXAMPLES:\n  life "))
  }

  @Test func version() {
    let result = CommandResult.run(["--version"])
    #expect(result.code == 0 && result.err.isEmpty)
    #expect(result.out == "life \(LifeVersion.current)\n")
  }

  @Test(arguments: Subcommands.all.map { $0.spec })
  func subcommandHelpListsEveryFlag(_ spec: CommandSpec) {
    for arguments in [[spec.name, "--help"], [spec.name, "-h"], ["help", spec.name]] {
      let result = CommandResult.run(arguments)
      #expect(result.code == 0 && result.err.isEmpty && result.call == nil)
      #expect(result.out.hasPrefix("OVERVIEW: " + spec.abstract))
      #expect(result.out.contains("USAGE: life \(spec.name)"))
      for flag in spec.flags {
        #expect(result.out.contains("\n  " + flag.spelling), "\(flag.spelling) missing")
        if let values = flag.values {
          let firstWord = values.split(separator: " ").first.map(String.init) ?? values
          #expect(result.out.contains("values: " + firstWord))
        }
        if let defaultText = flag.defaultText, !flag.isRequired {
          let firstWord = defaultText.split(separator: " ").first.map(String.init) ?? defaultText
          #expect(result.out.contains("default: " + firstWord))
        }
      }
      #expect(result.out.contains("EXAMPLES:\n  life \(spec.name)"))
    }
  }

  @Test(arguments: ["simulate", "compare"])
  func traceFormatIsInTheHelp(_ command: String) {
    let result = CommandResult.run([command, "--help"])
    #expect(result.code == 0)
    #expect(result.out.contains("--trace-format FORMAT"))
    #expect(result.out.contains("values: json or perfetto"))
    #expect(result.out.contains("timeline.pftrace"))
  }

  @Test func helpWinsOverOtherMistakes() {
    let result = CommandResult.run(["workload", "--promt", "x", "--help"])
    #expect(result.code == 0)
    #expect(result.out.hasPrefix("OVERVIEW: " + WorkloadCommand.spec.abstract))
  }

  @Test func helpAfterDoubleDashIsAPositional() {
    let result = CommandResult.run(["simulate", "--out", "o", "--", "--help"])
    #expect(result.code == 0)
    guard case .simulate(let request) = result.call else {
      Issue.record("no simulate request")
      return
    }
    #expect(request.scenario == "--help")
  }

  @Test(arguments: Subcommands.all.map { $0.spec })
  func helpLinesFitTheWidth(_ spec: CommandSpec) {
    let text = HelpFormatter.help(for: spec) + HelpFormatter.toolHelp()
    for line in text.split(separator: "\n") {
      #expect(line.count <= HelpFormatter.width, "too long: \(line)")
    }
  }

  @Test func usageShowsRequiredFlagsAndPositionals() {
    #expect(
      HelpFormatter.usage(for: SimulateCommand.spec)
        == "USAGE: life simulate SCENARIO.json --out DIR [<options>]")
    #expect(
      HelpFormatter.usage(for: CompareCommand.spec)
        == "USAGE: life compare RUN_DIR... --out DIR [<options>]")
    #expect(
      HelpFormatter.usage(for: WorkloadCommand.spec)
        == "USAGE: life workload --model MODEL --prompt N [<options>]")
  }

  @Test func workloadFlagsMatchTheContract() {
    let names = WorkloadCommand.spec.flags.map(\.name)
    #expect(
      names == ["model", "family"] + WorkloadOption.allCases.map(\.name) + ["runtime", "json"])
    let forecast = ForecastCommand.spec.flags.map(\.name)
    for name in [
      "device", "prefill-device", "decode-device", "overlap", "compute-efficiency",
      "memory-efficiency", "dispatch-us", "strict", "runtime",
    ] {
      #expect(forecast.contains(name))
    }
  }
}
