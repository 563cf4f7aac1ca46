import Engine
import Trace

/// Device flags shared by `forecast` and `sweep`.
extension FlagSpec {
  /// What `--device` and friends accept.
  static let deviceValues = "a preset name from 'life devices' or a path to a device JSON file"

  /// `--runtime`.
  static let runtime = FlagSpec.option(
    "runtime", "NAME",
    "the software that runs the model (see 'life runtimes')",
    values: "a runtime name or JSON file, auto, or KEY=NAME,... per device",
    default: "auto (llama.cpp for GGUF weights, else ideal)")

  /// `--power-cap-w`.
  static let powerCap = FlagSpec.option(
    "power-cap-w", "[KEY=]W",
    "keep each pass's average power on every device (or device KEY) at or under W watts by"
      + " lowering the compute rate; W/B@S allows B watts for the first S seconds",
    values: "watts > the device's idle_w, W/B@S for a burst, or KEY=...,... per device",
    default: "no cap (the device's power.cap_w if it gives one)")

  /// `--overlap`.
  static let overlap = FlagSpec.option(
    "overlap", "MODE",
    "op: each operator lasts dispatch + max(compute, memory); phase: compute and memory as two"
      + " pipelines per pass",
    values: Overlap.allCases.map(\.rawValue).joined(separator: " or "), default: "op")

  /// `--compute-efficiency`, `--memory-efficiency`, `--dispatch-us`.
  static let deviceOverrides: [FlagSpec] = [
    .option(
      "compute-efficiency", "X", "override every device's compute efficiency",
      values: "a number in (0, 1]", default: "the device's"),
    .option(
      "memory-efficiency", "Y", "override every device's memory efficiency",
      values: "a number in (0, 1]", default: "the device's"),
    .option(
      "dispatch-us", "U", "override every device's dispatch latency per kernel call, in µs",
      values: "a number ≥ 0", default: "the device's"),
  ]
}

extension ParsedArguments {
  /// `--runtime`, or the default rule when absent.
  func runtimeChoice() throws(LifeError) -> RuntimeChoice {
    guard let text = try text("runtime") else { return .automatic }
    return try RuntimeChoice.parse(text)
  }

  /// `--power-cap-w`, or nil when absent.
  func powerCap() throws(LifeError) -> PowerCap? {
    guard let text = try text("power-cap-w") else { return nil }
    return try PowerCap.parse(text)
  }

  /// `--compute-efficiency`, `--memory-efficiency` and `--dispatch-us`.
  func deviceOverrides() throws(LifeError) -> DeviceOverrides {
    DeviceOverrides(
      computeEfficiency: try efficiency("compute-efficiency"),
      memoryEfficiency: try efficiency("memory-efficiency"),
      dispatchUs: try number("dispatch-us", min: 0, max: 1e9))
  }

  /// An efficiency in (0, 1]; below ``Device/minimumRate`` every time would
  /// overflow to infinity.
  private func efficiency(_ name: String) throws(LifeError) -> Double? {
    guard let value = try number(name, min: 0, max: 1, exclusiveMin: true) else { return nil }
    guard value >= Device.minimumRate else {
      throw LifeError.usage(
        .argument("--" + name), "number too small", got: "'\(self.value(name) ?? "")'",
        expected: "a number in (0, 1], at least 1e-9")
    }
    return value
  }
}
