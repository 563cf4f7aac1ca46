/// Parameter counts.
extension ModelConfig {
  /// Parameters of one decoder layer's attention (projections, biases,
  /// q/k norms).
  var attentionParameters: Double {
    if let mla {
      let qk = Double(mla.qkNopeHeadDim + mla.qkRopeHeadDim)
      let h = Double(hidden)
      let n = Double(heads)
      let q = mla.qLoraRank.map { h * Double($0) + Double($0) + Double($0) * n * qk } ?? h * n * qk
      let kvDown = h * Double(mla.kvLoraRank + mla.qkRopeHeadDim) + Double(mla.kvLoraRank)
      let kvUp = Double(mla.kvLoraRank) * n * Double(mla.qkNopeHeadDim + mla.vHeadDim)
      let o = n * Double(mla.vHeadDim) * h
      return q + kvDown + kvUp + o
    }
    let qOut = Double(heads) * Double(headDim)
    let kvOut = Double(kvHeads) * Double(headDim)
    var p = Double(hidden) * (qOut + 2 * kvOut) + qOut * Double(hidden)
    if qkvBias { p += qOut + 2 * kvOut }
    if qkNorm { p += 2 * Double(headDim) }
    return p
  }

  /// Parameters of layer `layer`'s MLP (all experts for MoE).
  func mlpParameters(layer: Int) -> Double {
    let h = Double(hidden)
    if let moe, layer >= moe.firstDenseLayers {
      let e = Double(moe.expertIntermediate)
      return Double(moe.experts + moe.sharedExperts) * 3 * h * e + h * Double(moe.experts)
    }
    return 3 * h * Double(intermediate)
  }

  /// Total parameters: embedding, layers (with norms), final norm and the LM
  /// head unless tied.
  public var parameterCount: Double {
    let h = Double(hidden)
    let embed = Double(vocab) * h
    var total = embed + h + (tiedEmbeddings ? 0 : embed)
    let norms = (sandwichNorms ? 4 : 2) * h
    for layer in 0..<layers { total += attentionParameters + mlpParameters(layer: layer) + norms }
    return total
  }
}
