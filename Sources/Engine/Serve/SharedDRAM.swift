/// Devices of one shared-memory group that run at the same time share its
/// DRAM (docs/serve.md): the group delivers at most B bytes per second (the
/// most one of its devices achieves alone: bandwidth × memory efficiency);
/// each pass gets bandwidth in proportion to its demand D (the bytes per
/// second it moves alone), capped by its own peak, so with demands D₁, D₂
/// each gets B × Dᵢ / (D₁ + D₂) when D₁ + D₂ > B, and its memory time
/// grows by f = (D₁ + D₂) / B.
package enum SharedDRAM {
  /// The factor on a pass's memory time: max(1, (demand + other) / bandwidth).
  package static func memorySlowdown(demand: Double, other: Double, bandwidth: Double) -> Double {
    guard bandwidth > 0 else { return 1 }
    return max(1, (demand + other) / bandwidth)
  }
}
