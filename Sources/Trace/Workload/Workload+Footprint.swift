/// Memory footprint and warnings.
extension Workload {
  /// Bytes of one stored weight of a Linear, scales and zeros included.
  var linearBytesPerWeight: Double { weights.bytesPerWeight }

  /// Parameters of every Linear (quantizable), over all layers and the LM
  /// head.
  var linearParameters: Double {
    let h = Double(model.hidden)
    var total = Double(model.vocab) * h  // LM head
    for layer in 0..<model.layers {
      total += model.attentionLinearParameters + model.mlpLinearParameters(layer: layer)
    }
    return total
  }

  /// Bytes of all weights as stored: Linears in the weight format, the
  /// embedding table, norms, biases and routers in the activation dtype; a
  /// tied LM head in a plain dtype shares the table.
  package var weightsBytes: Double {
    if let stored = storedWeights {
      if let exact = stored.bytes { return Double(exact) }
      return schemeWeightsBytes(stored)
    }
    var linear = linearParameters
    let table = Double(model.vocab) * Double(model.hidden)
    var other = model.parameterCount - linear
    if model.tiedEmbeddings {
      // parameterCount holds the table once and `linear` holds the head.
      other += table
      if weights.storesPlainValues { linear -= table }
    }
    return linear * linearBytesPerWeight + other * activationType.bytes
  }

  /// Bytes of all weights when a `quantization_config` gives each Linear's
  /// format: each layer's attention projections in q's format, its MLP (or
  /// experts) in down's, the LM head in its own; the rest in the activation
  /// dtype.
  func schemeWeightsBytes(_ stored: StoredWeights) -> Double {
    func bytesPerWeight(_ entry: StoredWeights.Entry?) -> Double {
      (entry?.choice ?? weights).bytesPerWeight
    }
    var linear = 0.0
    var total = 0.0
    for layer in 0..<model.layers {
      let attention =
        stored.entry(layer: layer, site: .qProj)
        ?? stored.entry(layer: layer, site: .qkvProj) ?? stored.entry(layer: layer, site: .qaProj)
      let sparse = model.moe?.isSparse(layer: layer) ?? false
      let mlp = stored.entry(layer: layer, site: sparse ? .expertsDownProj : .downProj)
      let a = model.attentionLinearParameters
      let m = model.mlpLinearParameters(layer: layer)
      linear += a + m
      total += a * bytesPerWeight(attention) + m * bytesPerWeight(mlp)
    }
    let table = Double(model.vocab) * Double(model.hidden)
    var other = model.parameterCount - linear - table
    if !model.tiedEmbeddings {
      other -= table  // parameterCount holds the head as well as the table
      total += table * bytesPerWeight(stored.entry(layer: -1, site: .lmHead))
    }
    return total + max(0, other) * activationType.bytes + table * activationType.bytes
  }

  /// Resident KV-cache bytes at the end of the run (depth + prompt + G
  /// tokens).
  package var kvCacheBytesPeak: Double {
    kvCacheBytes(tokens: contextTokens)
  }

  /// Warnings about the run (context beyond the model's positions).
  package var warnings: [String] {
    var out = model.warnings
    if let stored = model.storedWeights, storedWeights == nil {
      out.append(
        "every Linear is costed as \(weights.text), not as stored (\(stored.label.text), \(stored.source))"
      )
    }
    let total = contextTokens
    if let maxPositions = model.maxPositions, total > maxPositions {
      let parts = options.depth > 0 ? "depth + prompt + generate" : "prompt + generate"
      out.append(
        "\(parts) = \(total) tokens is beyond the model's max_position_embeddings (\(maxPositions))"
      )
    }
    return out
  }

  /// One full-model LoRA merge (CONTRACT, Table 12): 2·k·r·n + 2·k·n per
  /// adapted Linear over q, k, v, o, gate, up, down of every layer; nil
  /// without `--lora-rank`.
  package var loraMergeOps: Double? {
    guard let r = options.loraRank else { return nil }
    return Double(model.layers)
      * loraLayerShapes.reduce(0) { $0 + LoRALinear.mergeOps(k: $1.k, n: $1.n, rank: r) }
  }

  /// The (k, n) of each adapted Linear of one layer.
  package var loraLayerShapes: [(name: String, k: Int, n: Int)] {
    let h = model.hidden
    let q = model.heads * model.headDim
    let kv = model.kvHeads * model.headDim
    let i = model.intermediate
    return [
      ("q_proj", h, q), ("k_proj", h, kv), ("v_proj", h, kv), ("o_proj", q, h),
      ("gate_proj", h, i), ("up_proj", h, i), ("down_proj", i, h),
    ]
  }
}
