/// Reciprocal and reciprocal square root as accelerators approximate them
/// (Table 2: elementwise add and multiply): a seed plus two Newton steps.
package enum Inverse {
  /// 1/x: a seed (1 op) + 2 Newton steps y ← y·(2 − x·y) of 3 ops = 7 ops.
  package static let opsPerElement: Double = 7
  /// 1/√x: a seed (1 op) + x/2 (1 op) + 2 Newton steps y ← y·(1.5 − (x/2)·y·y)
  /// of 4 ops = 10 ops.
  package static let sqrtOpsPerElement: Double = 10

  /// Ops of `elements` reciprocals.
  package static func ops(elements: Double) -> Double { elements * opsPerElement }
}
