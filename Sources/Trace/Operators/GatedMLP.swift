/// A gated MLP (Table 2): gate and up Linears `[m, h] × [h, i]`, the
/// activation on gate, the elementwise product, and down `[m, i] × [i, h]`.
package enum GatedMLP {
  /// The total cost of the five operators, unfused and unquantized.
  package static func cost(
    m: Int, hidden: Int, intermediate: Int, bytes: Double, mode: WorkloadOptions.Nonlinear
  ) -> OpCost {
    let gate = Linear.cost(
      m: m, k: hidden, n: intermediate, bias: false, activationBytes: bytes,
      weightBytesPerElement: bytes)
    let down = Linear.cost(
      m: m, k: intermediate, n: hidden, bias: false, activationBytes: bytes,
      weightBytesPerElement: bytes)
    let elements = product(m, intermediate)
    return gate + gate + Activation.cost(elements: elements, bytes: bytes, mode: mode)
      + Elementwise.cost(elements: elements, bytes: bytes) + down
  }
}
