/// A plain element data type.
public enum DType: String, Sendable, CaseIterable, Hashable {
  /// IEEE single precision.
  case fp32
  /// IEEE half precision.
  case fp16
  /// bfloat16.
  case bf16
  /// 8-bit float, E4M3 (the `fp8` of the command line).
  case fp8 = "fp8"
  /// 8-bit float, E5M2.
  case fp8e5m2 = "fp8_e5m2"
  /// 16-bit integer.
  case int16
  /// 8-bit integer.
  case int8
  /// 4-bit integer.
  case int4

  /// Bits per element.
  public var bits: Int {
    switch self {
    case .fp32: return 32
    case .fp16, .bf16, .int16: return 16
    case .fp8, .fp8e5m2, .int8: return 8
    case .int4: return 4
    }
  }

  /// Bytes per element (0.5 for 4-bit types): the paper's nbytes / qbytes.
  public var bytes: Double { Double(bits) / 8 }

  /// True for integer types.
  public var isInteger: Bool { self == .int16 || self == .int8 || self == .int4 }

  /// The key into a device's `peak_tops` (`fp8_e5m2` shares `fp8`).
  package var topsKey: String { self == .fp8e5m2 ? "fp8" : rawValue }

  /// Parses a name as the command line and Hugging Face configs spell it
  /// (`bf16`, `bfloat16`, `float16`, `fp8_e4m3`, ...).
  public init?(name: String) {
    switch name.lowercased() {
    case "fp32", "float32", "float", "f32": self = .fp32
    case "fp16", "float16", "half", "f16": self = .fp16
    case "bf16", "bfloat16": self = .bf16
    case "fp8", "fp8_e4m3", "fp8e4m3", "float8_e4m3fn", "e4m3": self = .fp8
    case "fp8_e5m2", "fp8e5m2", "float8_e5m2", "e5m2": self = .fp8e5m2
    case "int16": self = .int16
    case "int8": self = .int8
    case "int4": self = .int4
    default: return nil
    }
  }
}
