import Trace

extension Device {
  /// Sets one compute efficiency for every operator: the global value
  /// replaces the curve and every per-kind compute value (per-kind memory
  /// values stay). What ``DeviceOverrides`` and a sweep's
  /// `compute-efficiency` axis do.
  package mutating func setComputeEfficiency(_ value: Double) {
    given.insert(.computeEfficiency)
    efficiency.compute = value
    efficiency.computeCurve = nil
    efficiency.byKind = efficiency.byKind.mapValues {
      KindEfficiency(compute: nil, memory: $0.memory)
    }.filter { $0.value.memory != nil }
  }

  /// Sets one memory efficiency for every operator (see
  /// ``setComputeEfficiency(_:)``).
  package mutating func setMemoryEfficiency(_ value: Double) {
    given.insert(.memoryEfficiency)
    efficiency.memory = value
    efficiency.memoryCurve = nil
    efficiency.byKind = efficiency.byKind.mapValues {
      KindEfficiency(compute: $0.compute, memory: nil)
    }.filter { $0.value.compute != nil }
  }
}
