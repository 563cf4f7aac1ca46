import Testing

@testable import Trace

/// Table 12: one full-model LoRA merge of Llama-2-7B (GOPs per Linear, and
/// the ×32 total).
@Suite struct Table12Tests {
  static let ranks = [16, 32, 64, 128]
  static let perLayer: [[Double]] = [
    [0.6, 1.1, 2.2, 4.3], [0.6, 1.1, 2.2, 4.3], [0.6, 1.1, 2.2, 4.3], [0.6, 1.1, 2.2, 4.3],
    [1.5, 3.0, 5.9, 11.6], [1.5, 3.0, 5.9, 11.6], [1.5, 3.0, 5.9, 11.6],
  ]
  static let totals = [220.2, 427.4, 841.9, 1670.8]

  @Test(arguments: 0..<4) func rank(_ index: Int) throws {
    let r = Self.ranks[index]
    let w = try workload(llama2(), prompt: 1, [("lora-rank", String(r))])
    for (i, shape) in w.loraLayerShapes.enumerated() {
      let gops = LoRALinear.mergeOps(k: shape.k, n: shape.n, rank: r) / 1e9
      #expect(abs(gops - Self.perLayer[i][index]) <= 0.05 + 1e-9, "\(shape.name) \(gops)")
    }
    let total = try #require(w.loraMergeOps) / 1e9
    #expect(close(total, Self.totals[index], 0.01), "total \(total)")
  }
}
