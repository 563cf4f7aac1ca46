import Trace

/// A compute device as the engine models it: peak compute per dtype, memory
/// bandwidth, dispatch latency, capacity and efficiencies.
public struct Device: Sendable, Equatable {
  /// Display name, e.g. `Ryzen AI Max+ 395 NPU`.
  public var name: String
  /// Device kind.
  public var kind: DeviceKind
  /// Peak dense TOPS (10^12 op/s) by compute dtype key (`bf16`, `int8`, ...)
  /// and `default`.
  public var peakTops: [String: Double]
  /// Memory bandwidth in GB/s (10^9 B/s).
  public var bandwidthGBs: Double
  /// Dispatch latency per kernel call, in microseconds.
  public var dispatchUs: Double
  /// Memory capacity in GiB (2^30 B); nil for unknown.
  public var memoryGiB: Double?
  /// Tile size for padding dynamic shapes; nil for none.
  public var tile: Int?
  /// Devices in one group share DRAM.
  public var sharedMemoryGroup: String?
  /// Efficiencies.
  public var efficiency: Efficiency
  /// Who makes it; nil when not given.
  public var vendor: DeviceVendor?
  /// The compute API it is programmed through; nil when not given.
  public var backend: DeviceBackend?
  /// The kind of DRAM it reads; nil when not given.
  public var memoryType: MemoryType?
  /// What the device's own description gave (an efficiency, a dispatch
  /// latency) rather than leaving to the runtime and the device's class.
  public var given: DeviceGiven
  /// Where each figure comes from: field name → citation (datasheets).
  public var sources: [String: String]
  /// What it draws: idle and full-load power, energy per operation and per
  /// DRAM byte, an optional cap (the kind's defaults unless given).
  package var power: DevicePower
  /// The likely ranges of forecasts on this device, from its own
  /// calibration (measured ÷ held-out forecast time); nil: none given, and
  /// forecasts take the runtime's bands for the device's class.
  package var uncertainty: ClassUncertainty?

  /// Creates a device. Efficiency and dispatch latency given here count as
  /// the device's own (a runtime does not replace them).
  public init(
    name: String, kind: DeviceKind, peakTops: [String: Double], bandwidthGBs: Double,
    dispatchUs: Double, memoryGiB: Double? = nil, tile: Int? = nil,
    sharedMemoryGroup: String? = nil, efficiency: Efficiency, vendor: DeviceVendor? = nil,
    backend: DeviceBackend? = nil, memoryType: MemoryType? = nil
  ) {
    self.name = name
    self.kind = kind
    self.peakTops = peakTops
    self.bandwidthGBs = bandwidthGBs
    self.dispatchUs = dispatchUs
    self.memoryGiB = memoryGiB
    self.tile = tile
    self.sharedMemoryGroup = sharedMemoryGroup
    self.efficiency = efficiency
    self.vendor = vendor
    self.backend = backend
    self.memoryType = memoryType
    self.given = .all
    self.sources = [:]
    self.power = kind.defaultPower(memoryType: memoryType)
    self.uncertainty = nil
  }
}

/// `cpu`, `npu`, `igpu` or `gpu`.
public enum DeviceKind: String, Sendable, CaseIterable {
  case cpu, npu, igpu, gpu
}

/// A device's efficiencies: global compute and memory values, per-kind
/// overrides and optional curves over tokens processed per pass.
public struct Efficiency: Sendable, Equatable {
  /// Fraction of peak TOPS achieved, in (0, 1].
  public var compute: Double
  /// Fraction of peak bandwidth achieved, in (0, 1].
  public var memory: Double
  /// Per operator kind overrides; either value may be absent.
  public var byKind: [OpKind: KindEfficiency]
  /// Replaces ``compute`` as a function of tokens processed in the pass.
  public var computeCurve: EfficiencyCurve?
  /// Replaces ``memory`` as a function of tokens processed in the pass.
  public var memoryCurve: EfficiencyCurve?

  /// Creates efficiencies.
  public init(
    compute: Double, memory: Double, byKind: [OpKind: KindEfficiency] = [:],
    computeCurve: EfficiencyCurve? = nil, memoryCurve: EfficiencyCurve? = nil
  ) {
    self.compute = compute
    self.memory = memory
    self.byKind = byKind
    self.computeCurve = computeCurve
    self.memoryCurve = memoryCurve
  }
}

/// Per-kind efficiency overrides.
public struct KindEfficiency: Sendable, Equatable {
  /// Compute efficiency for this kind, if overridden.
  public var compute: Double?
  /// Memory efficiency for this kind, if overridden.
  public var memory: Double?
  /// A compute-efficiency curve over tokens per pass for this kind, when it
  /// has no `compute` of its own: attention kernels, whose efficiency grows
  /// with the queries per head differently from the GEMMs'.
  public var computeCurve: EfficiencyCurve?

  /// Creates overrides.
  public init(
    compute: Double? = nil, memory: Double? = nil, computeCurve: EfficiencyCurve? = nil
  ) {
    self.compute = compute
    self.memory = memory
    self.computeCurve = computeCurve
  }
}

/// An efficiency as a function of a shape dimension (tokens processed in the
/// pass), interpolated linearly in log2 and clamped at the end points.
public struct EfficiencyCurve: Sendable, Equatable {
  /// The dimension the curve is over; `tokens` is the one defined.
  public var over: String
  /// (tokens, efficiency) points, sorted by tokens.
  public var points: [(Double, Double)]

  /// Creates a curve.
  public init(over: String = "tokens", points: [(Double, Double)]) {
    self.over = over
    self.points = points.sorted { $0.0 < $1.0 }
  }

  public static func == (lhs: EfficiencyCurve, rhs: EfficiencyCurve) -> Bool {
    lhs.over == rhs.over && lhs.points.count == rhs.points.count
      && zip(lhs.points, rhs.points).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
  }
}
