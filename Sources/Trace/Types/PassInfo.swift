/// One forward pass: the prefill (or one chunk of it), one decode step, or
/// one step of a serving engine that mixes prompt chunks and decode tokens
/// of several sequences (``sequences``).
public struct PassInfo: Sendable, Equatable {
  /// The phase: of every sequence in a uniform pass; in a mixed pass
  /// `prefill` when any group is in prefill.
  public var phase: Phase
  /// 0 for prefill passes; the 1-based decode step otherwise (a serving
  /// engine numbers its passes from 1).
  public var step: Int
  /// The 0-based prefill chunk (0 when unchunked and in decode).
  public var chunk: Int
  /// The number of prefill chunks (1 when unchunked; 1 in decode).
  public var chunks: Int
  /// The sequences of the pass in groups of alike ones (at least one).
  package var sequences: [SequenceGroup]

  /// A uniform pass: `batch` sequences, each with `newTokens` new tokens on
  /// `pastTokens` cached ones.
  package init(
    phase: Phase, step: Int, chunk: Int = 0, chunks: Int = 1, newTokens: Int, pastTokens: Int,
    batch: Int
  ) {
    self.phase = phase
    self.step = step
    self.chunk = chunk
    self.chunks = chunks
    self.sequences = [
      SequenceGroup(
        count: batch, newTokens: newTokens, pastTokens: pastTokens, phase: phase,
        endsPrompt: chunk >= chunks - 1)
    ]
  }

  /// A pass over `sequences` (a serving step), numbered `step`.
  package init(step: Int, sequences: [SequenceGroup]) {
    self.phase = sequences.contains { $0.phase == .prefill } ? .prefill : .decode
    self.step = step
    self.chunk = 0
    self.chunks = 1
    self.sequences = sequences
  }

  /// New tokens per sequence (the largest group's in a mixed pass).
  public var newTokens: Int {
    sequences.count == 1 ? sequences[0].newTokens : sequences.map(\.newTokens).max() ?? 0
  }
  /// Tokens already in the KV cache before this pass (the longest in a
  /// mixed pass).
  public var pastTokens: Int {
    sequences.count == 1 ? sequences[0].pastTokens : sequences.map(\.pastTokens).max() ?? 0
  }
  /// Sequences in the pass.
  public var batch: Int {
    sequences.count == 1 ? sequences[0].count : sequences.reduce(0) { $0 + $1.count }
  }

  /// Keys attended to by the last new token: past + new (the longest in a
  /// mixed pass).
  public var kvLength: Int {
    sequences.count == 1 ? sequences[0].kvLength : sequences.map(\.kvLength).max() ?? 0
  }

  /// Rows of the pass's GEMMs: Σ count × new tokens.
  package var rows: Int {
    sequences.count == 1 ? sequences[0].rows : sequences.reduce(0) { $0 + $1.rows }
  }

  /// Tokens processed in the pass across the batch: the x-axis of efficiency
  /// curves (prompt or chunk tokens × batch in prefill, batch in decode; Σ
  /// new tokens in a mixed pass).
  package var tokensProcessed: Double {
    if sequences.count == 1 { return Double(sequences[0].newTokens) * Double(sequences[0].count) }
    return sequences.reduce(0) { $0 + Double($1.newTokens) * Double($1.count) }
  }

  /// Resident KV bytes after the pass when every token of every sequence
  /// costs `perToken`: Σ perToken × count × (past + new).
  package func kvBytes(perToken: Double) -> Double {
    var total = 0.0
    for group in sequences { total += perToken * Double(group.count) * Double(group.kvLength) }
    return total
  }
}
