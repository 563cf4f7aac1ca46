/// The model's operator sequence: embedding, decoder layers, final norm, LM
/// head. Dispatch accounting and fusion rules: docs/workload.md.
extension PassEmitter {
  mutating func emitModel() {
    guard rows > 0 else { return }
    let h = model.hidden
    layer = -1
    // The table as the file stores it (a Q6_K token_embd), else in the
    // activation dtype.
    let table = w.storedWeights?.embedding ?? .plain(act)
    var embed = Embedding.cost(
      tokens: rows, vocab: model.vocab, hidden: h, bytes: a, mode: w.options.embedding,
      tableBytes: table.bytesPerWeight)
    if model.embeddingScale { embed.ops += product(rows, h) }  // Gemma's √h scale
    add(
      .embedTokens, .embedding, OpShape(rows, h), embed, dispatch: 1, weight: table.storage)
    var l = 0
    while l < model.layers {
      var end = l + 1
      if compact {
        while end < model.layers && w.layersAlike(l, end) { end += 1 }
      }
      layer = l
      let start = count
      emitLayer()
      if end - l >= 2 { runs.append(LayerRun(range: start..<count, repeats: end - l)) }
      l = end
    }
    layer = -1
    // Final norm and LM head: over every prompt token with --logits all,
    // else the last prompt token of each sequence whose prompt ends here;
    // every new token in decode (one, or a verify pass's K + 1).
    let allLogits = w.options.logits == .all
    let headRows = pass.sequences.reduce(0) { $0 + $1.headRows(allLogits: allLogits) }
    norm(.finalNorm, rowCount: Double(rows), cols: h)
    if headRows > 0 {
      linear(.lmHead, m: headRows, k: h, n: model.vocab)
      if model.finalSoftcap != nil {
        var cap = Activation.softcap(
          elements: product(headRows, model.vocab), bytes: a, mode: nonlinear)
        if fused { cap = OpCost(ops: cap.ops) }
        add(.logitSoftcap, .activation, OpShape(headRows, model.vocab), cap, dispatch: eagerOnly())
      }
    }
  }

  mutating func emitLayer() {
    let h = model.hidden
    norm(.inputNorm, rowCount: tokenRows, cols: h)
    if model.mla != nil { emitMLA() } else { emitAttention() }
    if model.sandwichNorms {
      norm(.postAttentionNorm, rowCount: tokenRows, cols: h)
      residual(.attnResidual)
      norm(.preFeedforwardNorm, rowCount: tokenRows, cols: h)
    } else {
      residual(.attnResidual)
      norm(.postAttentionNorm, rowCount: tokenRows, cols: h)
    }
    if let moe = model.moe, moe.isSparse(layer: layer) {
      emitMoE(moe)
    } else {
      emitMLP(intermediate: model.intermediate, sites: .dense)
    }
    if model.sandwichNorms { norm(.postFeedforwardNorm, rowCount: tokenRows, cols: h) }
    residual(.mlpResidual)
  }

  /// Where the KV write of this layer goes, and what it costs.
  mutating func kvWrite(_ site: OpSite, elementsPerToken: Double) {
    // Per group: its new tokens, and (for concat) its resident cache before
    // and after the pass; summed over the pass's groups.
    var newElems = 0.0
    var pastElems = 0.0
    var residentElems = 0.0
    for group in pass.sequences {
      let b = Double(group.count)
      newElems += b * Double(group.newTokens) * elementsPerToken
      pastElems +=
        b * Double(w.residentTokens(layer: layer, tokens: group.pastTokens))
        * elementsPerToken
      residentElems +=
        b * Double(w.residentTokens(layer: layer, tokens: group.kvLength))
        * elementsPerToken
    }
    let kvb = w.kvBytesPerElement
    let quantOps = w.kvQuantized ? newElems : 0  // symmetric: one scale multiply per element
    var cost: OpCost
    var dispatch = 1
    switch w.options.kvUpdate {
    case .inplace:
      if fused {
        // Written by the projection's epilogue: nothing read back.
        cost = OpCost(ops: quantOps, written: BytesWritten(kv: newElems * kvb))
        dispatch = 0
      } else {
        cost = OpCost(
          ops: quantOps, read: BytesRead(activations: newElems * a),
          written: BytesWritten(kv: newElems * kvb))
      }
    case .concat:
      // torch.cat: read the old cache and the new tokens, write the whole
      // cache again.
      cost = OpCost(
        ops: quantOps, read: BytesRead(activations: newElems * a, kv: pastElems * kvb),
        written: BytesWritten(kv: residentElems * kvb))
    }
    add(
      site, .kvCache, OpShape(rows, Int(elementsPerToken)), cost,
      dispatch: dispatch, compute: act, input: act)
  }

