import Trace

extension OpKind {
  /// The number of kinds: the stride of per-kind lookup tables.
  static let count = OpKind.allCases.count

  /// A dense 0-based index for lookup tables, without a search for the known
  /// kinds.
  @inline(__always) var tableIndex: Int {
    switch self {
    case .gemm: return 0
    case .bmm: return 1
    case .softmax: return 2
    case .elementwise: return 3
    case .norm: return 4
    case .rope: return 5
    case .activation: return 6
    case .quantize: return 7
    case .dequantize: return 8
    case .embedding: return 9
    case .kvCache: return 10
    case .moeRouter: return 11
    case .lora: return 12
    case .hadamard: return 13
    }
  }
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
