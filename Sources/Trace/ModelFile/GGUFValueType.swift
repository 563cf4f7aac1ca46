/// The type of a GGUF metadata value, numbered as `enum gguf_type` in
/// ggml's `gguf.h`.
package enum GGUFValueType: UInt32, Sendable, CaseIterable {
  case uint8 = 0
  case int8 = 1
  case uint16 = 2
  case int16 = 3
  case uint32 = 4
  case int32 = 5
  case float32 = 6
  case bool = 7
  case string = 8
  case array = 9
  case uint64 = 10
  case int64 = 11
  case float64 = 12

  /// The name ggml gives it (`uint32`, `string`, ...).
  package var name: String { String(describing: self) }

  /// Bytes of one value in the file; nil for strings and arrays, whose size
  /// is in the file.
  package var fixedSize: Int? {
    switch self {
    case .uint8, .int8, .bool: return 1
    case .uint16, .int16: return 2
    case .uint32, .int32, .float32: return 4
    case .uint64, .int64, .float64: return 8
    case .string, .array: return nil
    }
  }

  /// The fewest bytes one value can occupy: a string's 8-byte length, an
  /// array's 4-byte element type and 8-byte count.
  package var minimumSize: Int {
    switch self {
    case .string: return 8
    case .array: return 12
    default: return fixedSize ?? 1
    }
  }

  /// Every type, for error messages: `0 (uint8), 1 (int8), ...`.
  static var listing: String {
    allCases.map { "\($0.rawValue) (\($0.name))" }.joined(separator: ", ")
  }
}
