/// Activation functions of the MLP (SiLU, GELU): the non-linear function
/// (sigmoid or tanh form) evaluated as one NLF, then one multiply by x.
package enum Activation {
  /// Ops per element: the NLF's ops + 1.
  package static func opsPerElement(_ mode: WorkloadOptions.Nonlinear) -> Double {
    NonLinear.opsPerElement(mode) + 1
  }

  /// Over `elements` values: reads them (and the table), writes them.
  package static func cost(elements: Double, bytes: Double, mode: WorkloadOptions.Nonlinear)
    -> OpCost
  {
    OpCost(
      ops: elements * opsPerElement(mode),
      read: BytesRead(activations: elements * bytes + NonLinear.tableBytes(mode, bytes: bytes)),
      written: BytesWritten(activations: elements * bytes))
  }

  /// Soft-capping c·tanh(x/c) (Gemma 2): a multiply, the NLF and a multiply.
  package static func softcap(elements: Double, bytes: Double, mode: WorkloadOptions.Nonlinear)
    -> OpCost
  {
    OpCost(
      ops: elements * (2 + NonLinear.opsPerElement(mode)),
      read: BytesRead(activations: elements * bytes + NonLinear.tableBytes(mode, bytes: bytes)),
      written: BytesWritten(activations: elements * bytes))
  }
}
