/// One GGUF metadata value, of any of the thirteen GGUF value types.
package enum GGUFValue: Sendable, Equatable {
  case uint8(UInt8)
  case int8(Int8)
  case uint16(UInt16)
  case int16(Int16)
  case uint32(UInt32)
  case int32(Int32)
  case uint64(UInt64)
  case int64(Int64)
  case float32(Float)
  case float64(Double)
  case bool(Bool)
  case string(String)
  case array(GGUFArray)

  /// Its GGUF type.
  package var type: GGUFValueType {
    switch self {
    case .uint8: return .uint8
    case .int8: return .int8
    case .uint16: return .uint16
    case .int16: return .int16
    case .uint32: return .uint32
    case .int32: return .int32
    case .uint64: return .uint64
    case .int64: return .int64
    case .float32: return .float32
    case .float64: return .float64
    case .bool: return .bool
    case .string: return .string
    case .array: return .array
    }
  }

  /// The value as an Int, when it is an integer of any width that fits.
  package var integer: Int? {
    switch self {
    case .uint8(let v): return Int(v)
    case .int8(let v): return Int(v)
    case .uint16(let v): return Int(v)
    case .int16(let v): return Int(v)
    case .uint32(let v): return Int(v)
    case .int32(let v): return Int(v)
    case .uint64(let v): return Int(exactly: v)
    case .int64(let v): return Int(v)
    default: return nil
    }
  }

  /// The value as a Double, when it is a number (integer or float).
  package var number: Double? {
    switch self {
    case .float32(let v): return Double(v)
    case .float64(let v): return v
    case .uint64(let v): return Double(v)
    default: return integer.map(Double.init)
    }
  }

  /// The string, when it is one.
  package var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The array, when it is one.
  package var array: GGUFArray? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// A short rendering for error messages: the value, or an array's type
  /// and length.
  package var brief: String {
    switch self {
    case .string(let s): return "'" + (s.count > 40 ? s.prefix(40) + "..." : s) + "'"
    case .array(let a): return "an array of \(a.count) \(a.elementType.name)"
    case .bool(let b): return String(b)
    case .float32(let v): return String(v)
    case .float64(let v): return String(v)
    case .uint64(let v): return String(v)
    default: return integer.map(String.init) ?? type.name
    }
  }
}
