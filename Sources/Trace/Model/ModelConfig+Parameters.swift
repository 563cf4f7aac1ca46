/// Parameter counts.
extension ModelConfig {
  /// Weights of one decoder layer's attention projections (the Linears a
  /// weight format applies to).
  var attentionLinearParameters: Double {
    if let mla {
      let qk = Double(mla.qkNopeHeadDim + mla.qkRopeHeadDim)
      let h = Double(hidden)
      let n = Double(heads)
      let q = mla.qLoraRank.map { h * Double($0) + Double($0) * n * qk } ?? h * n * qk
      let kvDown = h * Double(mla.kvLoraRank + mla.qkRopeHeadDim)
      let kvUp = Double(mla.kvLoraRank) * n * Double(mla.qkNopeHeadDim + mla.vHeadDim)
      let o = n * Double(mla.vHeadDim) * h
      return q + kvDown + kvUp + o
    }
    let qOut = Double(heads) * Double(headDim)
    let kvOut = Double(kvHeads) * Double(headDim)
    return Double(hidden) * (qOut + 2 * kvOut) + qOut * Double(hidden)
  }

  /// Parameters of one decoder layer's attention besides its projections:
  /// biases, q/k norms, MLA's latent norms, attention sinks.
  var attentionOtherParameters: Double {
    if let mla { return Double(mla.kvLoraRank) + Double(mla.qLoraRank ?? 0) }
    let qOut = Double(heads) * Double(headDim)
    let kvOut = Double(kvHeads) * Double(headDim)
    var p = 0.0
    if qkvBias { p += qOut + 2 * kvOut }
    if outputBias { p += Double(hidden) }
    if qkNorm { p += qkNormAcrossHeads ? qOut + kvOut : 2 * Double(headDim) }
    if attentionSinks { p += Double(heads) }
    return p
  }

  /// Parameters of one decoder layer's attention (projections, biases,
  /// q/k norms).
  var attentionParameters: Double { attentionLinearParameters + attentionOtherParameters }

  /// Weights of layer `layer`'s MLP projections (every expert for MoE).
  func mlpLinearParameters(layer: Int) -> Double {
    let h = Double(hidden)
    if let moe, moe.isSparse(layer: layer) {
      let e = Double(moe.expertIntermediate)
      return Double(moe.experts + moe.sharedExperts) * 3 * h * e
    }
    return 3 * h * Double(intermediate)
  }

  /// Parameters of layer `layer`'s MLP besides its projections: the router
  /// and, where the experts carry them, the router's and experts' biases.
  func mlpOtherParameters(layer: Int) -> Double {
    guard let moe, moe.isSparse(layer: layer) else { return 0 }
    let h = Double(hidden)
    let e = Double(moe.experts)
    guard moe.biases else { return h * e }
    // Router bias, and per expert gate and up biases (2 × width) and a
    // down bias (hidden).
    return h * e + e + e * (2 * Double(moe.expertIntermediate) + h)
  }

  /// Parameters of layer `layer`'s MLP (all experts for MoE).
  func mlpParameters(layer: Int) -> Double {
    mlpLinearParameters(layer: layer) + mlpOtherParameters(layer: layer)
  }

  /// Parameters of the routed experts one token does not use in layer
  /// `layer`: (experts − top-k) experts' projections and biases.
  func idleExpertParameters(layer: Int) -> Double {
    guard let moe, moe.isSparse(layer: layer) else { return 0 }
    let h = Double(hidden)
    let width = Double(moe.expertIntermediate)
    let perExpert = 3 * h * width + (moe.biases ? 2 * width + h : 0)
    return Double(moe.experts - moe.topK) * perExpert
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

  /// Parameters one token's forward pass uses: every parameter but the
  /// routed experts it is not sent to. The embedding table is counted (as
  /// publishers such as Qwen and DeepSeek count it); subtract
  /// ``embeddingParameters`` for the weights a decode step reads, which is
  /// how OpenAI counts gpt-oss's active parameters.
  package var activeParameterCount: Double {
    var total = parameterCount
    for layer in 0..<layers { total -= idleExpertParameters(layer: layer) }
    return total
  }

  /// Parameters of the embedding table (vocab × hidden).
  package var embeddingParameters: Double { Double(vocab) * Double(hidden) }
}
