import Testing

@testable import Trace

/// Helpers for the per-family hand-computed tests: tiny configs parsed from
/// config.json text (so the loader is exercised too) and one pass's records.
enum FamilyFixtures {
  /// A tiny config.json: hidden 8, 2 heads of 4, 1 KV head, MLP 16, vocab
  /// 10, bf16, untied; `extra` is spliced in (family keys, overrides).
  static func config(_ family: String, layers: Int = 1, extra: String = "") throws -> ModelConfig {
    let text = """
      {"model_type": "\(family)", "hidden_size": 8, "num_hidden_layers": \(layers),
       "num_attention_heads": 2, "num_key_value_heads": 1, "intermediate_size": 16,
       "vocab_size": 10, "torch_dtype": "bfloat16", "tie_word_embeddings": false,
       "max_position_embeddings": 64\(extra.isEmpty ? "" : ", " + extra)}
      """
    return try ModelConfig.parse(JSONNode.parse(text, file: "\(family).json"), name: family)
  }

  /// The records of prefill (step 0) or decode step `step`, eager unless
  /// flags say otherwise.
  static func records(
    _ model: ModelConfig, prompt: Int, step: Int = 0, _ flags: [(String, String)] = []
  ) throws -> [OpRecord] {
    let w = try workload(
      model, prompt: prompt, generate: max(step, 1), [("fusion", "eager")] + flags)
    var sink = RecordingSink()
    if step == 0 {
      for pass in w.prefillPasses { w.emit(pass, into: &sink) }
    } else {
      w.emit(w.decodePass(step: step), into: &sink)
    }
    return sink.records
  }
}

extension [OpRecord] {
  func ops(_ kind: OpKind) -> Double { filter { $0.kind == kind }.reduce(0) { $0 + $1.ops } }
  func ops(_ site: OpSite, _ kind: OpKind? = nil) -> Double {
    filter { $0.site == site && (kind == nil || $0.kind == kind) }.reduce(0) { $0 + $1.ops }
  }
  func ops(layer: Int, _ kind: OpKind) -> Double {
    filter { $0.layer == layer && $0.kind == kind }.reduce(0) { $0 + $1.ops }
  }
  var weightsRead: Double { reduce(0) { $0 + $1.read.weights } }
  func weightsRead(_ site: OpSite) -> Double {
    filter { $0.site == site }.reduce(0) { $0 + $1.read.weights }
  }
  var kvRead: Double { reduce(0) { $0 + $1.read.kv } }
  var kvWritten: Double { reduce(0) { $0 + $1.written.kv } }
  func kvRead(layer: Int) -> Double { filter { $0.layer == layer }.reduce(0) { $0 + $1.read.kv } }
  var dispatches: Int { reduce(0) { $0 + $1.dispatchCalls } }
}
