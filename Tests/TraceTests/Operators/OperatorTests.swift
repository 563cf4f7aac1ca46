import Testing

@testable import Trace

@Suite struct OperatorTests {
  @Test func linear() {
    // m=2, k=3, n=4, bf16: ops 2·2·3·4 − 2·4 = 40, + bias 8 = 48.
    let c = Linear.cost(m: 2, k: 3, n: 4, bias: true, activationBytes: 2, weightBytesPerElement: 2)
    #expect(c.ops == 48)
    #expect(c.read.activations == 12)  // 2·3·2
    #expect(c.read.weights == 24 + 8)  // 3·4·2 + 4·2
    #expect(c.written.activations == 16)  // 2·4·2
  }

  @Test func dequantizePaperInt4() {
    // int4 g128, bf16 scale, int4 zero: k=256, n=2: 512 weights, 4 groups.
    let f = WeightFormat.groupInteger(bits: 4, group: 128)
    #expect(close(f.bitsPerWeight, 4 + 16.0 / 128 + 4.0 / 128))
    let d = Dequantize.weights(k: 256, n: 2, format: f)
    #expect(d.ops == 1024)  // 2 · 512
    #expect(close(d.read.weights, 4 * 2 + 4 * 0.5))  // 4 scales × 2 B + 4 zeros × 0.5 B
    // fp32 activations: scale 4 B.
    #expect(close(f.resolved(activation: .fp32).bitsPerWeight, 4 + 32.0 / 128 + 4.0 / 128))
    let q = Dequantize.quantize(elements: 256, from: .bf16, to: .int8)
    #expect(q.ops == 512 && q.read.activations == 512 && q.written.activations == 256 + 4)
  }

  @Test func bmm() {
    // b=2, m=3, k=4, n=5: 2·2·3·4·5 − 2·3·5 = 240 − 30 = 210.
    let c = BMM.cost(b: 2, m: 3, k: 4, n: 5, bytes: 2)
    #expect(c.ops == 210)
    #expect(c.read.activations == (24 + 40) * 2 && c.written.activations == 30 * 2)
    #expect(BMM.padded(65, tile: 64) == 128 && BMM.padded(64, tile: 64) == 64)
  }

  @Test func elementwiseAndNonLinear() {
    let e = Elementwise.cost(elements: 6, bytes: 2)
    #expect(e.ops == 6 && e.read.activations == 24 && e.written.activations == 12)
    let pwl = NonLinear.cost(elements: 10, bytes: 2, mode: .pwl)
    #expect(pwl.ops == 20)  // 2 per element
    #expect(pwl.read.activations == 20 + 2 * 256 * 2)  // values + slope/intercept table
    let poly = NonLinear.cost(elements: 10, bytes: 2, mode: .poly)
    #expect(poly.ops == 80)  // degree 4 Horner: 8 per element
  }

  @Test func embedding() {
    let table = Embedding.cost(tokens: 3, vocab: 100, hidden: 8, bytes: 2, mode: .table)
    #expect(table.read.weights == 1600 && table.written.activations == 48)
    let rows = Embedding.cost(tokens: 3, vocab: 100, hidden: 8, bytes: 2, mode: .rows)
    #expect(rows.read.weights == 48)
  }

  @Test func loraLinear() {
    // k=8, n=4, r=2: per call 2·8·2·4 + 8·4 = 128 + 32 = 160; reads (16 + 8)·2.
    let c = LoRALinear.perCall(k: 8, n: 4, rank: 2, bytes: 2)
    #expect(c.ops == 160 && c.read.weights == 48)
    // merge: 128 + 2·32 = 192.
    #expect(LoRALinear.mergeOps(k: 8, n: 4, rank: 2) == 192)
  }

  @Test func inverseRopeNormSoftmax() {
    #expect(Inverse.ops(elements: 2) == 14 && Inverse.sqrtOpsPerElement == 10)
    // RoPE: 2 vectors of head dim 4, all rotated: 3·8 = 24 ops; tables 2·1·4 values.
    let r = RoPE.cost(vectors: 2, headDim: 4, rotaryDim: 4, tokens: 1, bytes: 2)
    #expect(r.ops == 24 && r.read.activations == 16 + 16 && r.written.activations == 16)
    // RMSNorm 2 × 4: 4·8 + 2·(2 + 10) = 56.
    let n = Norm.cost(rows: 2, cols: 4, bytes: 2)
    #expect(n.ops == 56 && n.read.weights == 8)
    // LayerNorm 2 × 4: 7·8 + 2·13 = 82.
    // Reads 8 values (16 B) and weight + bias (2·4·2 = 16 B), writes 16 B.
    let ln = Norm.cost(rows: 2, cols: 4, bytes: 2, kind: .layer)
    #expect(ln.ops == 82 && ln.read.activations == 16 && ln.read.weights == 16)
    #expect(ln.written.activations == 16)
    // Softmax 2 rows, 8 elements, exact: 5·8 + 7·2 = 54.
    #expect(Softmax.cost(rows: 2, elements: 8, bytes: 2, mode: .exact).ops == 54)
  }

  @Test func attentionEagerAndFused() {
    // 1 sequence, 2 queries, no past, 2 heads, 1 KV head, d=4, causal: 3
    // scores per head (1 + 2), 6 in all.
    let att = Attention(
      batch: 1, queries: 2, past: 0, heads: 2, kvHeads: 1, qkDim: 4, vDim: 4, causal: true,
      bytes: 2, kvBytes: 2)
    #expect(att.scoresPerHead == 3)
    let qk = att.scoresBMM(fused: false)
    #expect(qk.ops == 6 * 7)  // (2·4 − 1) per score
    #expect(qk.read.activations == 16 * 2 && qk.read.kv == 8 * 2 && qk.written.activations == 12)
    let pv = att.contextBMM(fused: false)
    #expect(pv.ops == 6 * 8 - 4 * 4)  // 2·d per score − d per row (4 rows)
    let fused = att.total(fused: true)
    let eager = att.total(fused: false)
    #expect(fused.ops == eager.ops)
    #expect(fused.read.total < eager.read.total && fused.written.total < eager.written.total)
    // Sliding window 1 over 3 keys in decode: reads one key.
    let win = Attention(
      batch: 1, queries: 1, past: 2, heads: 1, kvHeads: 1, qkDim: 4, vDim: 4, window: 1,
      causal: true, bytes: 2, kvBytes: 2)
    #expect(win.keysRead == 1 && win.scoresPerHead == 1)
  }
}
