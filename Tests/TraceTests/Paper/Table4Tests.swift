import Testing

@testable import Trace

/// Table 4: prefill TOPs of Llama-2-7B bf16-bf16 vs prompt length, GEMM and
/// BMM shares, KV size (GiB). Flags: --weights bf16 --activations bf16
/// --fusion eager --scores full --logits all --embedding table --kv-update concat.
@Suite struct Table4Tests {
  static let rows: [(prompt: Int, gemm: Double, bmm: Double, tops: Double, kvGiB: Double)] = [
    (256, 99.0, 1.0, 3.42, 0.1), (1024, 96.0, 3.9, 14.09, 0.5), (2048, 92.4, 7.5, 29.29, 1.0),
    (4096, 85.9, 14.0, 63.04, 2.0), (8192, 75.2, 24.5, 143.87, 4.0),
    (16384, 60.3, 39.1, 358.94, 8.0), (32768, 43.2, 56.0, 1002.67, 16.0),
    (65536, 27.5, 71.6, 3144.41, 32.0),
  ]

  @Test(arguments: 0..<8) func row(_ index: Int) throws {
    let row = Self.rows[index]
    let w = try workload(
      llama2(), prompt: row.prompt, paperEager + [("weights", "bf16"), ("activations", "bf16")])
    let t = WorkloadTotals.of(w)
    let ops = t.prefill.ops
    #expect(close(ops / 1e12, row.tops, 0.01), "TOPs \(ops / 1e12) vs \(row.tops)")
    let gemm = 100 * (t.prefill.opsByKind[.gemm] ?? 0) / ops
    let bmm = 100 * (t.prefill.opsByKind[.bmm] ?? 0) / ops
    #expect(abs(gemm - row.gemm) <= 0.5, "GEMM share \(gemm) vs \(row.gemm)")
    #expect(abs(bmm - row.bmm) <= 0.5, "BMM share \(bmm) vs \(row.bmm)")
    let kv = w.kvCacheBytes(tokens: row.prompt) / GiB
    // The paper prints one decimal.
    #expect(abs(kv - row.kvGiB) <= 0.05 + 1e-9, "KV \(kv) GiB vs \(row.kvGiB)")
  }
}
