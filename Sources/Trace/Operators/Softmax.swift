/// Softmax over `rows` rows holding `elements` values in all (Table 2: NLF,
/// elementwise add, multiply, inverse).
package enum Softmax {
  /// Per element: max, subtract, exp (the non-linear function), sum and the
  /// multiply by the row's reciprocal (4 ops + exp); per row one reciprocal.
  /// The 1/√d scale is folded into Q and the causal mask into which scores are
  /// computed. Reads and writes every element (eager); a fused (flash) kernel
  /// keeps them on chip, see ``Attention``.
  package static func cost(
    rows: Double, elements: Double, bytes: Double, mode: WorkloadOptions.Nonlinear
  ) -> OpCost {
    OpCost(
      ops: elements * (4 + NonLinear.opsPerElement(mode)) + Inverse.ops(elements: rows),
      read: BytesRead(activations: elements * bytes + NonLinear.tableBytes(mode, bytes: bytes)),
      written: BytesWritten(activations: elements * bytes))
  }
}
