import Trace

/// What happened to one request in a serving run.
package struct RequestRecord: Sendable, Equatable {
  /// The request.
  package var request: ServeRequest
  /// When its first pass started (nil when rejected).
  package var firstScheduled: Double?
  /// When its first token came out.
  package var firstToken: Double?
  /// When its last token came out.
  package var finish: Double?
  /// TTFT, ms: from arrival to the first token, summed interval by interval
  /// (so one request alone reports exactly the forecast's TTFT).
  package var ttftMs: Double?
  /// Σ of its decode tokens' times, ms.
  package var tpotSumMs: Double = 0
  /// Times it was preempted.
  package var preemptions = 0
  /// True when it needs more KV cache than the engine has: never run.
  package var rejected = false
  /// Spans for the timeline: preempted intervals.
  package var preempted: [Span] = []

  /// Decode tokens: output tokens − 1.
  package var decodeTokens: Int { request.outputTokens - 1 }
  /// Whether it finished.
  package var completed: Bool { finish != nil }
  /// Mean TPOT, ms; nil without decode tokens (or unfinished).
  package var tpotMeanMs: Double? {
    guard completed, decodeTokens > 0 else { return nil }
    return tpotSumMs / Double(decodeTokens)
  }
  /// End to end, ms: TTFT + Σ TPOT.
  package var e2eMs: Double? {
    guard completed, let ttftMs else { return nil }
    return ttftMs + tpotSumMs
  }
  /// Time queued before its first pass, ms.
  package var queueMs: Double? { firstScheduled.map { ($0 - request.arrival) * 1000 } }
}

/// What a pass of a serving run was.
package enum ServePassRole: String, Sendable {
  /// Prompt chunks only.
  case prefill
  /// Decode tokens only.
  case decode
  /// Prompt chunks and decode tokens together.
  case mixed
  /// A draft model's pass (speculative decoding).
  case draft
  /// The target's verify pass over draft tokens (with any prompt chunks).
  case verify
}

/// One pass of a serving run, with everything needed to time it again
/// exactly (to draw its operators).
package struct ServePass: Sendable {
  /// 1-based, in start order per run (the pass's `step`).
  package var index: Int
  /// The lane: 0 for the engine (or the prefill lane), 1 for the decode lane.
  package var lane: Int
  /// What it was.
  package var role: ServePassRole
  /// The pass.
  package var pass: PassInfo
  /// Whether the draft model ran it.
  package var isDraft: Bool
  /// Its timing (span, sums, device).
  package var timing: PassTiming
  /// The lane's state before it.
  package var seed: LaneState
  /// The device it was pinned to (draft passes).
  package var pinned: Int?
  /// Per-device memory slowdown from shared DRAM; nil for none.
  package var memoryScale: [Double]?
  /// The largest slowdown (1 without contention).
  package var slowdown: Double
  /// Each request in the pass and what it processed (a group of one).
  package var members: [(request: Int, group: SequenceGroup)]
  /// Prompt tokens and generated tokens in the pass.
  package var prefillTokens: Int, decodeTokens: Int

  /// Bytes moved per second over the pass.
  package var bandwidthGBs: Double {
    let bytes = timing.read.total + timing.written.total
    return timing.span.duration > 0 ? bytes / timing.span.duration / 1e9 : 0
  }
}

/// A copy of KV cache between memories: a prefill → decode hand-off, or a
/// swap to host memory and back.
package struct KVTransfer: Sendable {
  /// What it was.
  package enum Kind: String, Sendable { case handoff, swapOut = "swap out", swapIn = "swap in" }
  /// What it was.
  package var kind: Kind
  /// The hand-off as the engine costs it (devices, span, bytes).
  package var event: HandoffEvent
  /// The requests it carries.
  package var requests: [Int]
}

/// The scheduler's counters at one time.
package struct ServeSample: Sendable, Equatable {
  /// Seconds.
  package var time: Double
  /// Sequences admitted and not finished (running or waiting for a hand-off).
  package var running: Int
  /// Requests arrived and not yet admitted (preempted ones included).
  package var queued: Int
  /// KV blocks in use, every memory together.
  package var kvBlocks: Int
}

/// One KV-cache pool: the blocks of one memory.
package struct KVPoolInfo: Sendable, Equatable {
  /// The memory: a shared-memory group, or a device key.
  package var memory: String
  /// Blocks; nil when unbounded (a device without `memory_gib`).
  package var blocks: Int?
  /// Bytes per block (every layer, K and V, the draft's too when it shares
  /// the memory).
  package var blockBytes: Double
  /// The bytes left for the cache; nil when unbounded or given as blocks.
  package var budgetBytes: Double?
  /// The most blocks in use at once.
  package var peakBlocks = 0
}
