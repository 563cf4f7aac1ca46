/// Elementwise binary operators (add, multiply) over `[m, n]` (Table 1):
/// mn ops; reads 2mn, writes mn.
public enum Elementwise {
  /// The cost over `elements` = m·n values of `bytes` each.
  public static func cost(elements: Double, bytes: Double) -> OpCost {
    OpCost(
      ops: elements, read: BytesRead(activations: 2 * elements * bytes),
      written: BytesWritten(activations: elements * bytes))
  }
}
