import Trace

/// One `--vary` axis: a name and the values it takes, in order.
public struct SweepAxis: Sendable, Equatable {
  /// What the axis varies.
  public var name: Name
  /// Its values, in the order given.
  public var values: [SweepValue]

  /// Creates an axis.
  public init(name: Name, values: [SweepValue]) {
    self.name = name
    self.values = values
  }

  /// The names `--vary` accepts: workload flags, device fields and `device`.
  public enum Name: String, Sendable, CaseIterable, Equatable {
    case prompt, generate, batch, chunk
    case loraRank = "lora-rank"
    case weights, kv
    /// Replaces every entry of the device's `peak_tops`.
    case tops
    /// The device's `bandwidth_gb_s`.
    case bandwidth
    case computeEfficiency = "compute-efficiency"
    case memoryEfficiency = "memory-efficiency"
    case dispatchUs = "dispatch-us"
    /// A device preset name or device JSON path.
    case device

    /// Whether the axis changes the workload (and so the op trace).
    public var isWorkload: Bool {
      switch self {
      case .prompt, .generate, .batch, .chunk, .loraRank, .weights, .kv: return true
      default: return false
      }
    }

    /// Whether values are integers.
    var isInteger: Bool {
      switch self {
      case .prompt, .generate, .batch, .chunk, .loraRank: return true
      default: return false
      }
    }

    /// Whether values are text (no ranges).
    var isText: Bool { self == .weights || self == .kv || self == .device }

    /// What a value must be, for errors.
    var expected: String {
      switch self {
      case .prompt, .generate: return "integers ≥ 0"
      case .batch, .chunk, .loraRank: return "integers ≥ 1"
      case .weights: return WorkloadOptions.expected(for: "weights")
      case .kv: return WorkloadOptions.expected(for: "kv")
      case .tops: return "numbers > 0 (TOPS)"
      case .bandwidth: return "numbers > 0 (GB/s)"
      case .computeEfficiency, .memoryEfficiency: return "numbers in (0, 1]"
      case .dispatchUs: return "numbers ≥ 0 (µs)"
      case .device: return "device preset names or device JSON paths"
      }
    }
  }
}

/// One value of an axis: its text as written to `sweep.csv` and, for
/// numeric axes, its number.
public struct SweepValue: Sendable, Equatable {
  /// The value as written to `sweep.csv` (numbers in canonical form).
  public var text: String
  /// The number, for numeric axes.
  public var number: Double?

  /// A text value.
  public init(text: String) {
    self.text = text
    self.number = nil
  }

  /// A numeric value; the text is its canonical form.
  public init(number: Double) {
    self.text = JSONFormat.number(number)
    self.number = number
  }
}
