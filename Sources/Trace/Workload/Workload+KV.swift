/// The KV cache: its dtype, size and window.
extension Workload {
  /// Whether the cache is stored in a narrower format than the activations
  /// and must be (de)quantized: integer or fp8 caches.
  package var kvQuantized: Bool {
    kvType != activationType && (kvType.isInteger || kvType == .fp8 || kvType == .fp8e5m2)
  }

  /// Bytes per cached element: integer caches carry one scale in the
  /// activation dtype per head-dim group (symmetric, per token and head).
  package var kvBytesPerElement: Double {
    guard kvType.isInteger else { return kvType.bytes }
    let group = Double(model.mla?.kvLoraRank ?? model.headDim)
    return kvType.bytes + activationType.bytes / group
  }

  /// Cached elements per token per layer: K and V over the KV heads, or the
  /// MLA latent plus the shared rotary key.
  package var kvElementsPerToken: Double {
    if let mla = model.mla { return Double(mla.kvLoraRank + mla.qkRopeHeadDim) }
    return 2 * Double(model.kvHeads) * Double(model.headDim)
  }

  /// The sliding window of `layer`, if it uses one.
  package func window(layer: Int) -> Int? {
    guard let w = model.slidingWindow else { return nil }
    if let sliding = model.slidingLayers { return sliding[layer] ? w : nil }
    if model.slidingEvenLayersOnly && layer % 2 != 0 { return nil }
    return w
  }

  /// Tokens resident in `layer`'s cache when `tokens` have been seen.
  package func residentTokens(layer: Int, tokens: Int) -> Int {
    window(layer: layer).map { min($0, tokens) } ?? tokens
  }

  /// Resident KV-cache bytes over all layers and the batch after `tokens`
  /// tokens per sequence.
  public func kvCacheBytes(tokens: Int) -> Double {
    var total = 0.0
    for layer in 0..<model.layers {
      total += Double(residentTokens(layer: layer, tokens: tokens))
    }
    return total * Double(options.batch) * kvElementsPerToken * kvBytesPerElement
  }
}
