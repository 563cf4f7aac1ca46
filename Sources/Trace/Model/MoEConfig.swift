import Foundation

/// A mixture-of-experts MLP: a router, routed experts (top-k of them per
/// token) and optional shared experts.
package struct MoEConfig: Sendable, Equatable {
  /// Routed experts.
  package var experts: Int
  /// Experts chosen per token.
  package var topK: Int
  /// Intermediate size of one expert.
  package var expertIntermediate: Int
  /// Shared experts (always active), each of `expertIntermediate`.
  package var sharedExperts: Int = 0
  /// The first layers that keep a dense MLP (deepseek's first_k_dense_replace).
  package var firstDenseLayers: Int = 0
  /// Every `sparseStep`-th layer is sparse (qwen's decoder_sparse_step,
  /// llama4's interleave_moe_layer_step): layer `i` is when (i + 1) is a
  /// multiple of it; the others keep a dense MLP.
  package var sparseStep: Int = 1
  /// Layers that keep a dense MLP whatever the step (qwen's mlp_only_layers).
  package var denseLayers: [Int] = []
  /// Bias on the router and on each expert's projections (gpt-oss).
  package var biases: Bool = false

  /// Creates an MoE description.
  package init(
    experts: Int, topK: Int, expertIntermediate: Int, sharedExperts: Int = 0,
    firstDenseLayers: Int = 0
  ) {
    self.experts = experts
    self.topK = topK
    self.expertIntermediate = expertIntermediate
    self.sharedExperts = sharedExperts
    self.firstDenseLayers = firstDenseLayers
  }

  /// Whether layer `layer`'s MLP is the mixture of experts (else dense).
  package func isSparse(layer: Int) -> Bool {
    layer >= firstDenseLayers && (layer + 1) % sparseStep == 0 && !denseLayers.contains(layer)
  }

  /// Expected number of distinct experts touched by `tokens` tokens each
  /// choosing `topK` of `experts` uniformly: E·(1 − (1 − k/E)^tokens).
  package func expectedDistinct(tokens: Double) -> Double {
    let e = Double(experts)
    let p = 1 - Double(topK) / e
    return e * (1 - pow(p, tokens))
  }
}

/// Multi-head latent attention (the paper's appendix 8.2, DeepSeek-V2).
package struct MLAConfig: Sendable, Equatable {
  /// Rank of the query compression (nil: queries are projected directly).
  package var qLoraRank: Int?
  /// Rank of the KV compression: the cached latent's width.
  package var kvLoraRank: Int
  /// Per-head Q/K dims without rotary.
  package var qkNopeHeadDim: Int
  /// Per-head rotary dims (one shared rotary key per token is cached).
  package var qkRopeHeadDim: Int
  /// Per-head V dim.
  package var vHeadDim: Int

  /// Creates an MLA description.
  package init(
    qLoraRank: Int?, kvLoraRank: Int, qkNopeHeadDim: Int, qkRopeHeadDim: Int, vHeadDim: Int
  ) {
    self.qLoraRank = qLoraRank
    self.kvLoraRank = kvLoraRank
    self.qkNopeHeadDim = qkNopeHeadDim
    self.qkRopeHeadDim = qkRopeHeadDim
    self.vHeadDim = vHeadDim
  }
}
