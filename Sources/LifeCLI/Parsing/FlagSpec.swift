/// One flag a subcommand accepts: its name, the value it takes, its default
/// and its help. The flag tables drive parsing and help alike, so the two
/// never disagree.
struct FlagSpec: Sendable, Equatable {
  /// The name without the leading dashes (`prompt` for `--prompt`).
  var name: String
  /// The placeholder for the value in help (`N`, `FILE`); nil for a switch
  /// such as `--json`, which takes no value.
  var valueName: String?
  /// What the flag does, in lower case.
  var help: String
  /// The accepted values, as errors and help say them.
  var values: String?
  /// The default, as help says it; nil when there is none.
  var defaultText: String?
  /// Whether parsing fails when the flag is absent.
  var isRequired: Bool = false
  /// Whether the flag may be given more than once (`--vary`).
  var isRepeatable: Bool = false

  /// The flag as typed: `--prompt`.
  var spelling: String { "--" + name }

  /// Whether the flag takes no value.
  var isSwitch: Bool { valueName == nil }

  /// A flag that takes a value.
  static func option(
    _ name: String, _ valueName: String, _ help: String, values: String? = nil,
    default defaultText: String? = nil, required: Bool = false, repeatable: Bool = false
  ) -> FlagSpec {
    FlagSpec(
      name: name, valueName: valueName, help: help, values: values, defaultText: defaultText,
      isRequired: required, isRepeatable: repeatable)
  }

  /// A flag that takes no value.
  static func toggle(_ name: String, _ help: String) -> FlagSpec {
    FlagSpec(name: name, valueName: nil, help: help, values: nil, defaultText: nil)
  }
}
