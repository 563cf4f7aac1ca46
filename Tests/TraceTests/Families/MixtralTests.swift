import Foundation
import Testing

@testable import Trace

/// Mixtral on a tiny config: 8 experts of intermediate 16, top-2.
@Suite struct MixtralTests {
  static func model() throws -> ModelConfig {
    try FamilyFixtures.config(
      "mixtral", extra: #""num_local_experts": 8, "num_experts_per_tok": 2"#)
  }

  @Test func decodeReadsChosenExperts() throws {
    let r = try FamilyFixtures.records(Self.model(), prompt: 3, step: 1)
    // Batch 1: 8·(1 − (1 − 2/8)^1) = 2 experts; gate 8·16·2 B each.
    #expect(r.weightsRead(.expertsGateProj) == 2 * 256)
    #expect(r.weightsRead(.expertsDownProj) == 2 * 256)
    // Router: 2·8·8 − 8 = 120 + 8 scores × (5 + 2) = 176.
    #expect(r.ops(.router) == 176)
    // Two slots: gate and up 2 × 240, down 2 × 248; combine 2 × 2·8.
    #expect(r.ops(.expertsGateProj, .gemm) == 480 && r.ops(.expertsDownProj, .gemm) == 496)
    #expect(r.ops(.expertsCombine) == 32)
    // q, k, v, o 360 + experts 1456 + lm_head 150.
    #expect(r.ops(.gemm) == 1966)
  }

  @Test func batchAndPrefillExpectedDistinct() throws {
    // Batch 4: 8·(1 − 0.75^4) = 5.46875 experts.
    let b4 = try FamilyFixtures.records(Self.model(), prompt: 3, step: 1, [("batch", "4")])
    #expect(close(b4.weightsRead(.expertsGateProj), 256 * 5.46875))
    // Prompt 3: 8·(1 − 0.75^3) = 4.625 experts.
    let p = try FamilyFixtures.records(Self.model(), prompt: 3)
    #expect(close(p.weightsRead(.expertsUpProj), 256 * 4.625))
    #expect(p.ops(.expertsGateProj, .gemm) == 6 * 240)
    // A long prompt touches every expert.
    #expect(
      close(MoEConfig(experts: 8, topK: 2, expertIntermediate: 1).expectedDistinct(tokens: 1000), 8)
    )
  }
}
