/// Non-linear functions (exp, sigmoid, tanh, ...) as an accelerator evaluates
/// them (Table 1).
package enum NonLinear {
  /// Entries of the piecewise-linear table (the paper's `actfn_table_size`).
  package static let tableSize = 256
  /// Degree of the polynomial approximation evaluated by Horner's rule.
  package static let polynomialDegree = 4

  /// Operations per element: `exact` counts one transcendental instruction as
  /// 1 op; `pwl` is a slope multiply and an intercept add (2 ops, Table 1);
  /// `poly` of degree n by Horner is n multiplies and n adds (2n ops; Table 1
  /// prints the naive n(n+1)/2 + n).
  package static func opsPerElement(_ mode: WorkloadOptions.Nonlinear) -> Double {
    switch mode {
    case .exact: return 1
    case .pwl: return 2
    case .poly: return 2 * Double(polynomialDegree)
    }
  }

  /// Table bytes read once per call: `pwl` reads slope and intercept per
  /// entry; `poly` reads n + 1 coefficients; `exact` nothing.
  package static func tableBytes(_ mode: WorkloadOptions.Nonlinear, bytes: Double) -> Double {
    switch mode {
    case .exact: return 0
    case .pwl: return 2 * Double(tableSize) * bytes
    case .poly: return Double(polynomialDegree + 1) * bytes
    }
  }

  /// A unary non-linear function over `elements` values: reads them (plus
  /// the table), writes them.
  package static func cost(elements: Double, bytes: Double, mode: WorkloadOptions.Nonlinear)
    -> OpCost
  {
    OpCost(
      ops: elements * opsPerElement(mode),
      read: BytesRead(activations: elements * bytes + tableBytes(mode, bytes: bytes)),
      written: BytesWritten(activations: elements * bytes))
  }
}
