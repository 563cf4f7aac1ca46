/// The class of a device, from its datasheet fields: kind, vendor, memory
/// type. Physics differs between classes inside one kind (Apple GPUs have no
/// matrix units, a Radeon's listed peak counts dual issue; HBM, GDDR and
/// LPDDR reach different fractions of their bandwidth), so a runtime gives
/// its efficiencies and costs per class.
enum DeviceClass {
  /// The class keys of `device`, most specific first: `kind.vendor.memory`,
  /// `kind.vendor`, `kind.memory`, `kind`.
  static func keys(of device: Device) -> [String] {
    let kind = device.kind.rawValue
    var keys: [String] = []
    if let vendor = device.vendor?.rawValue {
      if let memory = device.memoryType?.rawValue { keys.append("\(kind).\(vendor).\(memory)") }
      keys.append("\(kind).\(vendor)")
    }
    if let memory = device.memoryType?.rawValue { keys.append("\(kind).\(memory)") }
    keys.append(kind)
    return keys
  }
}
