import Trace

/// What a device's runtime costs beyond the operators' compute and memory
/// time, as the simulator uses it: the kernels it launches, the seconds of
/// one launch and of each pass's host work, and which peak its kernels
/// reach.
package struct DeviceCosts: Sendable, Equatable {
  /// The runtime's name.
  package var runtime: String
  /// Its kernel graph; nil: each operator's own dispatch calls.
  var kernels: KernelGraph?
  /// Which peak its kernels reach.
  var peaks: PeakPolicy
  /// µs per dispatch call (kernel launch), by phase.
  var launchUs: PhaseValues
  /// µs of host work per pass, by phase.
  var hostUs: PhaseValues

  /// The version 1 costs: the device's dispatch latency per operator call,
  /// no host work, compute dtype peaks.
  package static func ideal(_ device: Device) -> DeviceCosts {
    DeviceCosts(
      runtime: "ideal", kernels: nil, peaks: .computeType,
      launchUs: PhaseValues(prefill: device.dispatchUs, decode: device.dispatchUs),
      hostUs: PhaseValues(prefill: 0, decode: 0))
  }
}

extension Device {
  /// The peak TOPS under `peak_tops` key `key`, falling back to the closest
  /// rate the device lists: `fp16_acc32` → `bf16` → `fp16`; `bf16` →
  /// `fp16_acc32` → `fp16`; `fp8`, `int8`, `int4`, `fp4` → `fp16`; then
  /// `default`. Nil when none is given.
  func peakTops(forKey key: String) -> Double? {
    if let value = peakTops[key] { return value }
    let fallbacks: [String]
    switch key {
    case "fp16_acc32": fallbacks = ["bf16", "fp16"]
    case "bf16": fallbacks = ["fp16_acc32", "fp16"]
    case "fp16": fallbacks = ["fp16_acc32", "bf16"]
    case "fp8", "int8", "int4", "fp4": fallbacks = ["fp16"]
    default: fallbacks = []
    }
    for k in fallbacks { if let value = peakTops[k] { return value } }
    return peakTops["default"]
  }
}
