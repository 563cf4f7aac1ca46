/// RMSNorm and LayerNorm over `[rows, cols]` (Table 2: elementwise add,
/// multiply, inverse square root).
package enum Norm {
  /// The kind of normalisation.
  package enum Kind: Sendable { case rms, layer }

  /// RMSNorm: per element square, sum, scale by 1/rms, scale by weight (4
  /// ops); per row mean, + eps and 1/√ (2 + 10 ops). LayerNorm: per element
  /// sum, subtract mean, square, sum, scale, weight, bias (7 ops); per row
  /// two means, + eps and 1/√ (3 + 10). Reads the input and the weights (and
  /// bias), writes the output.
  package static func cost(rows: Double, cols: Int, bytes: Double, kind: Kind = .rms) -> OpCost {
    let elements = rows * Double(cols)
    let perElement: Double = kind == .rms ? 4 : 7
    let perRow: Double = (kind == .rms ? 2 : 3) + Inverse.sqrtOpsPerElement
    let params = Double(cols) * (kind == .rms ? 1 : 2)
    return OpCost(
      ops: elements * perElement + rows * perRow,
      read: BytesRead(activations: elements * bytes, weights: params * bytes),
      written: BytesWritten(activations: elements * bytes))
  }
}
