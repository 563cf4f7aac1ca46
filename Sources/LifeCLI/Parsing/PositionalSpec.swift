/// A positional argument of a subcommand (`SCENARIO.json`, `RUN_DIR...`).
struct PositionalSpec: Sendable, Equatable {
  /// The placeholder shown in usage and errors.
  var name: String
  /// What it is, in lower case.
  var help: String
  /// The fewest values accepted (0 makes it optional).
  var minimumCount: Int = 1
  /// Whether more than one value is accepted.
  var isRepeating: Bool = false

  /// The placeholder as usage shows it: `RUN_DIR...` when repeating.
  var usage: String { isRepeating ? name + "..." : name }
}
