/// Multi-head latent attention (appendix 8.2, DeepSeek-V2), the paper's way:
/// the cache holds the compressed latent (kv_lora_rank) and one shared
/// rotary key (qk_rope_head_dim) per token; every pass up-projects the whole
/// cached latent to per-head keys and values (kv_b_proj over all keys).
extension PassEmitter {
  mutating func emitMLA() {
    guard let mla = model.mla else { return }
    let h = model.hidden
    let heads = model.heads
    let qkDim = mla.qkNopeHeadDim + mla.qkRopeHeadDim
    if let rq = mla.qLoraRank {
      linear(.qaProj, m: rows, k: h, n: rq)
      norm(.qaNorm, rowCount: rowsD, cols: rq)
      linear(.qbProj, m: rows, k: rq, n: heads * qkDim)
    } else {
      linear(.qProj, m: rows, k: h, n: heads * qkDim, lora: true)
    }
    linear(.kvaProj, m: rows, k: h, n: mla.kvLoraRank + mla.qkRopeHeadDim)
    norm(.kvaNorm, rowCount: rowsD, cols: mla.kvLoraRank)
    let rope = RoPE.cost(
      vectors: rowsD * Double(heads + 1), headDim: mla.qkRopeHeadDim,
      rotaryDim: mla.qkRopeHeadDim, tokens: Double(pass.newTokens), bytes: a)
    add(.rope, .rope, OpShape(rows, heads + 1, mla.qkRopeHeadDim), rope, dispatch: eagerOnly())
    kvWrite(.kCache, elementsPerToken: Double(mla.kvLoraRank + mla.qkRopeHeadDim))
    // Up-project every cached latent: reads the cache, writes per-head K and V.
    let keys = w.residentTokens(layer: layer, tokens: pass.kvLength)
    let keyRows = pass.batch * keys
    if w.kvQuantized {
      let elems = Double(keyRows) * Double(mla.kvLoraRank)
      add(.kvDequant, .dequantize, OpShape(keyRows, mla.kvLoraRank), OpCost(ops: elems), dispatch: 0, input: w.kvType)
    }
    linear(.kvbProj, m: keyRows, k: mla.kvLoraRank, n: heads * (mla.qkNopeHeadDim + mla.vHeadDim), readInput: false,
      writeOutput: !fused)
    // Its input is the cache itself.
    add(
      .vCache, .kvCache, OpShape(keyRows, mla.kvLoraRank),
      OpCost(ops: 0, read: BytesRead(kv: Double(keyRows) * Double(mla.kvLoraRank + mla.qkRopeHeadDim) * w.kvBytesPerElement)),
      dispatch: 0)
    let attention = Attention(
      batch: pass.batch, queries: pass.newTokens, past: pass.pastTokens, heads: heads,
      kvHeads: heads, qkDim: qkDim, vDim: mla.vHeadDim, window: w.window(layer: layer),
      causal: w.options.scores == .causal, bytes: a, kvBytes: a, nonlinear: nl,
      tile: w.options.tile)
    emitCore(attention, softcap: false, kvFromActivations: true)
    linear(.oProj, m: rows, k: heads * mla.vHeadDim, n: h, lora: true)
  }
}
