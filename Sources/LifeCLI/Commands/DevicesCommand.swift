import Engine
import Trace

/// `life devices`: list the bundled device presets with their figures.
struct DevicesCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "devices", abstract: "List the bundled device presets.", flags: [.json],
    examples: ["devices", "devices --json"])

  /// `--json`.
  var json: Bool

  init(json: Bool) { self.json = json }

  init(_ arguments: ParsedArguments) { self.init(json: arguments.isSet("json")) }

  /// The presets as a table or JSON.
  func run(console: Console) throws(LifeError) {
    if json {
      let items: [(String, JSONValue)] = Device.presetNames.compactMap { name in
        Device.preset(named: name).map { (name, $0.jsonValue) }
      }
      console.write(JSONFormat.text(.object([("devices", .object(items))])))
    } else {
      console.write(Device.presetTable)
    }
  }
}
