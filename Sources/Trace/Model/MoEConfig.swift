import Foundation

/// A mixture-of-experts MLP: a router, routed experts (top-k of them per
/// token) and optional shared experts.
public struct MoEConfig: Sendable, Equatable {
  /// Routed experts.
  public var experts: Int
  /// Experts chosen per token.
  public var topK: Int
  /// Intermediate size of one expert.
  public var expertIntermediate: Int
  /// Shared experts (always active), each of `expertIntermediate`.
  public var sharedExperts: Int = 0
  /// The first layers that keep a dense MLP (deepseek's first_k_dense_replace).
  public var firstDenseLayers: Int = 0

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

  /// Expected number of distinct experts touched by `tokens` tokens each
  /// choosing `topK` of `experts` uniformly: E·(1 − (1 − k/E)^tokens).
  package func expectedDistinct(tokens: Double) -> Double {
    let e = Double(experts)
    let p = 1 - Double(topK) / e
    return e * (1 - pow(p, tokens))
  }
}

/// Multi-head latent attention (the paper's appendix 8.2, DeepSeek-V2).
public struct MLAConfig: Sendable, Equatable {
  /// Rank of the query compression (nil: queries are projected directly).
  public var qLoraRank: Int?
  /// Rank of the KV compression: the cached latent's width.
  public var kvLoraRank: Int
  /// Per-head Q/K dims without rotary.
  public var qkNopeHeadDim: Int
  /// Per-head rotary dims (one shared rotary key per token is cached).
  public var qkRopeHeadDim: Int
  /// Per-head V dim.
  public var vHeadDim: Int

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
