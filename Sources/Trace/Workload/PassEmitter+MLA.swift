/// Multi-head latent attention (appendix 8.2, DeepSeek-V2). The cache holds
/// the compressed latent (kv_lora_rank) and one shared rotary key
/// (qk_rope_head_dim) per token, in both forms (`auto`, the default: online
/// in prefill, absorbed in decode):
/// - `online` (the paper's way): every pass up-projects the whole cached
///   latent to per-head keys and values (kv_b_proj over all keys), then
///   attention runs as MHA over heads × (nope + rope).
/// - `absorbed`: W_UK (kv_b_proj's key half) is applied to the queries'
///   nope part per head (q_absorb: [rows, nope] × [nope, rank] per head),
///   attention runs over the cached latent itself as MQA with keys of
///   rank + rope and values of rank (the latent read once, fused), and W_UV
///   (the value half) maps each head's context back to v_head_dim
///   (v_absorb: [rows, rank] × [rank, v] per head) before o_proj.
extension PassEmitter {
  mutating func emitMLA() {
    guard let mla = model.mla else { return }
    let h = model.hidden
    let heads = model.heads
    let qkDim = mla.qkNopeHeadDim + mla.qkRopeHeadDim
    if let rq = mla.qLoraRank {
      linear(.qaProj, m: rows, k: h, n: rq)
      norm(.qaNorm, rowCount: tokenRows, cols: rq)
      linear(.qbProj, m: rows, k: rq, n: heads * qkDim)
    } else {
      linear(.qProj, m: rows, k: h, n: heads * qkDim, lora: true)
    }
    linear(.kvaProj, m: rows, k: h, n: mla.kvLoraRank + mla.qkRopeHeadDim)
    norm(.kvaNorm, rowCount: tokenRows, cols: mla.kvLoraRank)
    let rope = RoPE.cost(
      vectors: tokenRows * Double(heads + 1), headDim: mla.qkRopeHeadDim,
      rotaryDim: mla.qkRopeHeadDim, tokens: positions, bytes: a)
    add(.rope, .rope, OpShape(rows, heads + 1, mla.qkRopeHeadDim), rope, dispatch: eagerOnly())
    kvWrite(.kCache, elementsPerToken: Double(mla.kvLoraRank + mla.qkRopeHeadDim))
    switch w.options.mlaForm.form(in: pass.phase) {
    case .absorbed: emitMLAAbsorbed(mla)
    case .online, .auto: emitMLAOnline(mla)
    }
    hadamard(.oHadamard, vectors: tokenRows * Double(mla.vHeadDim), size: heads)
    linear(.oProj, m: rows, k: heads * mla.vHeadDim, n: h, lora: true)
  }

  /// The paper's way: kv_b_proj over every cached latent, then MHA.
  mutating func emitMLAOnline(_ mla: MLAConfig) {
    let heads = model.heads
    let keyRows = pass.sequences.reduce(0) {
      $0 + $1.count * w.residentTokens(layer: layer, tokens: $1.kvLength)
    }
    if w.kvQuantized {
      let elems = Double(keyRows) * Double(mla.kvLoraRank)
      add(
        .kvDequant, .dequantize, OpShape(keyRows, mla.kvLoraRank), OpCost(ops: elems), dispatch: 0,
        input: w.kvType)
    }
    linear(
      .kvbProj, m: keyRows, k: mla.kvLoraRank, n: heads * (mla.qkNopeHeadDim + mla.vHeadDim),
      readInput: false,
      writeOutput: !w.options.attentionFused)
    // Its input is the cache itself.
    add(
      .vCache, .kvCache, OpShape(keyRows, mla.kvLoraRank),
      OpCost(
        ops: 0,
        read: BytesRead(
          kv: Double(keyRows) * Double(mla.kvLoraRank + mla.qkRopeHeadDim) * w.kvBytesPerElement)),
      dispatch: 0)
    let attention = ragged(
      heads: heads, kvHeads: heads, qkDim: mla.qkNopeHeadDim + mla.qkRopeHeadDim,
      vDim: mla.vHeadDim, kvBytes: a)
    emitCore(attention, softcap: false, kvFromActivations: true)
  }

  /// The absorbed form: attention in the latent space.
  mutating func emitMLAAbsorbed(_ mla: MLAConfig) {
    let heads = model.heads
    let rank = mla.kvLoraRank
    linear(.qAbsorb, m: rows, k: mla.qkNopeHeadDim, n: rank, groups: heads)
    let attention = ragged(
      heads: heads, kvHeads: 1, qkDim: rank + mla.qkRopeHeadDim, vDim: rank,
      kvBytes: w.kvBytesPerElement)
    emitCore(attention, softcap: false, valuesAreKeys: true)
    linear(.vAbsorb, m: rows, k: rank, n: mla.vHeadDim, groups: heads)
  }
}
