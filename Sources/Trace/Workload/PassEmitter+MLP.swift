/// MLPs: gated dense MLP and mixture of experts.
extension PassEmitter {
  /// gate, up, act, mul, down over `m` rows. Eager: five kernels (phi3's
  /// fused gate_up: four). Fused: gate and up as one dual GEMM whose epilogue
  /// applies the activation and the product (only the product is written),
  /// then down with the residual in its epilogue.
  mutating func emitMLP(
    intermediate i: Int, sites: MLPSites, m: Int? = nil, copies: Double = 1, bias: Bool = false
  ) {
    let h = model.hidden
    let m = m ?? rows
    let elements = product(m, i)
    let lora = sites.gate == .gateProj
    if model.fusedProjections && sites.gate == .gateProj {
      linear(
        .gateUpProj, m: m, k: h, n: 2 * i, bias: bias, copies: copies, writeOutput: !fused,
        lora: lora)
    } else {
      linear(
        sites.gate, m: m, k: h, n: i, bias: bias, copies: copies, writeOutput: !fused, lora: lora)
      linear(
        sites.up, m: m, k: h, n: i, bias: bias, copies: copies, readInput: !fused,
        writeOutput: !fused, dispatch: fused ? 0 : 1, lora: lora)
    }
    var actCost = Activation.cost(elements: elements, bytes: a, mode: nonlinear)
    var mulCost = Elementwise.cost(elements: elements, bytes: a)
    if fused {
      actCost = OpCost(ops: actCost.ops)
      mulCost = OpCost(ops: mulCost.ops, written: BytesWritten(activations: elements * a))
    }
    add(sites.act, .activation, OpShape(m, i), actCost, dispatch: eagerOnly())
    add(sites.mul, .elementwise, OpShape(m, i), mulCost, dispatch: eagerOnly())
    hadamard(sites.hadamard, vectors: Double(m), size: i)
    linear(sites.down, m: m, k: i, n: h, bias: bias, copies: copies, lora: lora)
  }

  /// Mixture of experts: the router (a GEMM over the experts plus a softmax
  /// and top-k), the routed experts as grouped GEMMs over rows × top-k token
  /// slots whose weights are read once per distinct expert touched (the
  /// expectation under uniform routing), with their biases where the experts
  /// carry them (gpt-oss), the weighted combine, and the shared experts as
  /// one dense MLP.
  mutating func emitMoE(_ moe: MoEConfig) {
    let h = model.hidden
    var router = Linear.cost(
      m: rows, k: h, n: moe.experts, bias: false, activationBytes: a, weightBytesPerElement: a)
    // softmax (5 ops) and top-k selection (k compares) per expert score.
    router.ops += product(rows, moe.experts) * Double(5 + moe.topK)
    add(
      .router, .moeRouter, OpShape(rows, h, moe.experts), router, dispatch: 1, weight: .plain(act))
    let slots = saturating(rows, moe.topK)
    let distinct = moe.expectedDistinct(tokens: tokenRows)
    emitMLP(
      intermediate: moe.expertIntermediate, sites: .experts, m: slots, copies: distinct,
      bias: moe.biases)
    var combine = Elementwise.cost(elements: product(slots, h), bytes: a)
    combine.ops *= 2  // scale by the routing weight, then accumulate
    add(.expertsCombine, .elementwise, OpShape(slots, h), combine, dispatch: eagerOnly())
    if moe.sharedExperts > 0 {
      emitMLP(intermediate: moe.expertIntermediate * moe.sharedExperts, sites: .shared)
    }
  }
}

/// The sites of one gated MLP.
struct MLPSites {
  var gate: OpSite, up: OpSite, act: OpSite, mul: OpSite, hadamard: OpSite, down: OpSite
  static let dense = MLPSites(
    gate: .gateProj, up: .upProj, act: .activation, mul: .gateMul, hadamard: .downHadamard,
    down: .downProj)
  static let experts = MLPSites(
    gate: .expertsGateProj, up: .expertsUpProj, act: .expertsActivation, mul: .expertsGateMul,
    hadamard: .expertsDownHadamard, down: .expertsDownProj)
  static let shared = MLPSites(
    gate: .sharedGateProj, up: .sharedUpProj, act: .sharedActivation, mul: .sharedGateMul,
    hadamard: .sharedDownHadamard, down: .sharedDownProj)
}
