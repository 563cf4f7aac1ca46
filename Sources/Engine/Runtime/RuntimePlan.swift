import Trace

/// A run's runtimes resolved against its devices: each device's runtime,
/// the device as used (efficiencies and launch cost from the runtime and
/// the device's class where the device did not give its own), what the
/// simulator charges beyond operators, and the runtime whose accounting the
/// workload follows (the decode device's).
package struct RuntimePlan: Sendable {
  /// Each device's runtime, in device order.
  package let runtimes: [Runtime]
  /// The devices as used.
  package let devices: [(key: String, device: Device)]
  /// The simulator's per-device costs.
  package let costs: [DeviceCosts]
  /// The runtime whose defaults and accounting the workload takes.
  package let workloadRuntime: Runtime

  /// Resolves `choice` for `devices`, for a workload with `weights`.
  package init(
    choice: RuntimeChoice, devices: [(key: String, device: Device)], mapping: Mapping,
    weights: WorkloadOptions.WeightChoice?
  ) {
    let runtimes = devices.map {
      choice.runtime(for: $0.key, device: $0.device, weights: weights)
    }
    var resolved: [(key: String, device: Device)] = []
    var costs: [DeviceCosts] = []
    for (entry, runtime) in zip(devices, runtimes) {
      let (device, cost) = runtime.resolve(entry.device, weights: weights)
      resolved.append((entry.key, device))
      costs.append(cost)
    }
    self.runtimes = runtimes
    self.devices = resolved
    self.costs = costs
    let decode = devices.firstIndex { $0.key == mapping.decode } ?? 0
    workloadRuntime = runtimes.isEmpty ? .ideal : runtimes[decode]
  }
}

extension Runtime {
  /// `device` as this runtime runs it, and the costs the simulator charges:
  /// the class's efficiencies (a GEMM curve for the device's size) and
  /// launch cost where the device gave none of its own, the class's host
  /// work, the kernel graph and peak policy.
  func resolve(_ device: Device, weights: WorkloadOptions.WeightChoice?) -> (Device, DeviceCosts) {
    var out = device
    let figures = figures(for: device) ?? Runtime.ideal.figures(for: device)
    if let figures {
      let runtime = figures.efficiency(
        gemmPeakTops: gemmPeak(on: device, weights: weights), vectorTokens: kernels?.vectorTokens)
      if !device.given.contains(.computeEfficiency) {
        out.efficiency.compute = runtime.compute
        out.efficiency.computeCurve = runtime.computeCurve
        for (kind, entry) in runtime.byKind
        where entry.compute != nil || entry.computeCurve != nil {
          out.efficiency.byKind[kind, default: KindEfficiency()].compute = entry.compute
          out.efficiency.byKind[kind, default: KindEfficiency()].computeCurve = entry.computeCurve
        }
      }
      if !device.given.contains(.memoryEfficiency) {
        out.efficiency.memory = runtime.memory
        out.efficiency.memoryCurve = nil
        for (kind, entry) in runtime.byKind where entry.memory != nil {
          out.efficiency.byKind[kind, default: KindEfficiency()].memory = entry.memory
        }
      }
    }
    var launch = PhaseValues(prefill: device.dispatchUs, decode: device.dispatchUs)
    if !device.given.contains(.dispatch), let figures {
      launch = figures.launchUs
      out.dispatchUs = figures.launchUs.decode
    }
    let host = figures?.hostUs ?? PhaseValues(prefill: 0, decode: 0)
    return (
      out,
      DeviceCosts(runtime: name, kernels: kernels, peaks: peaks, launchUs: launch, hostUs: host)
    )
  }

  /// The peak TOPS this runtime's GEMMs reach on `device` for `weights`:
  /// what a GEMM efficiency curve is scaled by.
  func gemmPeak(on device: Device, weights: WorkloadOptions.WeightChoice?) -> Double {
    let key: String?
    switch weights {
    case .quantized(let format)?:
      let plain = WorkloadOptions.WeightChoice.quantized(format).storesPlainValues
      key = plain ? peaks.plainGEMM[format.elementType] : peaks.quantizedGEMM
    case .plain(let d)?: key = peaks.plainGEMM[d]
    case nil: key = nil
    }
    return key.flatMap { device.peakTops(forKey: $0) } ?? device.peakTops["default"]
      ?? device.peakTops.values.max() ?? 1
  }
}
