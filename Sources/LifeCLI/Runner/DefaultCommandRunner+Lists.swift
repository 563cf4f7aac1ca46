import Engine
import Foundation
import Trace

extension DefaultCommandRunner {
  /// `life models`: the model presets.
  func models(_ request: ListRequest, console: Console) throws(LifeError) {
    var rows: [[String]] = []
    var items: [JSONValue] = []
    for name in ModelConfig.presetNames {
      let m = try ModelConfig.preset(named: name)
      let params = m.parameterCount
      rows.append([
        name, m.family, String(m.layers), String(m.hidden), "\(m.heads)/\(m.kvHeads)",
        String(m.headDim), String(m.vocab), String(format: "%.2fB", params / 1e9),
      ])
      items.append(
        .object([
          ("name", .string(name)), ("family", .string(m.family)), ("layers", .int(m.layers)),
          ("hidden_size", .int(m.hidden)), ("heads", .int(m.heads)),
          ("kv_heads", .int(m.kvHeads)), ("head_dim", .int(m.headDim)),
          ("vocab_size", .int(m.vocab)), ("parameters", .num(params)),
        ]))
    }
    if request.json {
      console.write(JSONFormat.text(.object([("models", .array(items))])))
    } else {
      let header = [
        "preset", "family", "layers", "hidden", "heads/kv", "head_dim", "vocab", "params",
      ]
      console.write(TextTable.render(header: header, rows: rows))
    }
  }

  /// `life devices`: the device presets with their figures.
  func devices(_ request: ListRequest, console: Console) throws(LifeError) {
    if request.json {
      let items: [(String, JSONValue)] = Device.presetNames.compactMap { name in
        Device.preset(named: name).map { (name, $0.jsonValue) }
      }
      console.write(JSONFormat.text(.object([("devices", .object(items))])))
    } else {
      console.write(Device.presetTable)
    }
  }
}
