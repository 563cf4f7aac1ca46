/// Token embedding lookup (Table 1). No arithmetic: 0 ops (Table 1 prints 1,
/// a constant we drop).
package enum Embedding {
  /// `table`: the whole vocab × hidden table is read every pass (the paper's
  /// accounting); `rows`: only the `tokens` rows used. Writes tokens × hidden
  /// in `bytes` per element; the table is read at `tableBytes` per element
  /// (as a model file stores it), `bytes` when not given.
  package static func cost(
    tokens: Int, vocab: Int, hidden: Int, bytes: Double, mode: WorkloadOptions.EmbeddingRead,
    tableBytes: Double? = nil
  ) -> OpCost {
    let rows = mode == .table ? product(vocab, hidden) : product(tokens, hidden)
    return OpCost(
      ops: 0, read: BytesRead(weights: rows * (tableBytes ?? bytes)),
      written: BytesWritten(activations: product(tokens, hidden) * bytes))
  }
}
