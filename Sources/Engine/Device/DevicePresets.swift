import Trace

/// The device presets compiled into the binary: each is the text of a
/// device JSON file, identical to `traces/devices/presets/<name>.json`,
/// with datasheet figures only (efficiencies and launch costs come from the
/// runtime and the device's class) and a source for every figure.
package enum DevicePresets {
  /// Preset names in listing order.
  package static var names: [String] { data.map(\.name) }

  /// Each preset, parsed when first asked for.
  static let parsed = PresetCache<Device>(data) { name, json throws(LifeError) in
    try Device(node: try JSONNode.parse(json, file: "preset \(name)"))
  }

  /// The preset called `name` (case-insensitive), or nil.
  package static func device(named name: String) -> Device? {
    try? parsed[name.lowercased()]?.get()
  }
}
