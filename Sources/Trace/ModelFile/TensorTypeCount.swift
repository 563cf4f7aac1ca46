/// How many tensors, elements and bytes one storage type accounts for.
package struct TensorTypeCount: Sendable, Equatable {
  /// The type.
  package var type: TensorType
  /// Tensors of that type.
  package var tensors: Int
  /// Their elements.
  package var elements: Int
  /// Their bytes.
  package var bytes: Int

  /// The counts of `tensors` by type, largest share of bytes first (ties by
  /// name), so a Q4_K_M file reads Q4_K, Q6_K, F32.
  package static func counts(_ tensors: some Sequence<ModelTensor>) -> [TensorTypeCount] {
    var byType: [TensorType: TensorTypeCount] = [:]
    for t in tensors {
      var c = byType[t.type] ?? TensorTypeCount(type: t.type, tensors: 0, elements: 0, bytes: 0)
      c.tensors += 1
      c.elements += t.elements
      c.bytes += t.bytes
      byType[t.type] = c
    }
    return byType.values.sorted {
      ($0.bytes, $1.type.name) > ($1.bytes, $0.type.name)
    }
  }

  /// `Q4_K: 193 tensors, Q6_K: 33, F32: 65`.
  package static func describe(_ counts: [TensorTypeCount]) -> String {
    counts.enumerated().map { i, c in
      "\(c.type.name): \(c.tensors)" + (i == 0 ? (c.tensors == 1 ? " tensor" : " tensors") : "")
    }.joined(separator: ", ")
  }
}
