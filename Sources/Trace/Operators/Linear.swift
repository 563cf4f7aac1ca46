/// Linear (GEMM + bias), the paper's appendix 8.1: `[m, k] × [k, n]`.
///
/// ops = 2mkn − mn (+ mn with bias); reads m·k activations, the weights
/// (k·n at `weightBytesPerElement`) and n bias values (activation dtype);
/// writes m·n outputs.
package enum Linear {
  /// The cost of one Linear. `weightBytesPerElement` is the stored bytes of
  /// the values only (scales and zeros belong to ``Dequantize``).
  package static func cost(
    m: Int, k: Int, n: Int, bias: Bool, activationBytes: Double, weightBytesPerElement: Double,
    outputBytes: Double? = nil
  ) -> OpCost {
    let mn = product(m, n)
    var ops = 2 * product(m, k, n) - mn
    var weights = product(k, n) * weightBytesPerElement
    if bias {
      ops += mn
      weights += Double(n) * activationBytes
    }
    return OpCost(
      ops: ops,
      read: BytesRead(activations: product(m, k) * activationBytes, weights: weights),
      written: BytesWritten(activations: mn * (outputBytes ?? activationBytes)))
  }
}
