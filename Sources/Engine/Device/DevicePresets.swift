import Trace

/// The device presets compiled into the binary: each is the text of a
/// device JSON file, identical to `traces/devices/presets/<name>.json`,
/// with datasheet figures only (efficiencies and launch costs come from the
/// runtime and the device's class) and a source for every figure.
package enum DevicePresets {
  /// Preset names in listing order.
  package static var names: [String] { data.map(\.name) }

  /// Every preset, parsed once.
  static let parsed: [String: Result<Device, LifeError>] = {
    var out: [String: Result<Device, LifeError>] = [:]
    for (name, json) in data {
      out[name] = Result { () throws(LifeError) in
        try Device(node: try JSONNode.parse(json, file: "preset \(name)"))
      }
    }
    return out
  }()

  /// The preset called `name` (case-insensitive), or nil.
  package static func device(named name: String) -> Device? {
    try? parsed[name.lowercased()]?.get()
  }
}
