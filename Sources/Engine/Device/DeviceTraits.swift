/// Who makes a device (`vendor` in device JSON): with the kind and memory
/// type it picks a device's class, whose efficiencies and launch costs a
/// runtime knows.
public enum DeviceVendor: String, Sendable, CaseIterable, Hashable {
  case nvidia, amd, apple, intel, qualcomm, arm, other
}

/// The compute API a device is programmed through (`backend` in device
/// JSON): which llama.cpp build runs on it by default.
public enum DeviceBackend: String, Sendable, CaseIterable, Hashable {
  case cuda, rocm, metal, vulkan, sycl, cpu, npu
}

/// The kind of DRAM a device reads (`memory_type` in device JSON): memory
/// efficiency differs by it.
public enum MemoryType: String, Sendable, CaseIterable, Hashable {
  /// High-bandwidth memory on the package (data-centre GPUs).
  case hbm
  /// Graphics DDR on the board (discrete GPUs).
  case gddr
  /// Low-power DDR, usually unified with the CPU (laptops, phones, Apple).
  case lpddr
  /// DDR DIMMs (desktop and server CPUs).
  case ddr
}

/// What a device JSON gave itself rather than leaving to the runtime and
/// the device's class.
public struct DeviceGiven: OptionSet, Sendable, Hashable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }
  /// The compute efficiencies (an `efficiency` object, or an override).
  public static let computeEfficiency = DeviceGiven(rawValue: 1)
  /// The memory efficiencies (an `efficiency` object, or an override).
  public static let memoryEfficiency = DeviceGiven(rawValue: 2)
  /// `dispatch_us`.
  public static let dispatch = DeviceGiven(rawValue: 4)
  /// Everything a runtime could otherwise supply.
  public static let all: DeviceGiven = [.computeEfficiency, .memoryEfficiency, .dispatch]
}
