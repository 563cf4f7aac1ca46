/// Batched matrix multiply `[b, m, k] × [b, k, n]` (Table 1): 2bmkn − bmn ops.
package enum BMM {
  /// The ideal ops.
  package static func ops(b: Int, m: Int, k: Int, n: Int) -> Double {
    2 * product(b, m, k, n) - product(b, m, n)
  }

  /// `value` rounded up to a multiple of `tile` (unchanged without a tile).
  package static func padded(_ value: Int, tile: Int?) -> Int {
    guard let tile, tile > 1 else { return value }
    let (q, r) = value.quotientAndRemainder(dividingBy: tile)
    return r == 0 ? value : (q + 1) * tile
  }

  /// The full cost, with bytes: reads b·m·k and b·k·n, writes b·m·n, all in
  /// `bytes` per element.
  package static func cost(b: Int, m: Int, k: Int, n: Int, bytes: Double) -> OpCost {
    OpCost(
      ops: ops(b: b, m: m, k: k, n: n),
      read: BytesRead(activations: (product(b, m, k) + product(b, k, n)) * bytes),
      written: BytesWritten(activations: product(b, m, n) * bytes))
  }
}
