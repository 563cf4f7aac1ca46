import Trace

/// Built-in devices (``DevicePresets``): datasheet figures with their
/// sources in `traces/devices/presets/<name>.json`. Peak TOPS are dense (no
/// sparsity); memory sizes are of the configuration named.
extension Device {
  /// The preset names, in the order `life devices` lists them.
  public static var presetNames: [String] { DevicePresets.names }

  /// The preset called `name`, or nil.
  public static func preset(named name: String) -> Device? {
    DevicePresets.device(named: name)
  }
}
