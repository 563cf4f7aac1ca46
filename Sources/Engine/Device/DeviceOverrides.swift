import Trace

/// Device fields a run overrides for every device
/// (``RunParameter/computeEfficiency``, ``RunParameter/memoryEfficiency``,
/// ``RunParameter/dispatchUs``); nil leaves the device's own value.
public struct DeviceOverrides: Sendable, Equatable {
  /// Global compute efficiency in (0, 1].
  public var computeEfficiency: Double?
  /// Global memory efficiency in (0, 1].
  public var memoryEfficiency: Double?
  /// Dispatch latency per kernel call in microseconds (≥ 0).
  public var dispatchUs: Double?

  /// Creates overrides.
  public init(
    computeEfficiency: Double? = nil, memoryEfficiency: Double? = nil, dispatchUs: Double? = nil
  ) {
    self.computeEfficiency = computeEfficiency
    self.memoryEfficiency = memoryEfficiency
    self.dispatchUs = dispatchUs
  }

  /// Whether nothing is overridden.
  public var isEmpty: Bool {
    computeEfficiency == nil && memoryEfficiency == nil && dispatchUs == nil
  }

  /// `device` with the overrides applied: an efficiency replaces the
  /// global value, its curve and its per-kind values.
  public func apply(to device: Device) -> Device {
    var device = device
    if let computeEfficiency { device.setComputeEfficiency(computeEfficiency) }
    if let memoryEfficiency { device.setMemoryEfficiency(memoryEfficiency) }
    if let dispatchUs {
      device.dispatchUs = dispatchUs
      device.given.insert(.dispatch)
    }
    return device
  }
}
