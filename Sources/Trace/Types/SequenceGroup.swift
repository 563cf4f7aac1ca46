/// Sequences of one pass that are alike: the same new tokens on top of the
/// same past, in the same phase. A pass is a list of such groups: a uniform
/// batch is one group of `batch` sequences; a continuous-batching step mixes
/// prompt chunks and decode tokens of different lengths, one group each.
///
/// GEMMs and the other row-wise operators run over the rows of every group
/// together (Σ count × newTokens); attention runs per sequence, each over its
/// own keys, and is summed into one ragged kernel.
package struct SequenceGroup: Sendable, Equatable, Hashable {
  /// Sequences in the group (≥ 1).
  package var count: Int
  /// New tokens per sequence in this pass: prompt tokens (a chunk) in
  /// prefill; 1 in plain decode; the K + 1 tokens a speculative verify pass
  /// checks.
  package var newTokens: Int
  /// Tokens already in each sequence's KV cache before the pass.
  package var pastTokens: Int
  /// `prefill` for prompt tokens, `decode` for generated ones.
  package var phase: Phase
  /// In prefill: whether these new tokens end the prompt, so the LM head
  /// runs on the last of them (the first token is sampled). In decode every
  /// new token goes through the LM head.
  package var endsPrompt: Bool

  /// Creates a group.
  package init(count: Int, newTokens: Int, pastTokens: Int, phase: Phase, endsPrompt: Bool = true) {
    self.count = count
    self.newTokens = newTokens
    self.pastTokens = pastTokens
    self.phase = phase
    self.endsPrompt = endsPrompt
  }

  /// Keys each sequence attends to after the pass: past + new.
  package var kvLength: Int { pastTokens + newTokens }

  /// Rows this group adds to the pass's GEMMs: count × new tokens.
  package var rows: Int { count * newTokens }

  /// LM-head rows: every new token in decode; in prefill all of them with
  /// `logits: all`, else one per sequence when the group ends its prompt.
  package func headRows(allLogits: Bool) -> Int {
    switch phase {
    case .decode: return rows
    case .prefill:
      if allLogits { return rows }
      return endsPrompt ? count : 0
    }
  }
}
