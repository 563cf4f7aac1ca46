import Trace

/// One point of a sweep: its index in the grid and each axis's value.
package struct SweepPoint: Sendable, Equatable {
  /// The index in the full grid (the `point` column of `sweep.csv`).
  package var index: Int
  /// One setting per axis, in axis order.
  package var values: [Setting]

  /// An axis's value at this point.
  package struct Setting: Sendable, Equatable {
    /// The axis.
    package var name: SweepAxis.Name
    /// Its value.
    package var value: SweepValue
  }

  /// The value of axis `name`, if varied.
  package func value(of name: SweepAxis.Name) -> SweepValue? {
    values.first { $0.name == name }?.value
  }

  /// The `device` axis's value (a preset name or file path), if varied.
  package var deviceName: String? { value(of: .device)?.text }

  /// The `model` axis's value (a preset name or path), if varied.
  package var modelName: String? { value(of: .model)?.text }

  /// The `runtime` axis's value, if varied.
  package var runtime: Runtime? { value(of: .runtime)?.runtime }

  /// The workload axes' values, `name=value` joined by spaces: points with
  /// the same key share an op trace.
  package var workloadKey: String {
    values.filter { $0.name.isWorkload }.map { "\($0.name.name)=\($0.value.text)" }
      .joined(separator: " ")
  }

  /// `options` with this point's workload axes set (their values were
  /// parsed once, with the axis).
  package func apply(to options: inout WorkloadOptions) {
    for setting in values { setting.value.setting?.apply(to: &options) }
  }

  /// `device` with this point's device-field axes set: `tops` replaces
  /// every `peak_tops` entry; an efficiency replaces the global value and
  /// drops the curve and per-kind values for it (one efficiency for every
  /// operator, as `--compute-efficiency` / `--memory-efficiency` do).
  package func apply(to device: inout Device) {
    for setting in values {
      guard let v = setting.value.number else { continue }
      switch setting.name {
      case .tops: device.peakTops = device.peakTops.mapValues { _ in v }
      case .bandwidth: device.bandwidthGBs = v
      case .dispatchUs: device.dispatchUs = v
      case .powerCap: device.power.capW = v
      case .computeEfficiency: device.setComputeEfficiency(v)
      case .memoryEfficiency: device.setMemoryEfficiency(v)
      default: break
      }
    }
  }
}
