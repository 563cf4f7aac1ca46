import Foundation
import Testing

@testable import Trace

@Suite struct WorkloadTests {
  /// A tiny Llama: 1 layer, hidden 8, 2 heads (d 4), 1 KV head, MLP 16,
  /// vocab 10, bf16.
  static let tiny = ModelConfig(
    name: "tiny", family: "llama", layers: 1, hidden: 8, heads: 2, kvHeads: 1, headDim: 4,
    intermediate: 16, vocab: 10, torchDType: .bf16)

  @Test func tinyDecodeGEMMsAndKV() throws {
    let w = try workload(Self.tiny, prompt: 3, generate: 1, [("fusion", "eager")])
    var sink = RecordingSink()
    w.emit(w.decodePass(step: 1), into: &sink)
    let gemm = sink.records.filter { $0.kind == .gemm }.reduce(0) { $0 + $1.ops }
    // m = 1: q 2·8·8 − 8 = 120, k,v 2·8·4 − 4 = 60 each, o 120, gate/up
    // 2·8·16 − 16 = 240 each, down 2·16·8 − 8 = 248, lm_head 2·8·10 − 10 = 150.
    #expect(gemm == 120 + 60 + 60 + 120 + 240 + 240 + 248 + 150)
    // KV: inplace writes one token: 2 × 4 values × 2 B.
    let kvWritten = sink.records.reduce(0) { $0 + $1.written.kv }
    #expect(kvWritten == 16)
    // Attention reads 4 keys (3 + 1) of K and V: 2 × 4 × 4 × 2 B.
    let kvRead = sink.records.reduce(0) { $0 + $1.read.kv }
    #expect(kvRead == 64)
    #expect(sink.records.reduce(0) { $0 + $1.dispatchCalls } == 19 + 3)
  }

  @Test func concatRewritesCache() throws {
    let w = try workload(
      Self.tiny, prompt: 3, generate: 1, [("kv-update", "concat"), ("fusion", "eager")])
    var sink = RecordingSink()
    w.emit(w.decodePass(step: 1), into: &sink)
    // Writes all 4 tokens of K and V: 2 × 4 tokens × 4 × 2 B = 64; reads the
    // old 3 (48) and attention reads 4 (64).
    #expect(sink.records.reduce(0) { $0 + $1.written.kv } == 64)
    #expect(sink.records.reduce(0) { $0 + $1.read.kv } == 48 + 64)
  }

  @Test func chunksAttendToEarlierChunks() throws {
    let w = try workload(Self.tiny, prompt: 10, [("chunk", "4")])
    #expect(w.prefillPasses.map(\.newTokens) == [4, 4, 2])
    #expect(w.prefillPasses.map(\.pastTokens) == [0, 4, 8])
    let whole = WorkloadTotals.of(try workload(Self.tiny, prompt: 10)).prefill
    let chunked = WorkloadTotals.of(w).prefill
    // Causal scores are the same in total; BMM ops equal.
    #expect(close(whole.opsByKind[.bmm] ?? 0, chunked.opsByKind[.bmm] ?? 0))
    #expect(chunked.dispatchCalls > whole.dispatchCalls)
  }

  @Test func tilePadsDecodeBMM() throws {
    let w = try workload(Self.tiny, prompt: 64, generate: 2, [("tile", "64")])
    let t = WorkloadTotals.of(w)
    // Step 1: 65 keys → padded to 128, query 1 → 64.
    #expect(t.steps[0].totals.opsPadded > t.steps[0].totals.ops)
    #expect(t.prefill.opsPadded >= t.prefill.ops)
  }

  @Test func hugePromptDoesNotTrap() throws {
    let w = try workload(
      llama2(), prompt: 1_048_576, generate: 1, [("batch", "256"), ("scores", "full")])
    let t = WorkloadTotals.of(w)
    #expect(t.prefill.ops.isFinite && t.prefill.ops > 0)
    #expect(t.prefill.read.total.isFinite && w.kvCacheBytesPeak.isFinite)
    #expect(!w.warnings.isEmpty)
    let json = WorkloadReport.json(workload: w, totals: t)
    try JSONFormat.checkFinite(json)
  }

  @Test func reportKeys() throws {
    let w = try workload(llama2(), prompt: 8, generate: 2, [("lora-rank", "16")])
    let json = WorkloadReport.json(workload: w, totals: WorkloadTotals.of(w))
    guard case .object(let members) = json else { Issue.record("not an object"); return }
    #expect(
      members.map(\.key) == [
        "schema_version", "model", "options", "prefill", "decode", "lora", "footprint", "warnings",
      ])
    #expect(json["decode"]?["steps"].map { if case .array(let a) = $0 { a.count } else { 0 } } == 2)
    #expect(!WorkloadReport.table(workload: w, totals: WorkloadTotals.of(w)).isEmpty)
  }

  @Test func familiesBuild() throws {
    for name in ModelConfig.presetNames {
      let w = try workload(
        ModelConfig.preset(named: name), prompt: 16, generate: 1, [("weights", "Q4_K_M")])
      let t = WorkloadTotals.of(w)
      #expect(t.prefill.ops > 0 && t.steps[0].totals.read.total > 0, "\(name)")
    }
  }

  /// MoE decode reads only top-k experts' weights at batch 1.
  @Test func moeReadsChosenExperts() throws {
    var m = Self.tiny
    m.moe = MoEConfig(experts: 4, topK: 1, expertIntermediate: 16)
    let w = try workload(m, prompt: 1, generate: 1, [("fusion", "eager")])
    var sink = RecordingSink()
    w.emit(w.decodePass(step: 1), into: &sink)
    let gate = try #require(sink.records.first { $0.site == .expertsGateProj && $0.kind == .gemm })
    // expected distinct experts for 1 token, top-1 of 4: 4·(1 − 0.75) = 1.
    #expect(close(gate.read.weights, 8 * 16 * 2))
  }
}
