import Testing

@testable import Trace

/// Table 5: prefill TOPs and memory (GiB) of Llama-2-7B variants.
/// bf16-bf16 and bf16-int4: eager accounting (--fusion eager --scores full
/// --logits all --embedding table --kv-update concat); bf16-int4-kv4 is a
/// fused variant (Table 3): --fusion fused --kv-update inplace --kv int4.
@Suite struct Table5Tests {
  static let rows:
    [(
      variant: String, prompt: Int, tops: Double, readGiB: Double, writtenGiB: Double, kvGiB: Double
    )] = [
      ("bf16-bf16", 2048, 29.2941, 43.5, 29.0, 1),
      ("bf16-int4", 2048, 29.3074, 34.4, 29.0, 1),
      ("bf16-int4-kv4", 2048, 29.3079, 10.1, 4.4, 0.25),
      ("bf16-bf16", 4096, 63.0379, 106.4, 90.1, 2),
      ("bf16-int4", 4096, 63.0511, 97.3, 90.1, 2),
      ("bf16-int4-kv4", 4096, 63.0522, 16.8, 8.8, 0.5),
    ]

  static func flags(_ variant: String) -> [(String, String)] {
    switch variant {
    case "bf16-bf16": return paperEager + [("weights", "bf16"), ("activations", "bf16")]
    case "bf16-int4": return paperEager + [("weights", "int4"), ("activations", "bf16")]
    default: return paperFused + [("weights", "int4"), ("activations", "bf16"), ("kv", "int4")]
    }
  }

  @Test(arguments: 0..<6) func row(_ index: Int) throws {
    let row = Self.rows[index]
    let w = try workload(llama2(), prompt: row.prompt, Self.flags(row.variant))
    let t = WorkloadTotals.of(w)
    #expect(close(t.prefill.ops / 1e12, row.tops, 0.01), "TOPs \(t.prefill.ops / 1e12)")
    #expect(
      close(t.prefill.read.total / GiB, row.readGiB, 0.15), "read \(t.prefill.read.total / GiB)")
    #expect(
      close(t.prefill.written.total / GiB, row.writtenGiB, 0.15),
      "written \(t.prefill.written.total / GiB)")
    #expect(close(w.kvCacheBytes(tokens: row.prompt) / GiB, row.kvGiB, 0.15))
  }
}
