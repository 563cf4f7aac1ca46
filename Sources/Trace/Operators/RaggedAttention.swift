/// Attention over the sequences of one pass, each with its own queries and
/// keys (a ragged, variable-length batch: one kernel, as paged and varlen
/// flash attention run it). Every part is an ``Attention`` over one group of
/// alike sequences; the costs are the parts' sums. A uniform batch is one
/// part, and then every number is that part's own.
package struct RaggedAttention: Sendable {
  /// One attention per group of alike sequences (at least one).
  package var parts: [Attention]

  /// Creates a ragged attention from its parts.
  package init(_ parts: [Attention]) { self.parts = parts }

  private func sum(_ value: (Attention) -> Double) -> Double {
    if parts.count == 1 { return value(parts[0]) }
    return parts.reduce(0) { $0 + value($1) }
  }

  private func sum(_ cost: (Attention) -> OpCost) -> OpCost {
    if parts.count == 1 { return cost(parts[0]) }
    return parts.reduce(OpCost.zero) { $0 + cost($1) }
  }

  /// Sequences × heads, over every part.
  package var sequenceHeads: Int { parts.reduce(0) { $0 + $1.batch * $1.heads } }
  /// The most queries per sequence (for display shapes).
  package var queries: Int { parts.map(\.queries).max() ?? 0 }
  /// The most keys read per sequence (for display shapes).
  package var keysRead: Int { parts.map(\.keysRead).max() ?? 0 }
  /// Cached rows read: Σ sequences × keys read.
  package var keyRows: Int { parts.reduce(0) { $0 + $1.batch * $1.keysRead } }
  /// Query elements: Σ sequences × heads × queries × q/k head dim.
  package var queryElements: Double {
    sum { Double($0.batch * $0.heads) * Double($0.queries) * Double($0.qkDim) }
  }
  /// Cached elements read once, of `elementsPerToken` each: Σ sequences ×
  /// keys read × elements.
  package func cachedElements(perToken elementsPerToken: Double) -> Double {
    sum { Double($0.batch) * Double($0.keysRead) * elementsPerToken }
  }
  /// Score elements: Σ sequences × heads × scores per head.
  package var scoreElements: Double { sum { Double($0.batch * $0.heads) * $0.scoresPerHead } }

  /// Q·Kᵀ of every part.
  package func scoresBMM(fused: Bool) -> OpCost { sum { $0.scoresBMM(fused: fused) } }
  /// Softmax of every part.
  package func softmax(fused: Bool) -> OpCost { sum { $0.softmax(fused: fused) } }
  /// P·V of every part.
  package func contextBMM(fused: Bool) -> OpCost { sum { $0.contextBMM(fused: fused) } }
}
