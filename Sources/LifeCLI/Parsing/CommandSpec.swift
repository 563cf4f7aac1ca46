/// Everything the parser and the help know about one subcommand.
struct CommandSpec: Sendable, Equatable {
  /// The subcommand as typed: `workload`.
  var name: String
  /// One line saying what it does.
  var abstract: String
  /// More about it, shown in its help; may be empty.
  var discussion: String = ""
  /// The positional arguments, in order (at most one may repeat, and it
  /// comes last).
  var positionals: [PositionalSpec] = []
  /// The flags, in the order help lists them.
  var flags: [FlagSpec]
  /// Example invocations, without the leading `life `.
  var examples: [String]

  /// The flag called `name` (no dashes), if the subcommand has it.
  func flag(named name: String) -> FlagSpec? { flags.first { $0.name == name } }

  /// The command's name for error locations and usage: `life workload`.
  var qualifiedName: String { "life " + name }
}
