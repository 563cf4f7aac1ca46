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
    for command in Subcommand.allCases {
      #expect(result.out.contains("\n  \(command.rawValue) "), "missing \(command.rawValue)")
    }
    #expect(result.out.contains("--version"))
    #expect(result.out.contains("EXAMPLES:\n  life "))
  }

  @Test func version() {
    let result = CommandResult.run(["--version"])
    #expect(result.code == 0 && result.err.isEmpty)
    #expect(result.out == "life \(LifeVersion.current)\n")
  }

  @Test(arguments: Subcommand.allCases)
  func subcommandHelpListsEveryFlag(_ command: Subcommand) {
    for arguments in [
      [command.rawValue, "--help"], [command.rawValue, "-h"], ["help", command.rawValue],
    ] {
      let result = CommandResult.run(arguments)
      #expect(result.code == 0 && result.err.isEmpty && result.call == nil)
      #expect(result.out.hasPrefix("OVERVIEW: " + command.spec.abstract))
      #expect(result.out.contains("USAGE: life \(command.rawValue)"))
      for flag in command.spec.flags {
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
      #expect(result.out.contains("EXAMPLES:\n  life \(command.rawValue)"))
    }
  }

  @Test func helpWinsOverOtherMistakes() {
    let result = CommandResult.run(["workload", "--promt", "x", "--help"])
    #expect(result.code == 0)
    #expect(result.out.hasPrefix("OVERVIEW: " + Subcommand.workload.spec.abstract))
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

  @Test(arguments: Subcommand.allCases)
  func helpLinesFitTheWidth(_ command: Subcommand) {
    let text = HelpFormatter.help(for: command.spec) + HelpFormatter.toolHelp()
    for line in text.split(separator: "\n") {
      #expect(line.count <= HelpFormatter.width, "too long: \(line)")
    }
  }

  @Test func usageShowsRequiredFlagsAndPositionals() {
    #expect(
      HelpFormatter.usage(for: .simulate)
        == "USAGE: life simulate SCENARIO.json --out DIR [<options>]")
    #expect(
      HelpFormatter.usage(for: .compare) == "USAGE: life compare RUN_DIR... --out DIR [<options>]")
    #expect(
      HelpFormatter.usage(for: .workload)
        == "USAGE: life workload --model MODEL --prompt N [<options>]")
  }

  @Test func workloadFlagsMatchTheContract() {
    let names = CommandSpec.workload.flags.map(\.name)
    #expect(names == ["model"] + WorkloadOptions.names + ["json"])
    let forecast = CommandSpec.forecast.flags.map(\.name)
    for name in [
      "device", "prefill-device", "decode-device", "overlap", "compute-efficiency",
      "memory-efficiency", "dispatch-us", "strict",
    ] {
      #expect(forecast.contains(name))
    }
  }
}
