import Engine
import Trace

/// A serving run's timeline: the device processes (operators of the passes
/// drawn in detail, hand-offs), a `scheduler` process with one thread per
/// lane (one slice per pass) and one for KV copies, its counters (running
/// batch, queue length, KV blocks in use) and each device's DRAM
/// bandwidth, and a `requests` process with one thread per request
/// (queued, prefill, decode; preempted spans inside).
extension TimelineWriter {
  /// The tid of request `id`'s thread: clear of every device thread.
  static func requestTid(_ id: Int, pid: Int) -> Int { pid * 1_000_000 + 1 + id }

  /// Draws `outcome` into `file`; passes with operator detail are chosen to
  /// keep the run within about `eventBudget` events (all of them when they
  /// fit; else the first, evenly spaced ones and the last).
  package static func drawServe(
    _ outcome: ServeOutcome, into file: TimelineFile, detail: TraceDetail,
    eventBudget: Int = 500_000
  ) throws(LifeError) {
    let writer = TimelineWriter(
      file: file, detail: detail, steps: .all, generate: outcome.passes.count,
      eventBudget: eventBudget, requestTrack: false)
    writer.begin(outcome.info)
    try writer.drawServe(outcome)
    writer.end()
  }

  func drawServe(_ outcome: ServeOutcome) throws(LifeError) {
    let schedulerPid = layout.requestPid
    let requestsPid = layout.devicePid(outcome.info.devices.count)
    process(requestsPid, name: layout.namePrefix + "requests", sortIndex: requestsPid)

    // Which passes get operator detail: measured on the first pass.
    let fixed =
      8 * outcome.passes.count + 6 * outcome.records.count + 4 * outcome.samples.count
      + 4 * outcome.transfers.count
    var detailed = Set<Int>()
    if detail != .step, !outcome.passes.isEmpty {
      var counter = EventCounter()
      try outcome.replay(0, into: &counter)
      let perPass = detail == .op ? max(1, 4 * counter.events) : outcome.workload.model.layers + 8
      let affordable = max(0, eventBudget - fixed) / perPass
      if affordable >= outcome.passes.count {
        detailed = Set(0..<outcome.passes.count)
      } else {
        detailed = Set(
          StepSampler.choose(from: 1, through: outcome.passes.count, count: affordable).map {
            $0 - 1
          })
      }
    }

    // Passes and KV copies in time order (per thread, slices come in order).
    enum Item { case pass(Int), transfer(Int) }
    var items: [(time: Double, order: Int, item: Item)] = []
    for (i, p) in outcome.passes.enumerated() {
      items.append((p.timing.span.start, 2 * i + 1, .pass(i)))
    }
    for (i, t) in outcome.transfers.enumerated() {
      items.append((t.event.span.start, 2 * i, .transfer(i)))
    }
    items.sort { ($0.time, $0.order) < ($1.time, $1.order) }
    let devicePids = outcome.info.devices.indices.map { layout.devicePid($0) }
    var lastBandwidth = [Double?](repeating: nil, count: devicePids.count)
    // Per pass: whether the next pass on its device starts later (the
    // device falls idle in between), found in one backward sweep.
    var idleAfter = [Bool](repeating: true, count: outcome.passes.count)
    var nextStart = [Double?](repeating: nil, count: devicePids.count)
    for i in outcome.passes.indices.reversed() {
      let p = outcome.passes[i]
      idleAfter[i] = nextStart[p.timing.device].map { $0 > p.timing.span.end } ?? true
      nextStart[p.timing.device] = p.timing.span.start
    }
    for entry in items {
      switch entry.item {
      case .pass(let i):
        let p = outcome.passes[i]
        if detailed.contains(i) {
          var sink = WriterSink(writer: self)
          try outcome.replay(i, into: &sink)
        }
        drawPassSlice(
          p, lane: outcome.lanes[p.lane], laneIndex: p.lane, detailed: detailed.contains(i))
        // DRAM bandwidth of the pass's device, from its start; 0 when the
        // device falls idle.
        let device = p.timing.device
        let value = p.bandwidthGBs
        if lastBandwidth[device] != value {
          counter(
            "DRAM", key: "GB/s", at: TraceTime.ns(p.timing.span.start), value,
            pid: devicePids[device])
          lastBandwidth[device] = value
        }
        if idleAfter[i] {
          counter(
            "DRAM", key: "GB/s", at: TraceTime.ns(p.timing.span.end), 0, pid: devicePids[device])
          lastBandwidth[device] = 0
        }
      case .transfer(let i):
        drawTransfer(outcome.transfers[i], pid: schedulerPid)
      }
    }
    for sample in outcome.samples {
      let at = TraceTime.ns(sample.time)
      counter("running", key: "batch", at: at, Double(sample.running))
      counter("queue", key: "length", at: at, Double(sample.queued))
      counter("KV blocks", key: "used", at: at, Double(sample.kvBlocks))
    }
    for record in outcome.records { drawRequest(record, pid: requestsPid) }
  }

