import Testing

@testable import Trace

/// A pass over several groups of sequences, each with its own new tokens and
/// past (a continuous-batching step): GEMMs over every row together,
/// attention per group, the LM head on each sequence that samples.
@Suite struct MixedPassTests {
  static func records(_ w: Workload, _ pass: PassInfo) -> [OpRecord] {
    var out: [OpRecord] = []
    w.records(of: pass, into: &out)
    return out
  }

  static func record(_ records: [OpRecord], layer: Int = 0, _ site: OpSite) -> OpRecord? {
    records.first { $0.site == site && $0.layer == (site == .lmHead ? -1 : layer) }
  }

  /// A 100-token prompt beside two sequences decoding at 50 cached tokens.
  static let mixed = PassInfo(
    step: 1,
    sequences: [
      SequenceGroup(count: 1, newTokens: 100, pastTokens: 0, phase: .prefill),
      SequenceGroup(count: 2, newTokens: 1, pastTokens: 50, phase: .decode),
    ])

  @Test func gemmsRunOverEveryRowAndAttentionPerGroup() throws {
    let w = try workload(llama2(), prompt: 0)
    let r = Self.records(w, Self.mixed)
    #expect(Self.mixed.phase == .prefill && Self.mixed.batch == 3 && Self.mixed.rows == 102)
    // q_proj over 100 + 2 = 102 rows: 2·102·4096·4096 − 102·4096.
    let q = try #require(Self.record(r, .qProj))
    #expect(q.ops == 2 * 102 * 4096 * 4096 - 102 * 4096)
    // Causal scores per head: the prompt 100·101/2 = 5050; each decoding
    // sequence 50 + 1 = 51. Over 32 heads: 32·5050 + 2·32·51 = 164 864
    // scores, each (2·128 − 1) = 255 ops for Q·Kᵀ.
    let flash = try #require(Self.record(r, .flashAttention))
    #expect(flash.ops == 164_864 * 255)
    // P·V (fused: its own record, no dispatch): 2·128 per score − 128 per
    // query row, the rows being 32·100 + 2·32 = 3264.
    let context = try #require(Self.record(r, .context))
    #expect(context.ops == 164_864 * 256 - 3264 * 128)
    // The LM head: the prompt's last token and both decode tokens, 3 rows.
    let head = try #require(Self.record(r, .lmHead))
    #expect(head.ops == 2 * 3 * 4096 * 32000 - 3 * 32000)
    // K written in place: 102 tokens × 32 heads × 128 × 2 bytes.
    let k = try #require(Self.record(r, .kCache))
    #expect(k.written.kv == 102 * 4096 * 2)
  }

  @Test func attentionIsTheSumOfEachGroupAlone() throws {
    let w = try workload(llama2(), prompt: 0, [("fusion", "eager")])
    let mixed = Self.records(w, Self.mixed)
    let prompt = Self.records(
      w, PassInfo(phase: .prefill, step: 0, newTokens: 100, pastTokens: 0, batch: 1))
    let decode = Self.records(
      w, PassInfo(phase: .decode, step: 1, newTokens: 1, pastTokens: 50, batch: 2))
    for site in [OpSite.scores, .softmax, .context] {
      let m = try #require(Self.record(mixed, site))
      let a = try #require(Self.record(prompt, site))
      let b = try #require(Self.record(decode, site))
      #expect(m.ops == a.ops + b.ops, "\(site)")
      #expect(m.read.total == a.read.total + b.read.total, "\(site)")
      #expect(m.written.total == a.written.total + b.written.total, "\(site)")
    }
  }

  @Test func aUniformBatchIsOneGroup() throws {
    let w = try workload(llama2(), prompt: 64, generate: 4, [("batch", "3")])
    let step = w.decodePass(step: 2)
    let group = PassInfo(
      step: 2,
      sequences: [SequenceGroup(count: 3, newTokens: 1, pastTokens: 65, phase: .decode)])
    #expect(step.sequences == group.sequences && step.phase == group.phase)
    let a = Self.records(w, step)
    let b = Self.records(w, group)
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) {
      #expect(x.ops == y.ops && x.read == y.read && x.written == y.written, "\(x.name)")
    }
    // Two groups of one alike sequence cost what one group of two does.
    let split = PassInfo(
      step: 2,
      sequences: [
        SequenceGroup(count: 1, newTokens: 1, pastTokens: 65, phase: .decode),
        SequenceGroup(count: 2, newTokens: 1, pastTokens: 65, phase: .decode),
      ])
    let c = Self.records(w, split)
    for (x, y) in zip(a, c) { #expect(x.ops == y.ops, "\(x.name)") }
  }

  @Test func aVerifyPassTakesLogitsForEveryToken() throws {
    let w = try workload(llama2(), prompt: 0)
    let verify = PassInfo(
      step: 1, sequences: [SequenceGroup(count: 2, newTokens: 5, pastTokens: 40, phase: .decode)])
    let head = try #require(Self.record(Self.records(w, verify), .lmHead))
    // K + 1 = 5 tokens per sequence, all checked: 10 rows.
    #expect(head.shape.d0 == 10)
    // A chunk that does not end its prompt samples nothing.
    let chunk = PassInfo(
      step: 1,
      sequences: [
        SequenceGroup(count: 1, newTokens: 64, pastTokens: 0, phase: .prefill, endsPrompt: false)
      ])
    #expect(Self.record(Self.records(w, chunk), .lmHead) == nil)
  }
}
