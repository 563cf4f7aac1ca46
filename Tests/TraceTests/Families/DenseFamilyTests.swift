import Testing

@testable import Trace

/// Hand-computed prefill and decode of tiny dense configs of each family:
/// hidden 8, 2 heads of d 4, 1 KV head, MLP 16, vocab 10, bf16 (2 B), one
/// layer, eager, inplace KV, causal scores, last-token logits.
///
/// Linear [m, k] × [k, n] = 2mkn − mn ops. Per row: q 2·8·8 − 8 = 120,
/// k and v 2·8·4 − 4 = 60, o 120, gate and up 2·8·16 − 16 = 240, down
/// 2·16·8 − 8 = 248: 1088 per layer; lm_head 2·8·10 − 10 = 150 per logit row.
@Suite struct DenseFamilyTests {
  @Test func llamaPrefillAndDecode() throws {
    let m = try FamilyFixtures.config("llama")
    let prefill = try FamilyFixtures.records(m, prompt: 3)
    // 3 rows: 3·1088 + one logit row 150 = 3414.
    #expect(prefill.ops(.gemm) == 3414)
    // Causal: per head 1 + 2 + 3 = 6 scores. Q·Kᵀ 2 heads·6·(2·4 − 1) = 84;
    // P·V 12 scores·2·4 − 6 rows·4 = 72.
    #expect(prefill.ops(.scores, .bmm) == 84 && prefill.ops(.context, .bmm) == 72)
    // Writes 3 tokens × (K 4 + V 4) × 2 B = 48; attention reads them back.
    #expect(prefill.kvWritten == 48 && prefill.kvRead == 48)
    let decode = try FamilyFixtures.records(m, prompt: 3, step: 1)
    #expect(decode.ops(.gemm) == 1088 + 150)
    // 4 keys × 8 × 2 B read; one token × 8 × 2 B written.
    #expect(decode.kvRead == 64 && decode.kvWritten == 16)
    // Weights: embedding row 8·2 = 16, two norms and the final norm 16 each,
    // q 128, k 64, v 64, o 128, gate/up/down 256 each, lm_head 160.
    #expect(decode.weightsRead == 1376)  // 16 + 48 + 384 + 768 + 160
    #expect(decode.dispatches == 19 + 3)
  }

  @Test func qwen2BiasOnQKV() throws {
    let m = try FamilyFixtures.config("qwen2")
    #expect(m.qkvBias)
    let prefill = try FamilyFixtures.records(m, prompt: 3)
    // + bias mn: q 8·3, k 4·3, v 4·3 = 48.
    #expect(prefill.ops(.gemm) == 3414 + 48)
    let decode = try FamilyFixtures.records(m, prompt: 3, step: 1)
    #expect(decode.ops(.gemm) == 1238 + 16)
    // Bias values read: q 8·2, k and v 4·2 each = 32 B more than llama.
    #expect(decode.weightsRead(.qProj) == 128 + 16 && decode.weightsRead(.kProj) == 64 + 8)
    #expect(decode.weightsRead == 1376 + 32)
  }

  @Test func qwen3QKNorms() throws {
    let m = try FamilyFixtures.config("qwen3")
    #expect(m.qkNorm && !m.qkvBias)
    let decode = try FamilyFixtures.records(m, prompt: 3, step: 1)
    // RMSNorm 4 ops per element + 12 per row: q 2 rows × 4 = 8 elements →
    // 32 + 24 = 56; k 1 row → 16 + 12 = 28.
    #expect(decode.ops(.qNorm) == 56 && decode.ops(.kNorm) == 28)
    // Each reads its d = 4 weights (8 B).
    #expect(decode.weightsRead == 1376 + 16)
    #expect(decode.dispatches == 21 + 3)
    let prefill = try FamilyFixtures.records(m, prompt: 3)
    #expect(prefill.ops(.qNorm) == 3 * 56 && prefill.ops(.kNorm) == 3 * 28)
  }

  @Test func mistralSlidingWindow() throws {
    let m = try FamilyFixtures.config("mistral", extra: #""sliding_window": 4"#)
    #expect(m.slidingWindow == 4)
    let prefill = try FamilyFixtures.records(m, prompt: 6)
    // Query i sees min(4, i) keys: 1 + 2 + 3 + 4 + 4 + 4 = 18 per head;
    // Q·Kᵀ 2·18·7 = 252.
    #expect(prefill.ops(.scores, .bmm) == 252)
    let decode = try FamilyFixtures.records(m, prompt: 6, step: 1)
    // kv_len 7, the window reads 4 keys: 2 × 4 × 4 × 2 B = 64 (not 112).
    #expect(decode.kvRead == 64)
    #expect(decode.ops(.scores, .bmm) == 2 * 4 * 7)
    // Resident cache after the prompt: 4 tokens × 8 × 2 B.
    let w = try workload(m, prompt: 6)
    #expect(w.kvCacheBytes(tokens: 6) == 64)
  }

  @Test func phi3FusedProjectionsPartialRotary() throws {
    let m = try FamilyFixtures.config("phi3", extra: #""partial_rotary_factor": 0.5"#)
    let decode = try FamilyFixtures.records(m, prompt: 3, step: 1)
    // qkv n = 8 + 4 + 4 = 16: 2·8·16 − 16 = 240; gate_up n = 32: 480.
    #expect(decode.ops(.qkvProj, .gemm) == 240 && decode.ops(.gateUpProj, .gemm) == 480)
    #expect(decode.ops(.gemm) == 1238)
    // RoPE rotates 2 of 4 dims: 3 ops × 3 vectors × 2 = 18.
    #expect(decode.ops(.rope) == 18)
    #expect(decode.dispatches == 16 + 3)
    let prefill = try FamilyFixtures.records(m, prompt: 3)
    #expect(prefill.ops(.rope) == 54 && prefill.ops(.gemm) == 3414)
  }
}
