import Trace

extension OpKind {
  /// The number of kinds: the stride of per-kind lookup tables.
  static var count: Int { slotCount }

  /// A dense 0-based index for lookup tables: Trace's ``OpKind/slot``.
  @inline(__always) var tableIndex: Int { slot }
}

extension DType {
  /// The number of dtypes: the stride of per-dtype lookup tables.
  static let count = DType.allCases.count

  /// A dense 0-based index for lookup tables.
  @inline(__always) var tableIndex: Int {
    switch self {
    case .fp32: return 0
    case .fp16: return 1
    case .bf16: return 2
    case .fp8: return 3
    case .fp8e5m2: return 4
    case .int16: return 5
    case .int8: return 6
    case .int4: return 7
    }
  }
}
