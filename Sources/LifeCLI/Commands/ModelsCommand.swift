import Foundation
import Trace

/// `life models`: list the bundled model presets.
struct ModelsCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "models", abstract: "List the bundled model presets.", flags: [.json],
    examples: ["models", "models --json"])

  /// `--json`.
  var json: Bool

  init(json: Bool) { self.json = json }

  init(_ arguments: ParsedArguments) { self.init(json: arguments.isSet("json")) }

  /// The presets as a table or JSON.
  func run(console: Console) throws(LifeError) {
    var rows: [[String]] = []
    var items: [JSONValue] = []
    for name in ModelConfig.presetNames {
      let m = try ModelConfig.preset(named: name)
      let params = m.parameterCount
      // Mixtures of experts also give the parameters one token uses.
      let active = m.moe == nil ? nil : m.activeParameterCount
      rows.append([
        name, m.family, String(m.layers), String(m.hidden), "\(m.heads)/\(m.kvHeads)",
        String(m.headDim), String(m.vocab), String(format: "%.2fB", params / 1e9),
        active.map { String(format: "%.2fB", $0 / 1e9) } ?? "-",
      ])
      var members: [(String, JSONValue)] = [
        ("name", .string(name)), ("family", .string(m.family)), ("layers", .int(m.layers)),
        ("hidden_size", .int(m.hidden)), ("heads", .int(m.heads)),
        ("kv_heads", .int(m.kvHeads)), ("head_dim", .int(m.headDim)),
        ("vocab_size", .int(m.vocab)), ("parameters", .num(params)),
      ]
      if let active { members.append(("active_parameters", .num(active))) }
      items.append(.object(members))
    }
    if json {
      console.write(JSONFormat.text(.object([("models", .array(items))])))
    } else {
      let header = [
        "preset", "family", "layers", "hidden", "heads/kv", "head_dim", "vocab", "params",
        "active",
      ]
      console.write(TextTable.render(header: header, rows: rows))
    }
  }
}