  /// MHA / GQA / MQA attention of the Llama family (and its relatives).
  mutating func emitAttention() {
    let h = model.hidden
    let d = model.headDim
    let qDim = model.heads * d
    let kvDim = model.kvHeads * d
    let fusedKV = fused && w.options.kvUpdate == .inplace
    if model.fusedProjections {
      linear(.qkvProj, m: rows, k: h, n: qDim + 2 * kvDim, bias: model.qkvBias, lora: true)
    } else {
      linear(.qProj, m: rows, k: h, n: qDim, bias: model.qkvBias, lora: true)
      linear(
        .kProj, m: rows, k: h, n: kvDim, bias: model.qkvBias, writeOutput: !fusedKV, lora: true)
      linear(
        .vProj, m: rows, k: h, n: kvDim, bias: model.qkvBias, writeOutput: !fusedKV, lora: true)
    }
    if model.qkNorm {
      // Per-head RMSNorm on q and k: fused into the projection epilogue.
      norm(
        .qNorm, rowCount: tokenRows * Double(model.heads), cols: d, dispatch: eagerOnly(),
        bytes: !fused
      )
      norm(
        .kNorm, rowCount: tokenRows * Double(model.kvHeads), cols: d, dispatch: eagerOnly(),
        bytes: !fused)
    }
    // RoPE on q and k in one kernel (eager); in the projection epilogue (fused).
    let rotary = max(0, min(d, Int((Double(d) * model.rotaryFraction).rounded())))
    var rope = RoPE.cost(
      vectors: tokenRows * Double(model.heads + model.kvHeads), headDim: d, rotaryDim: rotary,
      tokens: positions, bytes: a)
    if fused {
      rope = OpCost(ops: rope.ops, read: BytesRead(activations: 2 * positions * Double(rotary) * a))
    }
    add(.rope, .rope, OpShape(rows, model.heads + model.kvHeads, d), rope, dispatch: eagerOnly())
    // QuaRot: per-head Hadamard on queries and keys after RoPE (so the
    // cached keys quantize well and Q·Kᵀ is unchanged).
    hadamard(.qkHadamard, vectors: tokenRows * Double(model.heads + model.kvHeads), size: d)
    let perToken = Double(kvDim)
    kvWrite(.kCache, elementsPerToken: perToken)
    kvWrite(.vCache, elementsPerToken: perToken)
    let attention = ragged(
      heads: model.heads, kvHeads: model.kvHeads, qkDim: d, vDim: d, kvBytes: w.kvBytesPerElement)
    emitCore(attention, softcap: model.attentionSoftcap != nil)
    // QuaRot: the Hadamard across heads before o_proj (the per-head part is
    // folded into v_proj and o_proj offline).
    hadamard(.oHadamard, vectors: tokenRows * Double(d), size: model.heads)
    linear(.oProj, m: rows, k: qDim, n: h, bias: model.outputBias, lora: true)
  }

