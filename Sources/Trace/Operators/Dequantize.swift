/// (De)quantization (Table 1: shift + scale, 2 ops per element).
package enum Dequantize {
  /// Dequantizing a `k × n` weight matrix inside the GEMM kernel: the
  /// format's ops per weight (2 for shift + scale, 1 for scale only) and the
  /// reads of its scales and zero points (appendix 8.1: (k/g)·n scales in the
  /// activation dtype and (k/g)·n zeros in the weight dtype for the paper's
  /// scheme). Nothing is written: the values stay in the kernel.
  package static func weights(k: Int, n: Int, format: WeightFormat) -> OpCost {
    let count = product(k, n)
    return OpCost(
      ops: count * format.dequantOpsPerWeight,
      read: BytesRead(weights: count * format.overheadBytesPerWeight))
  }

  /// Quantizing `elements` activations on the fly (integer activations):
  /// 2 ops per element (scale and shift, Table 1), reading them in the float
  /// dtype and writing them in the integer dtype plus one scale per group.
  package static func quantize(
    elements: Double, from: DType, to: DType, group: Int = 128
  ) -> OpCost {
    OpCost(
      ops: 2 * elements, read: BytesRead(activations: elements * from.bytes),
      written: BytesWritten(
        activations: elements * to.bytes + elements / Double(group) * from.bytes))
  }
}
