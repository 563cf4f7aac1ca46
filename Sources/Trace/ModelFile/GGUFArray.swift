/// A GGUF metadata array: elements of one type, kept in typed Swift arrays
/// (so a 150,000-entry token-type array is 600 KB, not 150,000 enum values).
package enum GGUFArray: Sendable, Equatable {
  case uint8([UInt8])
  case int8([Int8])
  case uint16([UInt16])
  case int16([Int16])
  case uint32([UInt32])
  case int32([Int32])
  case uint64([UInt64])
  case int64([Int64])
  case float32([Float])
  case float64([Double])
  case bool([Bool])
  case string([String])
  /// Arrays of arrays: each inner array carries its own element type.
  case array([GGUFArray])

  /// Its element type.
  package var elementType: GGUFValueType {
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

  /// Number of elements.
  package var count: Int {
    switch self {
    case .uint8(let a): return a.count
    case .int8(let a): return a.count
    case .uint16(let a): return a.count
    case .int16(let a): return a.count
    case .uint32(let a): return a.count
    case .int32(let a): return a.count
    case .uint64(let a): return a.count
    case .int64(let a): return a.count
    case .float32(let a): return a.count
    case .float64(let a): return a.count
    case .bool(let a): return a.count
    case .string(let a): return a.count
    case .array(let a): return a.count
    }
  }

  /// The elements as Ints, for integer arrays whose every element fits;
  /// nil otherwise.
  package var integers: [Int]? {
    switch self {
    case .uint8(let a): return a.map(Int.init)
    case .int8(let a): return a.map(Int.init)
    case .uint16(let a): return a.map(Int.init)
    case .int16(let a): return a.map(Int.init)
    case .uint32(let a): return a.map(Int.init)
    case .int32(let a): return a.map(Int.init)
    case .int64(let a): return a.map(Int.init)
    case .uint64(let a):
      var out: [Int] = []
      out.reserveCapacity(a.count)
      for v in a {
        guard let i = Int(exactly: v) else { return nil }
        out.append(i)
      }
      return out
    default: return nil
    }
  }
}
