import Trace

/// Memory a workload needs resident: weights, the KV cache at its peak and
/// activations at their peak (the workload's `footprint`), in bytes.
package struct Footprint: Sendable, Equatable {
  /// Weights, with quantization scales.
  package var weightsBytes: Double
  /// The KV cache at its largest (after the last step).
  package var kvCacheBytesPeak: Double
  /// The largest live activations.
  package var activationsBytesPeak: Double

  /// Creates a footprint.
  package init(weightsBytes: Double, kvCacheBytesPeak: Double, activationsBytesPeak: Double) {
    self.weightsBytes = weightsBytes
    self.kvCacheBytesPeak = kvCacheBytesPeak
    self.activationsBytesPeak = activationsBytesPeak
  }

  /// The footprint of `workload` whose op trace summed to `totals`: the
  /// numbers `workload --json` reports under `footprint`.
  package init(workload: Workload, totals: WorkloadTotals) {
    self.init(
      weightsBytes: workload.weightsBytes, kvCacheBytesPeak: workload.kvCacheBytesPeak,
      activationsBytesPeak: totals.activationsBytesPeak)
  }

  /// Everything: weights + peak KV + peak activations.
  package var totalBytes: Double { weightsBytes + kvCacheBytesPeak + activationsBytesPeak }
}

/// Whether the workload fits in each device's memory.
///
/// Every device the mapping uses must hold the whole footprint (weights,
/// peak KV cache, peak activations): a device that runs any operator needs
/// the KV cache and activations, and the weights stay where prefill and
/// decode can reach them. Devices in one shared-memory group draw on one
/// DRAM that holds the footprint once, so checking each of them against
/// the whole footprint is checking the group's pool once (not the sum of
/// the devices' shares). A device without `memory_gib`, or not used by the
/// mapping, fits.
package struct CapacityCheck: Sendable, Equatable {
  /// Device key → fits, in device order.
  package var fits: [String: Bool]
  /// The device keys in order.
  package var keys: [String]
  /// One line per device that does not fit.
  package var warnings: [String]

  /// Checks `footprint` against the devices; with `strict`, the first device
  /// that does not fit is an error.
  package init(
    footprint: Footprint, devices: [(key: String, device: Device)], mapping: Mapping,
    strict: Bool = false
  ) throws(LifeError) {
    let used = Set([mapping.prefill, mapping.decode] + mapping.byKind.values)
    fits = [:]
    keys = devices.map(\.key)
    warnings = []
    for (key, device) in devices {
      guard used.contains(key), let gib = device.memoryGiB else {
        fits[key] = true
        continue
      }
      let capacity = gib * 1_073_741_824
      let ok = footprint.totalBytes <= capacity
      fits[key] = ok
      if !ok {
        let need = footprint.totalBytes / 1_073_741_824
        let text =
          "\(key) (\(device.name)) needs \(Self.gib(need)) GiB (weights \(Self.gib(footprint.weightsBytes / 1_073_741_824)), KV \(Self.gib(footprint.kvCacheBytesPeak / 1_073_741_824)), activations \(Self.gib(footprint.activationsBytesPeak / 1_073_741_824))) but has \(Self.gib(gib)) GiB"
        if strict {
          throw LifeError(
            .failure, at: ErrorLocation(path: "devices.\(key).memory_gib"),
            "the workload does not fit in device memory", got: "\(Self.gib(need)) GiB needed",
            expected: "at most \(Self.gib(gib)) GiB")
        }
        warnings.append("does not fit: " + text)
      }
    }
  }

  static func gib(_ value: Double) -> String {
    JSONFormat.number((value * 100).rounded() / 100)
  }

  /// `footprint.fits`: device key → true or false.
  package var jsonValue: JSONValue {
    .object(keys.map { ($0, .bool(fits[$0] ?? true)) })
  }
}
