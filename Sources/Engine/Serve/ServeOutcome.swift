import Trace

/// Everything a serving run produced: per-request records, every pass with
/// what it takes to time it again, the KV copies, the scheduler's counters
/// over time, the pools, and the summary numbers.
package struct ServeOutcome: Sendable {
  /// The run's name.
  package var name: String
  /// The target's workload.
  package var workload: Workload
  /// Speculative decoding, when used.
  package var speculation: Speculation?
  /// The simulator (devices in lane order, mapping, links, overlap).
  package var simulator: Simulator
  /// The scheduler's knobs.
  package var scheduler: SchedulerConfig
  /// Goodput objectives.
  package var objectives: ServiceObjectives
  /// One record per request, in arrival order.
  package var records: [RequestRecord]
  /// Every pass, in start order per lane (index order overall).
  package var passes: [ServePass]
  /// KV hand-offs and swaps.
  package var transfers: [KVTransfer]
  /// The scheduler's counters whenever they change.
  package var samples: [ServeSample]
  /// The KV-cache pools.
  package var pools: [KVPoolInfo]
  /// The lanes' names (`engine`, or `prefill lane` and `decode lane`).
  package var lanes: [String]
  /// Warnings (rejected requests).
  package var warnings: [String]

  /// The run as sinks see it.
  package var info: RunInfo { simulator.info }

  /// Draws pass `index` (0-based) again into `sink`, exactly as it was
  /// timed: its operators, hand-offs and timing.
  package func replay<E: EventSink>(_ index: Int, into sink: inout E) throws(LifeError) {
    let p = passes[index]
    let model = p.isDraft ? (speculation?.draft ?? workload) : workload
    _ = try PassTimer(simulator: simulator).time(
      p.pass, of: model, from: p.seed, at: p.timing.span.start, pinnedTo: p.pinned,
      memoryScale: p.memoryScale, into: &sink)
  }

  /// Completed requests.
  package var completed: [RequestRecord] { records.filter(\.completed) }

  /// The first arrival and the last finish, seconds.
  package var window: (start: Double, end: Double)? {
    guard let start = records.map(\.request.arrival).min(),
      let end = records.compactMap(\.finish).max()
    else { return nil }
    return (start, end)
  }

  /// Output tokens of completed requests / (last finish − first arrival).
  package var throughputTokS: Double? {
    guard let w = window, w.end > w.start else { return nil }
    let tokens = completed.reduce(0.0) { $0 + Double($1.request.outputTokens) }
    return tokens / (w.end - w.start)
  }

  /// Requests within every objective given / (last finish − first arrival);
  /// nil when no objective is set.
  package var goodputReqS: Double? {
    guard objectives.isSet, let w = window, w.end > w.start else { return nil }
    let good = completed.filter { r in
      let ttftOK = objectives.ttftMs.map { (r.ttftMs ?? .infinity) <= $0 } ?? true
      let tpotOK = objectives.tpotMs.map { (r.tpotMeanMs ?? 0) <= $0 } ?? true
      return ttftOK && tpotOK
    }.count
    return Double(good) / (w.end - w.start)
  }

  /// Times a sequence was preempted, all requests.
  package var preemptions: Int { records.reduce(0) { $0 + $1.preemptions } }
}

/// Percentiles by linear interpolation between the closest ranks: for n
/// sorted values and p in [0, 100], rank r = p / 100 × (n − 1), value =
/// x[⌊r⌋] + (x[⌈r⌉] − x[⌊r⌋]) × (r − ⌊r⌋) (NumPy's default, "linear").
package enum Percentile {
  /// The p-th percentile of `values`; nil when empty.
  package static func of(_ values: [Double], _ p: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let rank = p / 100 * Double(sorted.count - 1)
    let low = Int(rank.rounded(.down))
    let high = min(sorted.count - 1, low + 1)
    let fraction = rank - Double(low)
    if fraction == 0 { return sorted[low] }
    return sorted[low] + (sorted[high] - sorted[low]) * fraction
  }
}