  /// Q·Kᵀ, softmax, P·V (eager: three kernels; fused: one flash kernel), with
  /// the dequantization of a quantized cache folded into the BMMs.
  /// `kvFromActivations`: keys and values were up-projected this pass (MLA
  /// online); `valuesAreKeys`: the values are the cached keys' first vDim
  /// elements (MLA absorbed), read once by a fused kernel.
  mutating func emitCore(
    _ shape: RaggedAttention, softcap: Bool, kvFromActivations: Bool = false,
    valuesAreKeys: Bool = false
  ) {
    var attention = shape
    for i in attention.parts.indices {
      attention.parts[i].scoreBytes = w.accounting.scoreType?.bytes
      attention.parts[i].kvPadding = w.accounting.kvPadding
    }
    // Attention's own fusion (flash attention), which may differ from the
    // other operators' (`--flash-attn`).
    let fused = w.options.attentionFused
    let unfusedKernel = fused ? 0 : 1
    let bmmType = w.matmulInputType.isInteger ? w.matmulInputType : act
    let qkDim = attention.parts[0].qkDim
    let vDim = attention.parts[0].vDim
    if w.matmulInputType.isInteger {
      let q = attention.queryElements
      add(
        .scores, .quantize, OpShape(safeInt(q)),
        Dequantize.quantize(elements: q, from: act, to: bmmType), dispatch: unfusedKernel)
    }
    if w.kvQuantized && !kvFromActivations {
      // Each cached element once per KV head group read.
      let elems = attention.cachedElements(perToken: w.kvElementsPerToken)
      add(
        .kvDequant, .dequantize, OpShape(attention.keyRows, Int(w.kvElementsPerToken)),
        OpCost(ops: elems), dispatch: 0, input: w.kvType)
    }
    var qk = attention.scoresBMM(fused: fused)
    var pv = attention.contextBMM(fused: fused)
    if kvFromActivations && fused {
      // The up-projected keys and values stay on chip.
      qk.read.kv = 0
      pv.read.kv = 0
    } else if kvFromActivations {
      qk.read.activations += qk.read.kv
      qk.read.kv = 0
      pv.read.activations += pv.read.kv
      pv.read.kv = 0
    } else if valuesAreKeys && fused {
      pv.read.kv = 0
    }
    let bh = attention.sequenceHeads
    add(
      fused ? .flashAttention : .scores, .bmm,
      OpShape(bh, attention.queries, qkDim, attention.keysRead), qk, dispatch: 1,
      compute: bmmType)
    if softcap {
      var cap = Activation.softcap(elements: attention.scoreElements, bytes: a, mode: nonlinear)
      if fused { cap = OpCost(ops: cap.ops) }
      add(
        .attnSoftcap, .activation, OpShape(saturating(bh, attention.queries), attention.keysRead),
        cap, dispatch: unfusedKernel)
    }
    add(
      .softmax, .softmax, OpShape(saturating(bh, attention.queries), attention.keysRead),
      attention.softmax(fused: fused), dispatch: unfusedKernel)
    if w.matmulInputType.isInteger {
      let p = attention.scoreElements
      var qc = Dequantize.quantize(elements: p, from: act, to: bmmType)
      if fused { qc = OpCost(ops: qc.ops) }
      add(.context, .quantize, OpShape(safeInt(p)), qc, dispatch: unfusedKernel)
    }
    add(
      .context, .bmm, OpShape(bh, attention.queries, attention.keysRead, vDim), pv,
      dispatch: unfusedKernel, compute: bmmType)
  }

  /// The pass's attention: one ``Attention`` per group of alike sequences
  /// (its own queries, past and window), with the layer's dims.
  func ragged(heads: Int, kvHeads: Int, qkDim: Int, vDim: Int, kvBytes: Double)
    -> RaggedAttention
  {
    RaggedAttention(
      pass.sequences.map { group in
        Attention(
          batch: group.count, queries: group.newTokens, past: group.pastTokens, heads: heads,
          kvHeads: kvHeads, qkDim: qkDim, vDim: vDim, window: w.window(layer: layer),
          causal: w.options.scores == .causal, bytes: a, kvBytes: kvBytes, nonlinear: nonlinear,
          tile: w.options.tile)
      })
  }
}
