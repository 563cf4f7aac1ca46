/// The model presets compiled into the binary: each is the text of a Hugging
/// Face config.json, identical to `traces/models/<name>/config.json`.
package enum ModelPresets {
  /// Preset names in listing order.
  package static var names: [String] { data.map(\.name) }

  /// The config.json text of a preset, or nil.
  package static func json(named name: String) -> String? {
    data.first { $0.name == name.lowercased() }?.json
  }
}
