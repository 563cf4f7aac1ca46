/// Scaled dot-product attention, MHA / GQA / MQA (Table 2), eager or fused.
///
/// Eager: Q·Kᵀ (BMM) writes the score matrix, softmax reads and writes it,
/// P·V (BMM) reads it. Fused (flash attention): the same ops, no score
/// traffic, one dispatch. Keys and values are read once per KV head from the
/// cache in its dtype (`kvBytes` per element, scales included).
package struct Attention: Sendable {
  /// Sequences.
  package var batch: Int
  /// New (query) tokens per sequence.
  package var queries: Int
  /// Tokens already cached before this pass.
  package var past: Int
  /// Query heads.
  package var heads: Int
  /// KV heads (heads for MHA, 1 for MQA).
  package var kvHeads: Int
  /// Q/K head dim.
  package var qkDim: Int
  /// V head dim.
  package var vDim: Int
  /// Keys visible per query at most (sliding window), nil for all.
  package var window: Int?
  /// Only the causal lower triangle of the new tokens' scores.
  package var causal: Bool
  /// Bytes per activation element.
  package var bytes: Double
  /// Bytes per cached K/V element.
  package var kvBytes: Double
  /// Non-linear evaluation mode (softmax's exp).
  package var nonlinear: WorkloadOptions.Nonlinear = .exact
  /// Tile for padding the dynamic dims (query count and key count).
  package var tile: Int?
  /// Bytes per score element an unfused attention writes and reads back
  /// (nil: ``bytes``).
  package var scoreBytes: Double?
  /// Attention covers the cache padded up to a multiple of this many cells,
  /// every query against every cell, masked or not (nil: exactly the keys,
  /// with the causal or full score count).
  package var kvPadding: Int?

  /// Creates an attention shape.
  package init(
    batch: Int, queries: Int, past: Int, heads: Int, kvHeads: Int, qkDim: Int, vDim: Int,
    window: Int? = nil, causal: Bool, bytes: Double, kvBytes: Double,
    nonlinear: WorkloadOptions.Nonlinear = .exact, tile: Int? = nil
  ) {
    self.batch = batch
    self.queries = queries
    self.past = past
    self.heads = heads
    self.kvHeads = kvHeads
    self.qkDim = qkDim
    self.vDim = vDim
    self.window = window
    self.causal = causal
    self.bytes = bytes
    self.kvBytes = kvBytes
    self.nonlinear = nonlinear
    self.tile = tile
  }

  /// Keys in the cache after this pass: past + queries.
  package var keys: Int { past + queries }
  /// Keys read from the cache (all of them, or the window), padded up to a
  /// multiple of ``kvPadding`` when set.
  package var keysRead: Int {
    let visible = window.map { min($0, keys) } ?? keys
    guard let kvPadding, kvPadding > 1, visible > 0 else { return visible }
    let (padded, overflow) = ((visible - 1) / kvPadding + 1).multipliedReportingOverflow(
      by: kvPadding)
    return overflow ? visible : padded
  }

  /// Score elements per (sequence, head): Σ over the new tokens of the keys
  /// each attends to. Full: queries × keys; causal: queries·past +
  /// queries(queries+1)/2; each term capped by the window.
  package var scoresPerHead: Double {
    let s = Double(queries)
    let p = Double(past)
    if kvPadding != nil { return s * Double(keysRead) }
    if let window {
      // Query i (1-based) sees min(window, past + i) keys (full: min(window, keys)).
      let w = Double(window)
      if !causal { return s * min(w, Double(keys)) }
      var total = 0.0
      // Closed form: i ≤ w − p sees p + i, the rest see w.
      let ramp = max(0, min(s, w - p))
      total += ramp * p + ramp * (ramp + 1) / 2
      total += (s - ramp) * w
      return total
    }
    return causal ? s * p + s * (s + 1) / 2 : s * Double(keys)
  }

  /// The padding factor for tile-padded ops: padded (queries × keys) over
  /// ideal, per head.
  var padFactor: Double {
    guard tile != nil else { return 1 }
    let ideal = Double(queries) * Double(keysRead)
    guard ideal > 0 else { return 1 }
    return Double(BMM.padded(queries, tile: tile)) * Double(BMM.padded(keysRead, tile: tile))
      / ideal
  }

  var bh: Double { product(batch, heads) }
  var rows: Double { bh * Double(queries) }
  var scores: Double { bh * scoresPerHead }

  /// Q·Kᵀ: (2·d − 1) ops per score; reads Q and the keys; eager writes the
  /// scores.
  package func scoresBMM(fused: Bool) -> OpCost {
    let ops = scores * (2 * Double(qkDim) - 1)
    return OpCost(
      ops: ops, opsPadded: ops * padFactor,
      read: BytesRead(
        activations: rows * Double(qkDim) * bytes,
        kv: product(batch, kvHeads, keysRead, qkDim) * kvBytes),
      written: BytesWritten(activations: fused ? 0 : scores * (scoreBytes ?? bytes)))
  }

  /// Softmax over the scores (no bytes when fused).
  package func softmax(fused: Bool) -> OpCost {
    let cost = Softmax.cost(
      rows: rows, elements: scores, bytes: scoreBytes ?? bytes, mode: nonlinear)
    return fused ? OpCost(ops: cost.ops) : cost
  }

  /// P·V: Σ over rows (2·keys·d − d) ops; reads the scores (eager) and the
  /// values; writes the context.
  package func contextBMM(fused: Bool) -> OpCost {
    let ops = scores * 2 * Double(vDim) - rows * Double(vDim)
    return OpCost(
      ops: ops, opsPadded: ops * padFactor,
      read: BytesRead(
        activations: fused ? 0 : scores * (scoreBytes ?? bytes),
        kv: product(batch, kvHeads, keysRead, vDim) * kvBytes),
      written: BytesWritten(activations: rows * Double(vDim) * bytes))
  }

  /// All three parts.
  package func total(fused: Bool) -> OpCost {
    scoresBMM(fused: fused) + softmax(fused: fused) + contextBMM(fused: fused)
  }
}
