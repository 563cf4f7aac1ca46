/// LoRA on a Linear `[k, n]` with rank r (Table 2, appendix 8.1, Table 12).
package enum LoRALinear {
  /// Dynamic merge inside every GEMM call (appendix 8.1): reads A (k·r) and
  /// B (r·n) in `bytes`, ops 2·k·r·n (B·A) + k·n (adding to the weights).
  package static func perCall(k: Int, n: Int, rank: Int, bytes: Double) -> OpCost {
    OpCost(
      ops: 2 * product(k, rank, n) + product(k, n),
      read: BytesRead(weights: (product(k, rank) + product(rank, n)) * bytes))
  }

  /// One static merge of one adapted Linear (CONTRACT, Table 12): 2·k·r·n
  /// (B·A) + 2·k·n (scale and add).
  package static func mergeOps(k: Int, n: Int, rank: Int) -> Double {
    2 * product(k, rank, n) + 2 * product(k, n)
  }
}
