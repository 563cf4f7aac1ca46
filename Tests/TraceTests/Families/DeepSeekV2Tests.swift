import Testing

@testable import Trace

/// DeepSeek-V2 on a tiny config: 2 layers (layer 0 dense, layer 1 MoE with 4
/// routed experts of 4, top-2, one shared expert), MLA with no q LoRA,
/// kv_lora_rank 4, nope 2, rope 2, v 2; hidden 8, 2 heads.
///
/// Per decode row, both forms: q_proj [1, 8] × [8, 2·(2 + 2)] = 120,
/// kv_a [1, 8] × [8, 4 + 2] = 90, o_proj [1, 4] × [4, 8] = 56; dense MLP
/// 240 + 240 + 248 = 728; MoE: 2 slots × (60 + 60 + 56) = 352, shared
/// 60 + 60 + 56 = 176; lm_head 150.
@Suite struct DeepSeekV2Tests {
  static func model() throws -> ModelConfig {
    try FamilyFixtures.config(
      "deepseek_v2", layers: 2,
      extra:
        #""n_routed_experts": 4, "num_experts_per_tok": 2, "moe_intermediate_size": 4, "n_shared_experts": 1, "first_k_dense_replace": 1, "q_lora_rank": null, "kv_lora_rank": 4, "qk_nope_head_dim": 2, "qk_rope_head_dim": 2, "v_head_dim": 2"#
    )
  }

  @Test func onlineDecode() throws {
    let r = try FamilyFixtures.records(Self.model(), prompt: 3, step: 1, [("mla-form", "online")])
    // kv_b over 4 cached latents: [4, 4] × [4, 2·(2 + 2)] = 2·4·4·8 − 32 = 224.
    #expect(r.ops(.kvbProj, .gemm) == 2 * 224)
    // 2·(120 + 90 + 224 + 56) + 728 + 352 + 176 + 150 = 2386.
    #expect(r.ops(.gemm) == 2386)
    // MHA over 4 keys, qk 4, v 2: Q·Kᵀ 2·4·7 = 56; P·V 8·2·2 − 2·2 = 28.
    #expect(r.ops(layer: 1, .bmm) == 56 + 28)
    // The cache (4 tokens × (4 + 2) × 2 B = 48) is read by kv_b; one token
    // (12 B) is written per layer.
    #expect(r.kvRead == 2 * 48 && r.kvWritten == 2 * 12)
    // MoE: 4·(1 − 0.5) = 2 experts × 8·4·2 B; router 2·8·4 − 4 + 4·7 = 88.
    #expect(r.weightsRead(.expertsGateProj) == 2 * 64 && r.ops(.router) == 88)
    #expect(r.weightsRead(.sharedGateProj) == 64 && r.weightsRead(.gateProj) == 256)
  }

  @Test func absorbedDecode() throws {
    let r = try FamilyFixtures.records(Self.model(), prompt: 3, step: 1, [("mla-form", "absorbed")])
    #expect(r.ops(.kvbProj) == 0)
    // q_absorb: per head [1, 2] × [2, 4] = 12, × 2 heads = 24; v_absorb per
    // head [1, 4] × [4, 2] = 14, × 2 = 28.
    #expect(r.ops(.qAbsorb, .gemm) == 2 * 24 && r.ops(.vAbsorb, .gemm) == 2 * 28)
    // 2·(120 + 90 + 24 + 28 + 56) + 728 + 352 + 176 + 150 = 2042.
    #expect(r.ops(.gemm) == 2042)
    // Latent MQA: Q·Kᵀ 2 heads × 4 keys × (2·6 − 1) = 88; P·V 8·2·4 − 2·4 = 56.
    #expect(r.ops(layer: 0, .bmm) == 88 + 56)
    // Eager: Q·Kᵀ reads 4 × 6 × 2 B = 48, P·V 4 × 4 × 2 B = 32, per layer.
    #expect(r.kvRead == 2 * (48 + 32))
    // The absorbed matrices are kv_b's weights: 2·2·4 + 2·4·2 = 32 values.
    #expect(r.weightsRead(.qAbsorb) + r.weightsRead(.vAbsorb) == 2 * 64)
    let fused = try FamilyFixtures.records(
      Self.model(), prompt: 3, step: 1, [("mla-form", "absorbed"), ("fusion", "fused")])
    // Fused: the latent is read once, for keys and values.
    #expect(fused.kvRead == 2 * 48)
  }

  /// The default (auto) runs decode absorbed and prefill online.
  @Test func defaultFormPerPhase() throws {
    let decode = try FamilyFixtures.records(Self.model(), prompt: 3, step: 1)
    let absorbed = try FamilyFixtures.records(
      Self.model(), prompt: 3, step: 1, [("mla-form", "absorbed")])
    #expect(decode.ops(.gemm) == absorbed.ops(.gemm) && decode.ops(.kvbProj) == 0)
    let prefill = try FamilyFixtures.records(Self.model(), prompt: 3)
    let online = try FamilyFixtures.records(Self.model(), prompt: 3, [("mla-form", "online")])
    #expect(prefill.ops(.gemm) == online.ops(.gemm) && prefill.ops(.kvbProj, .gemm) == 2 * 168)
  }

  @Test func prefillBothForms() throws {
    let online = try FamilyFixtures.records(Self.model(), prompt: 3)
    // kv_b over the 3 prompt tokens: 2·3·4·8 − 24 = 168 per layer.
    #expect(online.ops(.kvbProj, .gemm) == 2 * 168)
    // Causal 6 scores per head: Q·Kᵀ 2·6·7 = 84.
    #expect(online.ops(.scores, .bmm) == 2 * 84)
    // 3 tokens: 4·(1 − 0.5^3) = 3.5 experts.
    #expect(online.weightsRead(.expertsGateProj) == 3.5 * 64)
    let absorbed = try FamilyFixtures.records(Self.model(), prompt: 3, [("mla-form", "absorbed")])
    // Q·Kᵀ 2·6·11 = 132; q_absorb 3 rows: 2 heads × (2·3·2·4 − 12) = 72.
    #expect(absorbed.ops(.scores, .bmm) == 2 * 132 && absorbed.ops(.qAbsorb, .gemm) == 2 * 72)
    #expect(absorbed.kvWritten == online.kvWritten)
  }
}
