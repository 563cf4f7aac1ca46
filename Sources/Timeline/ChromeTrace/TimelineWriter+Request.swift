import Engine
import Trace

/// The request process (prefill and decode-step slices, counters) and
/// hand-offs with their flows.
extension TimelineWriter {
  package func handoff(_ event: HandoffEvent) {
    let start = TraceTime.ns(event.span.start)
    let end = max(start, TraceTime.ns(event.span.end))
    flowCount += 1
    let id = layout.pidBase * 1_000_000 + flowCount
    var args = file.args()
    args.string("from", deviceKey(event.from))
    args.string("to", deviceKey(event.to))
    args.string("kind", event.isTransfer ? "transfer" : "synchronisation")
    args.number("bytes", event.bytes)
    args.number("duration_us", event.span.duration * 1e6)
    args.string("phase", event.phase.rawValue)
    args.int("step", event.step)
    let argsText = args.bytes
    let fromPid = layout.devicePid(event.from)
    let toPid = layout.devicePid(event.to)
    slice(
      "hand-off to \(deviceKey(event.to))", category: "handoff", pid: fromPid,
      tid: thread(pid: fromPid, lane: .handoffs), start: start, end: end, args: argsText,
      flow: .out(id))
    slice(
      "hand-off from \(deviceKey(event.from))", category: "handoff", pid: toPid,
      tid: thread(pid: toPid, lane: .handoffs), start: start, end: end, args: argsText,
      flow: .into(id))
  }

  /// The request slices and counters of a finished pass.
  func drawPass(_ timing: PassTiming) {
    let start = TraceTime.ns(timing.span.start)
    let end = max(start, TraceTime.ns(timing.span.end))
    counter("bytes moved", key: "bytes", at: start, timing.read.total + timing.written.total)
    switch timing.pass.phase {
    case .prefill:
      prefillChunks.append(timing)
      if timing.pass.chunk >= timing.pass.chunks - 1 { drawPrefill() }
    case .decode:
      counter("TPOT", key: "ms", at: start, timing.span.duration * 1e3)
      let pid = layout.requestPid
      var args = passArgs(timing)
      args.int("step", timing.pass.step)
      args.int("kv_len", timing.pass.kvLength)
      args.number("tpot_ms", timing.span.duration * 1e3)
      args.bool("detailed", tracedSteps.last == timing.pass.step)
      slice(
        "decode step \(timing.pass.step)", category: "decode", pid: pid,
        tid: thread(pid: pid, lane: .operators, title: "request"), start: start, end: end,
        args: args.bytes)
    }
    counter("KV cache", key: "bytes", at: end, timing.kvCacheBytes)
  }

  /// The `prefill` slice over every chunk (hand-offs the first token waits
  /// for included), with one child slice per chunk when chunked.
  func drawPrefill() {
    guard let first = prefillChunks.first, let last = prefillChunks.last else { return }
    let pid = layout.requestPid
    let tid = thread(pid: pid, lane: .operators, title: "request")
    var args = file.args()
    args.number("ttft_ms", prefillChunks.reduce(0) { $0 + $1.span.duration } * 1e3)
    args.int("chunks", prefillChunks.count)
    args.int("tokens", prefillChunks.reduce(0) { $0 + $1.pass.newTokens })
    args.int("batch", first.pass.batch)
    args.number("t_compute_ms", prefillChunks.reduce(0) { $0 + $1.tCompute } * 1e3)
    args.number("t_memory_ms", prefillChunks.reduce(0) { $0 + $1.tMemory } * 1e3)
    args.number("t_dispatch_ms", prefillChunks.reduce(0) { $0 + $1.tDispatch } * 1e3)
    args.number("t_handoff_ms", prefillChunks.reduce(0) { $0 + $1.tHandoff } * 1e3)
    args.number("ops", prefillChunks.reduce(0) { $0 + $1.ops })
    args.number("bytes_read", prefillChunks.reduce(0) { $0 + $1.read.total })
    args.number("bytes_written", prefillChunks.reduce(0) { $0 + $1.written.total })
    args.int("dispatch_calls", prefillChunks.reduce(0) { $0 + $1.dispatchCalls })
    args.string("device", deviceKey(first.device))
    let start = TraceTime.ns(first.span.start)
    let parent = slice(
      "prefill", category: "prefill", pid: pid, tid: tid, start: start,
      end: max(start, TraceTime.ns(last.span.end)), args: args.bytes)
    if prefillChunks.count > 1 {
      var cursor = parent.start
      for chunk in prefillChunks {
        let begin = min(max(TraceTime.ns(chunk.span.start), cursor), parent.end)
        let finish = min(max(TraceTime.ns(chunk.span.end), begin), parent.end)
        cursor = finish
        var chunkArgs = passArgs(chunk)
        chunkArgs.int("chunk", chunk.pass.chunk)
        chunkArgs.int("tokens", chunk.pass.newTokens)
        chunkArgs.int("kv_len", chunk.pass.kvLength)
        nestedSlice(
          "prefill chunk \(chunk.pass.chunk + 1)", category: "prefill", pid: pid, tid: tid,
          start: begin, end: finish, args: chunkArgs.bytes)
      }
    }
    prefillChunks.removeAll()
  }

  private func passArgs(_ timing: PassTiming) -> TraceArgs {
    var args = file.args()
    args.string("device", deviceKey(timing.device))
    args.number("t_compute_ms", timing.tCompute * 1e3)
    args.number("t_memory_ms", timing.tMemory * 1e3)
    args.number("t_dispatch_ms", timing.tDispatch * 1e3)
    args.number("t_handoff_ms", timing.tHandoff * 1e3)
    args.string("bound", timing.bound.rawValue)
    args.number("ops", timing.ops)
    args.number("ops_padded", timing.opsPadded)
    args.number("bytes_read", timing.read.total)
    args.number("kv_bytes_read", timing.read.kv)
    args.number("bytes_written", timing.written.total)
    args.int("dispatch_calls", timing.dispatchCalls)
    args.number("kv_cache_bytes", timing.kvCacheBytes)
    return args
  }
}

extension TimelineWriter {
  /// A `power` counter on each device's process at the start of a pass:
  /// the device's average power over the pass (idle plus its operators'
  /// energy over the pass's span), W.
  func drawPower(_ timing: PassTiming) {
    guard let run else { return }
    let start = TraceTime.ns(timing.span.start)
    for (index, entry) in run.devices.enumerated() {
      counter(
        "power", key: "W", at: start,
        timing.averagePower(of: index, power: entry.device.power), pid: layout.devicePid(index))
    }
  }
}
