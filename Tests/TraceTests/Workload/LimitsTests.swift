import Testing

@testable import Trace

/// Context and size limits: warnings beyond max_position_embeddings, finite
/// counts for huge prompts, and a clear error past LIFE's token limit.
@Suite struct LimitsTests {
  @Test func contextWarning() throws {
    // Llama-2-7B: max_position_embeddings 4096.
    #expect(try workload(llama2(), prompt: 4000, generate: 96).warnings.isEmpty)
    let w = try workload(llama2(), prompt: 4000, generate: 97)
    #expect(
      w.warnings.count == 1 && w.warnings[0].contains("4097") && w.warnings[0].contains("4096"))
  }

  @Test func billionTokenPrompt() throws {
    let w = try workload(llama2(), prompt: 1_000_000_000, generate: 1, [("batch", "256")])
    let t = WorkloadTotals.of(w)
    #expect(t.prefill.ops.isFinite && t.prefill.ops > 0 && t.steps[0].totals.read.kv.isFinite)
    #expect(w.kvCacheBytesPeak.isFinite && w.kvCacheBytesPeak > 0)
    try JSONFormat.checkFinite(WorkloadReport.json(workload: w, totals: t))
  }

  @Test func beyondTheLimitIsAnError() throws {
    for (prompt, batch) in [(1 << 40, 2), (Int.max, 1), (1 << 30, 1 << 20)] {
      do {
        _ = try workload(llama2(), prompt: prompt, generate: 1, [("batch", "\(batch)")])
        Issue.record("expected an error for \(prompt) × \(batch)")
      } catch {
        #expect("\(error)".contains("2^40"))
      }
    }
  }

  @Test func configSizesAreBounded() throws {
    let text =
      #"{"model_type": "llama", "hidden_size": 99999999999, "num_hidden_layers": 1, "num_attention_heads": 1, "vocab_size": 10, "intermediate_size": 8}"#
    do {
      _ = try ModelConfig.parse(JSONNode.parse(text, file: "big.json"), name: "big")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("big.json") && error.description.contains("hidden_size"))
    }
  }
}
