import Testing

@testable import Trace

/// QuaRot's online Hadamard transforms (`--rotation hadamard`) on the tiny
/// Llama of the family tests (hidden 8, 2 heads of 4, 1 KV head, MLP 16).
@Suite struct QuaRotTests {
  @Test func hadamardOperator() {
    // n·log2(n): 8 → 24 ops; 11008 → 11008·log2(11008).
    #expect(Hadamard.opsPerVector(size: 8) == 24 && Hadamard.opsPerVector(size: 1) == 0)
    let c = Hadamard.cost(vectors: 3, size: 8, bytes: 2)
    #expect(c.ops == 72 && c.read.activations == 48 && c.written.activations == 48)
  }

  @Test func tinyDecode() throws {
    let m = try FamilyFixtures.config("llama")
    let r = try FamilyFixtures.records(m, prompt: 3, step: 1, [("rotation", "hadamard")])
    // Q and K heads after RoPE: 3 vectors × 4·log2 4 = 24; across heads before
    // o_proj: 4 vectors × 2·log2 2 = 8; before down_proj: 16·log2 16 = 64.
    #expect(r.ops(.qkHadamard) == 24 && r.ops(.oHadamard) == 8 && r.ops(.downHadamard) == 64)
    #expect(r.ops(.hadamard) == 96)
    #expect(r.dispatches == 19 + 3 + 3)
    let fused = try FamilyFixtures.records(
      m, prompt: 3, step: 1, [("rotation", "hadamard"), ("fusion", "fused")])
    #expect(
      fused.filter { $0.kind == .hadamard }.allSatisfy {
        $0.dispatchCalls == 0 && $0.read.total == 0
      })
  }

  @Test func w4a4kv4() throws {
    let m = try FamilyFixtures.config("llama")
    let flags = [
      ("weights", "int4"), ("activations", "int4"), ("kv", "int4"), ("rotation", "hadamard"),
    ]
    let w = try workload(m, prompt: 3, generate: 1, flags)
    #expect(w.matmulInputType == .int4 && w.kvType == .int4 && w.activationType == .bf16)
    let r = try FamilyFixtures.records(m, prompt: 3, step: 1, flags)
    // Every GEMM input is quantized: the q_proj input 8 values → 2·8 ops,
    // read 16 B of bf16, written 4 B of int4 + 8/128 scales × 2 B.
    let q = try #require(r.first { $0.site == .qProj && $0.kind == .quantize })
    #expect(q.ops == 16 && q.read.activations == 16 && q.written.activations == 4 + 0.125)
    // int4 KV: 0.5 B + 2 B / 4 (one bf16 scale per head of 4) per element:
    // one token × 8 elements × 1 B written.
    #expect(r.kvWritten == 8)
  }
}
