import Trace

extension RunInfo {
  /// The idle power of the run's devices, W: devices of one shared-memory
  /// group are one package and count once, at the largest `idle_w` among
  /// them; every other device counts its own.
  package var idleWatts: Double {
    var total = 0.0
    var groups: [String: Double] = [:]
    var order: [String] = []
    for (_, device) in devices {
      guard let group = device.sharedMemoryGroup else {
        total += device.power.idleW
        continue
      }
      if let seen = groups[group] {
        groups[group] = max(seen, device.power.idleW)
      } else {
        groups[group] = device.power.idleW
        order.append(group)
      }
    }
    for group in order { total += groups[group] ?? 0 }
    return total
  }
}

extension PassTiming {
  /// The pass's energy, joules: `idleWatts` for its whole span plus what
  /// its operators spent above idle on every device.
  package func energy(idleWatts: Double) -> Double {
    var dynamic = 0.0
    for joules in deviceEnergy { dynamic += joules }
    return idleWatts * span.duration + dynamic
  }

  /// Device `device`'s average power over the pass, W: its idle power plus
  /// its operators' energy over the pass's span.
  package func averagePower(of device: Int, power: DevicePower) -> Double {
    let dynamic = deviceEnergy.indices.contains(device) ? deviceEnergy[device] : 0
    return power.averagePower(dynamicJoules: dynamic, seconds: span.duration)
  }
}
