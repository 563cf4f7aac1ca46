/// Elementwise binary operators (add, multiply) over `[m, n]` (Table 1):
/// mn ops; reads 2mn, writes mn.
package enum Elementwise {
  /// The cost over `elements` = m·n values of `bytes` each.
  package static func cost(elements: Double, bytes: Double) -> OpCost {
    OpCost(
      ops: elements, read: BytesRead(activations: 2 * elements * bytes),
      written: BytesWritten(activations: elements * bytes))
  }
}
