/// One forward pass: the prefill (or one chunk of it) or one decode step.
public struct PassInfo: Sendable, Equatable {
  /// The phase.
  public var phase: Phase
  /// 0 for prefill passes; the 1-based decode step otherwise.
  public var step: Int
  /// The 0-based prefill chunk (0 when unchunked and in decode).
  public var chunk: Int
  /// The number of prefill chunks (1 when unchunked; 1 in decode).
  public var chunks: Int
  /// New tokens per sequence in this pass (prompt or chunk length; 1 in decode).
  public var newTokens: Int
  /// Tokens already in the KV cache before this pass.
  public var pastTokens: Int
  /// Sequences in the batch.
  public var batch: Int

  /// Creates a pass description.
  package init(
    phase: Phase, step: Int, chunk: Int = 0, chunks: Int = 1, newTokens: Int, pastTokens: Int,
    batch: Int
  ) {
    self.phase = phase
    self.step = step
    self.chunk = chunk
    self.chunks = chunks
    self.newTokens = newTokens
    self.pastTokens = pastTokens
    self.batch = batch
  }

  /// Keys attended to by the last new token: past + new.
  public var kvLength: Int { pastTokens + newTokens }

  /// Tokens processed in the pass across the batch: the x-axis of efficiency
  /// curves (prompt or chunk tokens × batch in prefill, batch in decode).
  package var tokensProcessed: Double { Double(newTokens) * Double(batch) }
}
