/// The tokens of one subcommand's command line, sorted into flags and
/// positionals but not yet typed. Typed reads, which check ranges and
/// choices, are in `ParsedArguments+Values.swift`.
struct ParsedArguments: Sendable, Equatable {
  /// A flag as given: its name without dashes and its value (`""` for a
  /// switch).
  struct Setting: Sendable, Equatable {
    /// The flag's name without dashes.
    var name: String
    /// The value as typed.
    var value: String
  }

  /// The subcommand the arguments belong to.
  var command: CommandSpec
  /// Every flag in command-line order.
  var settings: [Setting] = []
  /// The positional arguments in order.
  var positionals: [String] = []

  /// Whether flag `name` was given.
  func has(_ name: String) -> Bool { settings.contains { $0.name == name } }

  /// Every value of flag `name`, in order.
  func values(_ name: String) -> [String] { settings.filter { $0.name == name }.map(\.value) }

  /// The value of flag `name`, if given.
  func value(_ name: String) -> String? { settings.last { $0.name == name }?.value }
}
