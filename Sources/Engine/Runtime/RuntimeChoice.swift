import Trace

/// Which runtime runs on which device of a run.
public enum RuntimeChoice: Sendable, Equatable {
  /// The default rule: GGUF weights select, per device, the llama.cpp
  /// runtime of its backend (``Runtime/llamaCpp(for:)``); anything else runs
  /// `ideal`.
  case automatic
  /// One runtime on every device.
  case everywhere(Runtime)
  /// A runtime per device key; devices not named follow the default rule.
  case perDevice([String: Runtime])

  /// The runtime of device `key`, given the weights the workload runs with.
  func runtime(for key: String, device: Device, weights: WorkloadOptions.WeightChoice?) -> Runtime {
    switch self {
    case .everywhere(let runtime): return runtime
    case .perDevice(let map):
      if let runtime = map[key] { return runtime }
      return RuntimeChoice.automatic.runtime(for: key, device: device, weights: weights)
    case .automatic:
      guard case .quantized(let format)? = weights, format.isGGUF else { return .ideal }
      return Runtime.llamaCpp(for: device) ?? .ideal
    }
  }
}

extension Runtime {
  /// The llama.cpp runtime of `device`'s backend: its `backend` if given,
  /// else by vendor (NVIDIA → cuda, AMD discrete GPUs → rocm, Apple → metal,
  /// other GPUs → vulkan, CPUs → cpu); nil for NPUs, which llama.cpp does
  /// not run on.
  public static func llamaCpp(for device: Device) -> Runtime? {
    if device.kind == .npu { return nil }
    let backend: DeviceBackend
    if let given = device.backend, given != .npu {
      backend = given
    } else if device.kind == .cpu {
      backend = .cpu
    } else {
      switch device.vendor {
      case .nvidia: backend = .cuda
      case .amd: backend = device.kind == .gpu ? .rocm : .vulkan
      case .apple: backend = .metal
      default: backend = .vulkan
      }
    }
    return named("llama.cpp-" + backend.rawValue)
  }
}

extension WeightFormat {
  /// Whether this is a GGUF (llama.cpp) format.
  package var isGGUF: Bool { WeightFormat.ggufNames.contains(name) }
}

extension RuntimeChoice {
  /// Parses `NAME` (one runtime everywhere, a name or a runtime JSON path),
  /// `auto` (the default rule) or `KEY=NAME,KEY=NAME` (per device key): the
  /// one grammar of `--runtime` and of a scenario's `runtime` string.
  /// Errors are at `location` (``RunParameter/runtime`` by default).
  public static func parse(
    _ text: String, relativeTo file: String? = nil,
    at location: ErrorLocation = ErrorLocation(origin: .parameter(.runtime))
  ) throws(LifeError) -> RuntimeChoice {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.lowercased() == "auto" { return .automatic }
    guard trimmed.contains("=") else {
      return .everywhere(try Runtime.resolve(trimmed, relativeTo: file, at: location))
    }
    let map = try DeviceKeyList.parse(
      trimmed, list: "not a runtime list",
      expected: "NAME, auto, or KEY=NAME,KEY=NAME with device keys", at: location
    ) { (value) throws(LifeError) in
      try Runtime.resolve(
        value.trimmingCharacters(in: .whitespaces), relativeTo: file, at: location)
    }
    return .perDevice(map)
  }

  /// A scenario's `runtime`: a string in the `--runtime` grammar, or an
  /// object of device key → runtime name (or runtime JSON path, relative to
  /// the scenario).
  package init(node: JSONNode, relativeTo file: String?) throws(LifeError) {
    if case .object = node.value {
      var map: [String: Runtime] = [:]
      for (key, value) in try node.members() {
        map[key] = try Runtime.resolve(
          try value.string(), relativeTo: file, at: value.location)
      }
      self = .perDevice(map)
      return
    }
    self = try RuntimeChoice.parse(try node.string(), relativeTo: file, at: node.location)
  }

  /// Checks that a per-device choice names only `deviceKeys`; the error is
  /// at ``RunParameter/runtime``.
  public func check(deviceKeys: [String]) throws(LifeError) {
    for key in self.deviceKeys where !deviceKeys.contains(key) {
      throw LifeError.usage(
        .parameter(.runtime), "no device with key '\(key)'",
        expected: "KEY=NAME with KEY one of " + deviceKeys.joined(separator: ", "),
        suggestion: DidYouMean.suggest(key, among: deviceKeys))
    }
  }

  /// The device keys a per-device choice names.
  package var deviceKeys: [String] {
    if case .perDevice(let map) = self { return map.keys.sorted() }
    return []
  }

  /// The runtime whose defaults and accounting a workload with no devices
  /// follows (`life workload`): the one named, else llama.cpp's for GGUF
  /// weights (its defaults are the same on every backend), else `ideal`.
  public func workloadRuntime(weights: WorkloadOptions.WeightChoice?) -> Runtime {
    switch self {
    case .everywhere(let runtime): return runtime
    case .perDevice: return .ideal
    case .automatic:
      guard case .quantized(let format)? = weights, format.isGGUF else { return .ideal }
      return Runtime.named("llama.cpp-cpu") ?? .ideal
    }
  }
}

extension Runtime {
  /// `model` under `options` as this runtime runs it: its defaults for the
  /// options not set explicitly, and its accounting.
  public func workload(model: ModelConfig, options: WorkloadOptions) throws(LifeError) -> Workload {
    try Workload(
      model: model, options: options.applyingDefaults(defaults), accounting: accounting)
  }
}
