import Trace

/// Sorts a command line into a subcommand, its flags and its positionals, or
/// a request for help or the version. Every mistake is a usage error
/// (exit code 2) naming the flag and, where one is close, the right spelling.
enum CommandLineParser {
  /// What the command line asks for.
  enum Invocation {
    /// Help for the tool (nil) or for one subcommand.
    case help(CommandSpec?)
    /// `--version`.
    case version
    /// A subcommand, its arguments read.
    case run(any Subcommand)
  }

  /// Where tool-level errors point.
  static let tool = InputOrigin.argument("life")

  /// Parses the arguments that follow the program name.
  static func parse(_ arguments: [String]) throws(LifeError) -> Invocation {
    guard let first = arguments.first else {
      throw LifeError.usage(
        tool, "missing subcommand",
        expected: "one of " + Subcommands.names.joined(separator: ", ") + "; see 'life --help'")
    }
    let rest = Array(arguments.dropFirst())
    switch first {
    case "-h", "--help":
      return .help(nil)
    case "help":
      guard let name = rest.first else { return .help(nil) }
      return .help(try subcommand(named: name).spec)
    case "--version":
      if let extra = rest.first {
        throw LifeError.usage(.argument("--version"), "unexpected argument", got: "'\(extra)'")
      }
      return .version
    default:
      break
    }
    if first.hasPrefix("-") {
      let name = first.split(separator: "=", maxSplits: 1).first.map(String.init) ?? first
      throw LifeError.usage(
        .argument(name), "unknown flag for 'life'",
        expected: "a subcommand first, then its flags; see 'life --help'",
        suggestion: DidYouMean.suggest(name, among: ["--help", "--version"]))
    }
    let command = try subcommand(named: first)
    if wantsHelp(rest) { return .help(command.spec) }
    return .run(try command.init(try parse(rest, for: command.spec)))
  }

  /// The subcommand called `name`, or an error suggesting the closest one.
  static func subcommand(named name: String) throws(LifeError) -> any Subcommand.Type {
    if let command = Subcommands.named(name) { return command }
    throw LifeError.usage(
      tool, "unknown subcommand", got: "'\(name)'",
      expected: "one of " + Subcommands.names.joined(separator: ", "),
      suggestion: DidYouMean.suggest(name, among: Subcommands.names))
  }

  /// Whether `-h` or `--help` appears before a `--` terminator.
  static func wantsHelp(_ tokens: [String]) -> Bool {
    for token in tokens {
      if token == "--" { return false }
      if token == "-h" || token == "--help" { return true }
    }
    return false
  }

  /// Parses one subcommand's tokens against its spec: flags as `--name value`
  /// or `--name=value`, switches, positionals, `--` ending the flags. Checks
  /// structure only (unknown, repeated, valueless and missing required
  /// flags, positional counts); typed reads check the values.
  static func parse(_ tokens: [String], for spec: CommandSpec) throws(LifeError) -> ParsedArguments
  {
    var parsed = ParsedArguments(command: spec)
    var index = 0
    var flagsEnded = false
    while index < tokens.count {
      let token = tokens[index]
      index += 1
      if flagsEnded || !token.hasPrefix("-") || token == "-" || isNumber(token) {
        parsed.positionals.append(token)
        continue
      }
      if token == "--" {
        flagsEnded = true
        continue
      }
      let (spelling, inline) = split(token)
      guard spelling.hasPrefix("--"), let flag = spec.flag(named: String(spelling.dropFirst(2)))
      else {
        throw unknownFlag(spelling, in: spec)
      }
      var value = ""
      if flag.isSwitch {
        if let inline {
          throw LifeError.usage(
            .argument(flag.spelling), "this flag takes no value", got: "'\(inline)'")
        }
      } else if let inline {
        value = inline
      } else if index < tokens.count, !tokens[index].hasPrefix("--") {
        value = tokens[index]
        index += 1
      } else {
        throw LifeError.usage(
          .argument(flag.spelling), "missing value", expected: flag.values ?? flag.valueName)
      }
      if !flag.isRepeatable, parsed.has(flag.name) {
        throw LifeError.usage(
          .argument(flag.spelling), "given more than once",
          got: flag.isSwitch ? nil : "'\(parsed.value(flag.name) ?? "")' and '\(value)'",
          expected: flag.isSwitch ? "it once" : "one value")
      }
      parsed.settings.append(ParsedArguments.Setting(name: flag.name, value: value))
    }
    try checkPositionals(parsed.positionals, of: spec)
    for flag in spec.flags where flag.isRequired && !parsed.has(flag.name) {
      throw LifeError.usage(
        .argument(flag.spelling), "missing required flag", expected: flag.values ?? flag.valueName)
    }
    return parsed
  }

  private static func split(_ token: String) -> (String, String?) {
    guard let equals = token.firstIndex(of: "=") else { return (token, nil) }
    return (String(token[..<equals]), String(token[token.index(after: equals)...]))
  }

  /// `-1`, `-0.5`, `-1e3`: values, not flags.
  private static func isNumber(_ token: String) -> Bool { Double(token) != nil }

  private static func unknownFlag(_ spelling: String, in spec: CommandSpec) -> LifeError {
    let known = spec.flags.map(\.spelling) + ["--help"]
    let bare = spelling.drop { $0 == "-" }
    return LifeError.usage(
      .argument(spelling), "unknown flag for '\(spec.qualifiedName)'",
      expected: "one of the flags in '\(spec.qualifiedName) --help'",
      suggestion: DidYouMean.suggest("--" + bare, among: known))
  }

  private static func checkPositionals(_ values: [String], of spec: CommandSpec) throws(LifeError) {
    var remaining = values[...]
    for positional in spec.positionals {
      let taken = positional.isRepeating ? remaining.count : min(1, remaining.count)
      if taken < positional.minimumCount {
        throw LifeError.usage(
          .argument(spec.name), "missing argument \(positional.usage)",
          got: taken == 0 ? nil : "\(taken)",
          expected: positional.minimumCount == 1
            ? positional.help : "at least \(positional.minimumCount): \(positional.help)")
      }
      remaining = remaining.dropFirst(taken)
    }
    if let extra = remaining.first {
      let expected =
        spec.positionals.isEmpty
        ? "flags only; see '\(spec.qualifiedName) --help'"
        : spec.positionals.map(\.usage).joined(separator: " ") + " and flags"
      throw LifeError.usage(
        .argument(spec.name), "unexpected argument", got: "'\(extra)'",
        expected: expected)
    }
  }
}
