extension CommandSpec {
  /// `life models`.
  static let models = CommandSpec(
    name: "models", abstract: "List the bundled model presets.", flags: [.json],
    examples: ["models", "models --json"])

  /// `life devices`.
  static let devices = CommandSpec(
    name: "devices", abstract: "List the bundled device presets.", flags: [.json],
    examples: ["devices", "devices --json"])
}

extension ListRequest {
  /// Reads a parsed `models` or `devices` command line.
  init(_ arguments: ParsedArguments) {
    self.init(json: arguments.isSet("json"))
  }
}