  func drawPassSlice(_ p: ServePass, lane: String, laneIndex: Int, detailed: Bool) {
    let pid = layout.requestPid
    let threadLane: TimelineLayout.Lane = laneIndex == 0 ? .operators : .dispatch
    let tid = thread(pid: pid, lane: threadLane, title: lane)
    var args = file.args()
    args.int("pass", p.index)
    args.string("role", p.role.rawValue)
    args.string("model", p.isDraft ? "draft" : "target")
    args.int("sequences", p.pass.batch)
    args.int("prefill_tokens", p.prefillTokens)
    args.int("decode_tokens", p.decodeTokens)
    args.number("duration_ms", p.timing.span.duration * 1e3)
    args.number("t_compute_ms", p.timing.tCompute * 1e3)
    args.number("t_memory_ms", p.timing.tMemory * 1e3)
    args.number("t_handoff_ms", p.timing.tHandoff * 1e3)
    args.string("bound", p.timing.bound.rawValue)
    args.string("device", deviceKey(p.timing.device))
    args.number("memory_slowdown", p.slowdown)
    args.number("dram_gb_s", p.bandwidthGBs)
    args.number("kv_cache_bytes", p.timing.kvCacheBytes)
    args.bool("detailed", detailed)
    let start = TraceTime.ns(p.timing.span.start)
    slice(
      p.role.rawValue, category: p.role.rawValue, pid: pid, tid: tid, start: start,
      end: max(start, TraceTime.ns(p.timing.span.end)), args: args.bytes)
  }

  func drawTransfer(_ t: KVTransfer, pid: Int) {
    let e = t.event
    if t.kind == .handoff && e.from != e.to {
      handoff(e)
    }
    var args = file.args()
    args.string("kind", t.kind.rawValue)
    args.number("bytes", e.bytes)
    args.number("duration_us", e.span.duration * 1e6)
    args.string("from", deviceKey(e.from))
    args.string("to", deviceKey(e.to))
    args.string("requests", t.requests.map(String.init).joined(separator: ","))
    let start = TraceTime.ns(e.span.start)
    slice(
      t.kind == .handoff ? "KV hand-off" : t.kind.rawValue, category: "kv", pid: pid,
      tid: thread(pid: pid, lane: .handoffs, title: "KV copies"), start: start,
      end: max(start, TraceTime.ns(e.span.end)), args: args.bytes)
  }

  func drawRequest(_ r: RequestRecord, pid: Int) {
    let id = r.request.id
    let tid = Self.requestTid(id, pid: pid)
    if threads.markNamed(tid) {
      namedThread(tid, pid: pid, name: "request \(id)", sortIndex: id)
    }
    var args = file.args()
    args.int("id", id)
    args.number("arrival_s", r.request.arrival)
    args.int("prompt_tokens", r.request.promptTokens)
    args.int("output_tokens", r.request.outputTokens)
    args.number("ttft_ms", r.ttftMs ?? 0)
    args.number("tpot_ms_mean", r.tpotMeanMs ?? 0)
    args.number("e2e_ms", r.e2eMs ?? 0)
    args.number("queue_ms", r.queueMs ?? 0)
    args.int("preemptions", r.preemptions)
    let info = args.bytes
    let arrival = TraceTime.ns(r.request.arrival)
    guard let scheduled = r.firstScheduled, let first = r.firstToken, let finish = r.finish else {
      slice(
        "rejected", category: "request", pid: pid, tid: tid, start: arrival, end: arrival,
        args: info)
      return
    }
    let start = TraceTime.ns(scheduled)
    let token = TraceTime.ns(first)
    let end = TraceTime.ns(finish)
    if start > arrival {
      slice(
        "queued", category: "queued", pid: pid, tid: tid, start: arrival, end: start, args: info)
    }
    let prefill = slice(
      "prefill", category: "prefill", pid: pid, tid: tid, start: start, end: max(start, token),
      args: info)
    var decode: (start: Int64, end: Int64)?
    if end > token {
      decode = slice(
        "decode", category: "decode", pid: pid, tid: tid, start: token, end: end, args: info)
    }
    for span in r.preempted {
      let parent =
        decode.map { span.start >= Double($0.start) / 1e9 ? $0 : prefill } ?? prefill
      let begin = min(max(TraceTime.ns(span.start), parent.start), parent.end)
      let finish = min(max(TraceTime.ns(span.end), begin), parent.end)
      nestedSlice(
        "preempted", category: "preempted", pid: pid, tid: tid, start: begin, end: finish,
        args: nil)
    }
  }
}

/// Forwards engine events to a writer (a class), as an ``EventSink`` value.
struct WriterSink: EventSink {
  let writer: TimelineWriter
  mutating func begin(_ run: RunInfo) {}
  func wantsOpEvents(in pass: PassInfo) -> Bool { writer.wantsOpEvents(in: pass) }
  mutating func handoff(_ event: HandoffEvent) { writer.handoff(event) }
  mutating func passBegan(_ pass: PassInfo, at time: Double) { writer.passBegan(pass, at: time) }
  mutating func op(_ event: OpEvent) { writer.op(event) }
  mutating func passEnded(_ timing: PassTiming) { writer.passEnded(timing) }
  mutating func end() {}
}

/// Counts the operator events of one pass (to size the timeline).
struct EventCounter: EventSink {
  var events = 0
  mutating func begin(_ run: RunInfo) {}
  func wantsOpEvents(in pass: PassInfo) -> Bool { true }
  mutating func handoff(_ event: HandoffEvent) { events += 2 }
  mutating func passBegan(_ pass: PassInfo, at time: Double) {}
  mutating func op(_ event: OpEvent) { events += 1 }
  mutating func passEnded(_ timing: PassTiming) {}
  mutating func end() {}
}
