import Testing

@testable import Trace

/// Gemma 2 on a tiny config: 2 layers, explicit head_dim 6 (≠ 8 / 2),
/// sliding window 4 on even layers, attention soft-cap 50, final soft-cap
/// 30, sandwich norms, √h embedding scale.
@Suite struct Gemma2Tests {
  static func model() throws -> ModelConfig {
    try FamilyFixtures.config(
      "gemma2", layers: 2,
      extra:
        #""head_dim": 6, "sliding_window": 4, "attn_logit_softcapping": 50.0, "final_logit_softcapping": 30.0"#
    )
  }

  @Test func decode() throws {
    let m = try Self.model()
    #expect(m.headDim == 6)
    let r = try FamilyFixtures.records(m, prompt: 6, step: 1)
    // q 2·8·12 − 12 = 180, k and v 2·8·6 − 6 = 90, o 2·12·8 − 8 = 184,
    // MLP 728: 1272 per layer × 2 + lm_head 150 = 2694.
    #expect(r.ops(.gemm) == 2694)
    // kv_len 7: layer 0 (sliding) reads 4 keys, layer 1 all 7:
    // 2 × keys × 6 × 2 B = 96 and 168.
    #expect(r.kvRead(layer: 0) == 96 && r.kvRead(layer: 1) == 168)
    // Soft-cap 3 ops per score (x/c, tanh, ·c): 2 heads × 4 and × 7 scores →
    // 24 + 42; the logits 10 × 3 = 30.
    #expect(r.ops(.attnSoftcap) == 66 && r.ops(.logitSoftcap) == 30)
    // √h scale: one multiply per embedding element.
    #expect(r.ops(.embedTokens) == 8)
    // Per layer 19 + pre/post feedforward norms + soft-cap = 22; + 3 + the
    // logit soft-cap.
    #expect(r.dispatches == 2 * 22 + 4)
    // Four norms per layer (8 weights × 2 B each).
    #expect(r.filter { $0.kind == .norm && $0.layer == 0 }.count == 4)
  }

  @Test func prefill() throws {
    let r = try FamilyFixtures.records(Self.model(), prompt: 6)
    // Layer 0: 18 windowed scores per head, layer 1: 21 causal; Q·Kᵀ
    // (2·6 − 1) = 11 ops per score: 2·18·11 + 2·21·11 = 396 + 462.
    #expect(r.ops(.scores, .bmm) == 858)
    #expect(r.ops(.attnSoftcap) == (36 + 42) * 3 && r.ops(.logitSoftcap) == 30)
  }
}
