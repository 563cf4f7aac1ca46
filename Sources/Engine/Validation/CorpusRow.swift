import Trace

/// One corpus row as the file gives it: one published measurement of one
/// metric, with where it was published and every run condition stated
/// (docs/accuracy.md, "The corpus"). Empty cells are nil: not stated.
package struct CorpusRow: Sendable, Equatable {
  /// Stable id (`lc-0012`).
  package var id: String
  /// The publication's short id (`llamacpp-p4812`, `argonne-llmib`).
  package var source: String
  /// The page or file.
  package var url: String
  /// Where on the page the number is.
  package var locator: String
  /// A device preset name.
  package var device: String
  /// A runtime name.
  package var runtime: String
  /// The runtime's version or commit as printed.
  package var build: String?
  /// A model preset name.
  package var model: String
  /// Weight storage as printed (`Q4_0`, `fp16`, `w4a16`).
  package var weights: String?
  /// KV-cache dtype.
  package var kv: String?
  /// Flash attention on or off.
  package var flashAttention: Bool?
  /// Concurrent sequences.
  package var batch: Int?
  /// llama.cpp's micro-batch (tokens per prompt pass).
  package var ubatch: Int?
  /// CPU threads.
  package var threads: Int?
  /// Prompt tokens of the measured pass.
  package var prompt: Int?
  /// Generated tokens.
  package var generate: Int?
  /// Tokens already in the KV cache.
  package var depth: Int?
  /// What was measured.
  package var metric: CorpusMetric
  /// The value as printed, in the metric's unit.
  package var value: Double
  /// Run conditions without a column, caveats and curation remarks.
  package var note: String
  /// The 1-based line the row starts on.
  package var line: Int

  /// The measured quantity in its canonical unit (ms or tokens/s).
  package var measured: Double { value * metric.scale }

  /// Whether the curator flagged the row as missing a token count needed to
  /// forecast it.
  package var isUnderspecified: Bool { note.contains("UNDERSPECIFIED:") }

  /// For `e2e_tok_s`: whether the prompt tokens count in the numerator
  /// (`(prompt+output)/total`) or only the output (`output/total`); nil when
  /// the note states neither.
  package var e2eCountsPrompt: Bool? {
    if note.contains("e2e definition: (prompt+output)/total") { return true }
    if note.contains("e2e definition: output/total") { return false }
    return nil
  }
}
