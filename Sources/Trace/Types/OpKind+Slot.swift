extension OpKind {
  /// The number of kinds: the length of per-kind tables.
  package static let slotCount = 14

  /// The kind's position in declaration order (its index in ``allCases``),
  /// without a search: the index of per-kind tables (the engine's too).
  /// Inlinable: it sits on the simulator's per-operator path.
  @inlinable package var slot: Int {
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
