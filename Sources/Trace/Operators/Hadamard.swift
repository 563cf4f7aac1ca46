import Foundation

/// An online Hadamard transform (QuaRot): the fast Walsh–Hadamard transform
/// of a length-`n` vector is log2(n) butterfly stages of n additions or
/// subtractions, n·log2(n) ops per vector (the 1/√n scale is folded into the
/// neighbouring weights). Sizes that are not powers of two (QuaRot's
/// Kronecker factorisations, e.g. 11008 = 64 × 172) are counted by the same
/// formula with the real log2(n). Reads and writes the vectors.
package enum Hadamard {
  /// Ops of one transform of length `n`: n·log2(n).
  package static func opsPerVector(size n: Int) -> Double {
    guard n > 1 else { return 0 }
    return Double(n) * log2(Double(n))
  }

  /// `vectors` transforms of length `size`, each value read and written in
  /// `bytes`.
  package static func cost(vectors: Double, size: Int, bytes: Double) -> OpCost {
    let values = vectors * Double(size)
    return OpCost(
      ops: vectors * opsPerVector(size: size), read: BytesRead(activations: values * bytes),
      written: BytesWritten(activations: values * bytes))
  }
}
