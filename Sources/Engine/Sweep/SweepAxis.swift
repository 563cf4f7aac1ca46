import Trace

/// One `--vary` axis: a name and the values it takes, in order.
package struct SweepAxis: Sendable, Equatable {
  /// What the axis varies.
  package var name: Name
  /// Its values, in the order given.
  package var values: [SweepValue]

  /// Creates an axis.
  package init(name: Name, values: [SweepValue]) {
    self.name = name
    self.values = values
  }

  /// What an axis varies: a workload option of the catalogue, a device
  /// field, the device itself, the runtime or the model.
  package enum Name: Sendable, Hashable {
    /// A workload option (its values are parsed by the option's parser).
    case option(WorkloadOption)
    /// Replaces every entry of the device's `peak_tops`.
    case tops
    /// The device's `bandwidth_gb_s`.
    case bandwidth
    /// Every operator's compute efficiency.
    case computeEfficiency
    /// Every operator's memory efficiency.
    case memoryEfficiency
    /// The device's dispatch latency per kernel call.
    case dispatchUs
    /// A cap on each pass's average power, W (``DevicePower/capW``).
    case powerCap
    /// A device preset name or device JSON path.
    case device
    /// A runtime name (``Runtime``) or runtime JSON path.
    case runtime
    /// A model preset name, config.json or folder, or GGUF file.
    case model

    package static let prompt = Name.option(.prompt)
    package static let generate = Name.option(.generate)
    package static let batch = Name.option(.batch)
    package static let chunk = Name.option(.chunk)
    package static let loraRank = Name.option(.loraRank)
    package static let weights = Name.option(.weights)
    package static let kv = Name.option(.kv)

    /// Every name, in the order help lists them: the workload options, then
    /// the device fields, then `device`.
    package static let all: [Name] =
      WorkloadOption.allCases.map(Name.option)
      + [
        .tops, .bandwidth, .computeEfficiency, .memoryEfficiency, .dispatchUs, .powerCap, .device,
        .runtime, .model,
      ]

    /// The name as `--vary` and `sweep.csv` spell it.
    package var name: String {
      switch self {
      case .option(let option): return option.name
      case .tops: return "tops"
      case .bandwidth: return "bandwidth"
      case .computeEfficiency: return "compute-efficiency"
      case .memoryEfficiency: return "memory-efficiency"
      case .dispatchUs: return "dispatch-us"
      case .powerCap: return "power-cap"
      case .device: return "device"
      case .runtime: return "runtime"
      case .model: return "model"
      }
    }

    /// The axis called `name` (case-insensitive), if any.
    package init?(named name: String) {
      let lowered = name.lowercased()
      guard let found = Name.all.first(where: { $0.name == lowered }) else { return nil }
      self = found
    }

    /// The workload option the axis sets, if it is one.
    package var option: WorkloadOption? {
      if case .option(let option) = self { return option }
      return nil
    }

    /// Whether the axis changes the workload (and so the op trace): a
    /// workload option, the runtime (its defaults and accounting) or the
    /// model.
    package var isWorkload: Bool { option != nil || self == .runtime || self == .model }

    /// Whether values are numbers, so a range may give them.
    var isNumeric: Bool {
      option.map(\.isInteger) ?? (self != .device && self != .runtime && self != .model)
    }

    /// What a value must be, for errors.
    var expected: String {
      switch self {
      case .option(let option): return option.accepted
      case .tops: return "numbers in [1e-9, 1e9] (TOPS)"
      case .bandwidth: return "numbers in [1e-9, 1e9] (GB/s)"
      case .computeEfficiency, .memoryEfficiency: return "numbers in (0, 1]"
      case .dispatchUs: return "numbers ≥ 0 (µs)"
      case .powerCap: return "numbers > the device's idle_w (W)"
      case .device: return "device preset names or device JSON paths"
      case .runtime: return "runtime names (life runtimes) or runtime JSON paths"
      case .model: return "model preset names, config.json or folder paths, or .gguf files"
      }
    }
  }
}

/// One value of an axis: its text as written to `sweep.csv`, its number
/// for numeric axes, and for a workload axis the setting it stands for,
/// parsed once.
package struct SweepValue: Sendable, Equatable {
  /// The value as written to `sweep.csv` (numbers in canonical form).
  package var text: String
  /// The number, for numeric axes.
  package var number: Double?
  /// The workload setting, for axes that vary a workload option.
  package var setting: WorkloadSetting?

  /// The runtime, for the `runtime` axis, resolved once.
  package var runtime: Runtime?

  /// A text value (a device reference).
  package init(text: String) {
    self.text = text
  }

  /// A runtime value; the text is as written.
  package init(text: String, runtime: Runtime) {
    self.text = text
    self.runtime = runtime
  }

  /// A numeric value; the text is its canonical form.
  package init(number: Double) {
    self.text = JSONFormat.number(number)
    self.number = number
  }

  /// A workload option's value; integer settings also carry their number.
  package init(setting: WorkloadSetting) {
    self.text = setting.text
    self.setting = setting
    self.number = setting.integer.map(Double.init)
  }
}
