import Trace

/// Perfetto's protobuf trace format (`timeline.pftrace`): a `Trace` whose
/// packets, on one sequence, are track descriptors (a process track per
/// process, a thread track per thread, a counter track per counter series)
/// and track events (slice begin and end, counter values) with interned
/// names, categories and argument names. Packets are streamed in chunks as
/// the events arrive; memory holds only the tables of tracks and names.
///
/// A top-level slice's end is written when the next top-level slice on
/// its thread begins, or when an event on another thread comes at or after
/// it (or at the end), so that the slices drawn inside it (prefill chunks,
/// which follow it directly) come between its begin and its end, and times
/// mostly grow from packet to packet. Timestamps are deltas on an
/// incremental clock of the sequence (a few bytes each); an event earlier
/// than the one before (a pass's request slice, drawn after its
/// operators) gives its absolute time on the trace's clock instead.
///
/// Packets carry no `SEQ_NEEDS_INCREMENTAL_STATE` flag: that flag only
/// tells a reader to drop packets after a loss in a ring buffer, and this
/// file is written whole, its sequence's state never lost.
final class PerfettoEncoder: TimelineEncoder {
  // The encoder is used from one thread at a time (like the JSON one), so
  // the state written for every event skips the runtime's exclusivity
  // checks, which otherwise take about a third of the time.
  private let output: any TextOutput
  private let interner = PerfettoInterner()
  /// Packets not yet handed to the output, flushed in chunks.
  @exclusivity(unchecked) private var pending = ByteText(capacity: PerfettoEncoder.chunk + 4096)
  @exclusivity(unchecked) private var packet = ByteText(capacity: 4096)
  @exclusivity(unchecked) private var event = ByteText(capacity: 4096)
  private var processTracks: [Int: UInt64] = [:]
  @exclusivity(unchecked) private var threadIndex: [Int: Int] = [:]
  @exclusivity(unchecked) private var threads: [ThreadTrack] = []
  private var counterTracks: [CounterKey: UInt64] = [:]
  private var lastUuid: UInt64 = 0
  /// The value of the sequence's incremental clock: the latest time
  /// written as a delta.
  @exclusivity(unchecked) private var clock: Int64 = 0
  /// The earliest end among the open top-level slices (`Int64.max` when
  /// none is open).
  @exclusivity(unchecked) private var earliestOpenEnd = Int64.max
  /// The last slice name and category looked up (an operator's slices on
  /// its lanes share them).
  @exclusivity(unchecked) private var lastName: (quoted: [UInt8], iid: UInt64?) = ([], nil)
  @exclusivity(unchecked) private var lastCategory: (quoted: [UInt8], iid: UInt64?) = ([], nil)
  private static let chunk = 1 << 18
  /// The `trusted_packet_sequence_id` of every packet: one writer, one
  /// sequence.
  static let sequence: UInt64 = 1

  private struct ThreadTrack {
    var uuid: UInt64
    /// The end of the thread's open top-level slice, not yet written.
    var openEnd: Int64?
    /// Whether that slice lasts longer than zero.
    var openLasts = false
  }

  private struct CounterKey: Hashable {
    var pid: Int
    var name: String
    var key: String
  }

  init(output: any TextOutput) {
    self.output = output
    // The sequence starts with its interned state cleared, and declares its
    // incremental clock (0 at time 0 of the trace's clock) as the default.
    writePacket(timestamp: nil, flags: PerfettoField.Packet.incrementalStateCleared) { packet in
      var snapshot = ByteText(capacity: 32)
      for (id, incremental) in [
        (PerfettoField.Clock.boottime, false), (PerfettoField.Clock.incremental, true),
      ] {
        var clock = ByteText(capacity: 16)
        clock.appendVarintField(PerfettoField.Clock.clockId, id)
        clock.appendVarintField(PerfettoField.Clock.timestamp, 0)
        if incremental { clock.appendVarintField(PerfettoField.Clock.isIncremental, 1) }
        snapshot.appendMessageField(PerfettoField.Clock.clocks, clock)
      }
      packet.appendMessageField(PerfettoField.Packet.clockSnapshot, snapshot)
      var defaults = ByteText(capacity: 8)
      defaults.appendVarintField(
        PerfettoField.Defaults.timestampClockId, PerfettoField.Clock.incremental)
      packet.appendMessageField(PerfettoField.Packet.tracePacketDefaults, defaults)
    }
  }

  var argsEncoding: TraceArgsEncoding { TraceArgsEncoding(interner: interner) }
  var failure: LifeError? { output.failure }

  // MARK: Packets

  /// Writes one `TracePacket` whose other fields `body` writes; any
  /// interned entries not yet written go with it. A timestamp is a delta
  /// on the incremental clock, or absolute when earlier than the clock.
  private func writePacket(
    timestamp: Int64?, flags: UInt64?, _ body: (inout ByteText) -> Void
  ) {
    packet.removeAll()
    if let timestamp {
      let time = max(0, timestamp)
      if time >= clock {
        packet.appendVarintField(PerfettoField.Packet.timestamp, UInt64(time - clock))
        clock = time
      } else {
        packet.appendVarintField(PerfettoField.Packet.timestamp, UInt64(time))
        packet.appendVarintField(
          PerfettoField.Packet.timestampClockId, PerfettoField.Clock.boottime)
      }
    }
    packet.appendVarintField(PerfettoField.Packet.trustedPacketSequenceId, Self.sequence)
    if interner.hasPending {
      packet.appendMessageField(PerfettoField.Packet.internedData, interner.pending)
      interner.clearPending()
    }
    body(&packet)
    if let flags { packet.appendVarintField(PerfettoField.Packet.sequenceFlags, flags) }
    pending.appendMessageField(PerfettoField.Trace.packet, packet)
    if pending.count >= Self.chunk { flush() }
  }

  /// Writes a track event at `time`; `body` writes its fields.
  private func writeEvent(at time: Int64, _ body: (inout ByteText) -> Void) {
    event.removeAll()
    body(&event)
    guard !interner.hasPending else {
      writePacket(timestamp: time, flags: nil) {
        $0.appendMessageField(PerfettoField.Packet.trackEvent, event)
      }
      return
    }
    // The common case, straight into the chunk: the same fields in the same
    // order as writePacket, the packet's length counted up front.
    let time = max(0, time)
    let forward = time >= clock
    let stamp = UInt64(forward ? time - clock : time)
    if forward { clock = time }
    let count = event.count
    let length =
      1 + ByteText.varintSize(stamp) + (forward ? 0 : 3) + 2 + 1
      + ByteText.varintSize(UInt64(count)) + count
    pending.appendTag(PerfettoField.Trace.packet, .lengthDelimited)
    pending.appendVarint(UInt64(length))
    pending.appendVarintField(PerfettoField.Packet.timestamp, stamp)
    if !forward {
      pending.appendVarintField(
        PerfettoField.Packet.timestampClockId, PerfettoField.Clock.boottime)
    }
    pending.appendVarintField(PerfettoField.Packet.trustedPacketSequenceId, Self.sequence)
    pending.appendMessageField(PerfettoField.Packet.trackEvent, event)
    if pending.count >= Self.chunk { flush() }
  }

  /// Writes a track descriptor; `body` writes its fields after the uuid.
  private func writeTrack(_ uuid: UInt64, _ body: (inout ByteText) -> Void) {
    var track = ByteText(capacity: 128)
    track.appendVarintField(PerfettoField.Track.uuid, uuid)
    body(&track)
    writePacket(timestamp: nil, flags: nil) {
      $0.appendMessageField(PerfettoField.Packet.trackDescriptor, track)
    }
  }

  private func flush() {
    pending.withBytes { output.write(buffer: $0) }
    pending.removeAll()
  }

  private func nextUuid() -> UInt64 {
    lastUuid += 1
    return lastUuid
  }

  // MARK: Tracks

  private func describeProcess(_ uuid: UInt64, pid: Int, name: String?) {
    writeTrack(uuid) { track in
      var process = ByteText(capacity: 64)
      process.appendInt64Field(PerfettoField.Process.pid, Int64(pid))
      if let name { process.appendStringField(PerfettoField.Process.processName, name) }
      track.appendMessageField(PerfettoField.Track.process, process)
    }
  }

  private func describeThread(_ uuid: UInt64, pid: Int, tid: Int, name: String?) {
    writeTrack(uuid) { track in
      var thread = ByteText(capacity: 64)
      thread.appendInt64Field(PerfettoField.Thread.pid, Int64(pid))
      thread.appendInt64Field(PerfettoField.Thread.tid, Int64(tid))
      if let name { thread.appendStringField(PerfettoField.Thread.threadName, name) }
      track.appendMessageField(PerfettoField.Track.thread, thread)
    }
  }

  /// The process track of `pid`, described (unnamed) on first use.
  private func processTrack(_ pid: Int) -> UInt64 {
    if let uuid = processTracks[pid] { return uuid }
    let uuid = nextUuid()
    processTracks[pid] = uuid
    describeProcess(uuid, pid: pid, name: nil)
    return uuid
  }

  /// The index of thread `tid`'s track, described (unnamed) on first use.
  private func threadTrack(pid: Int, tid: Int) -> Int {
    if let index = threadIndex[tid] { return index }
    let uuid = nextUuid()
    threadIndex[tid] = threads.count
    threads.append(ThreadTrack(uuid: uuid))
    describeThread(uuid, pid: pid, tid: tid, name: nil)
    return threads.count - 1
  }

  func processName(pid: Int, _ name: String) {
    let uuid = processTracks[pid] ?? nextUuid()
    processTracks[pid] = uuid
    describeProcess(uuid, pid: pid, name: name)
  }

  func threadName(pid: Int, tid: Int, _ name: String) {
    let index: Int
    if let known = threadIndex[tid] {
      index = known
    } else {
      index = threads.count
      threadIndex[tid] = index
      threads.append(ThreadTrack(uuid: nextUuid()))
    }
    describeThread(threads[index].uuid, pid: pid, tid: tid, name: name)
  }

  // Perfetto orders tracks by itself (the JSON sort indexes are not read by
  // the trace processor either): nothing is written.
  func processSortIndex(pid: Int, _ index: Int) {}
  func threadSortIndex(pid: Int, tid: Int, _ index: Int) {}

  // MARK: Events

  func slice(_ slice: TimelineSlice) {
    let index = threadTrack(pid: slice.pid, tid: slice.tid)
    let uuid = threads[index].uuid
    // A slice of zero length at the very end of the open one is drawn
    // inside it, as the trace processor nests it when it reads the JSON.
    let nested =
      slice.nested
      || (slice.start == slice.end && threads[index].openLasts
        && threads[index].openEnd == slice.start)
    if !nested, let end = threads[index].openEnd {
      writeEnd(uuid, at: end)
      threads[index].openEnd = nil
    }
    closeEnded(by: slice.start, except: index)
    if slice.quotedName != lastName.quoted {
      lastName = (slice.quotedName, interner.name(quoted: slice.quotedName))
    }
    if slice.quotedCategory != lastCategory.quoted {
      lastCategory = (slice.quotedCategory, interner.category(quoted: slice.quotedCategory))
    }
    let nameIid = lastName.iid
    let categoryIid = lastCategory.iid
    writeEvent(at: slice.start) { te in
      te.appendVarintField(PerfettoField.Event.type, PerfettoField.Event.sliceBegin)
      te.appendVarintField(PerfettoField.Event.trackUuid, uuid)
      if let nameIid {
        te.appendVarintField(PerfettoField.Event.nameIid, nameIid)
      } else {
        te.appendStringField(
          PerfettoField.Event.name, PerfettoInterner.unquoted(slice.quotedName))
      }
      if let categoryIid {
        te.appendVarintField(PerfettoField.Event.categoryIids, categoryIid)
      } else {
        te.appendStringField(
          PerfettoField.Event.categories, PerfettoInterner.unquoted(slice.quotedCategory))
      }
      if let args = slice.args { te.append(bytes: args) }
      switch slice.flow {
      case .out(let id)?: te.appendFixed64Field(PerfettoField.Event.flowIds, UInt64(id))
      case .into(let id)?:
        te.appendFixed64Field(PerfettoField.Event.terminatingFlowIds, UInt64(id))
      case nil: break
      }
    }
    if nested {
      writeEnd(uuid, at: slice.end)
    } else {
      threads[index].openEnd = slice.end
      threads[index].openLasts = slice.end > slice.start
      earliestOpenEnd = min(earliestOpenEnd, slice.end)
    }
  }

  /// Writes the ends of the open top-level slices (but thread `except`'s)
  /// that end by `time`, earliest first.
  private func closeEnded(by time: Int64, except: Int? = nil) {
    guard time >= earliestOpenEnd else { return }
    // Few threads are open at once: pick the earliest end (first thread on
    // a tie) until none is due.
    while true {
      var next: Int?
      var nextEnd = Int64.max
      var earliest = Int64.max
      for index in threads.indices {
        guard let end = threads[index].openEnd else { continue }
        earliest = min(earliest, end)
        if index != except, end <= time, end < nextEnd {
          next = index
          nextEnd = end
        }
      }
      guard let next else {
        earliestOpenEnd = earliest
        return
      }
      writeEnd(threads[next].uuid, at: nextEnd)
      threads[next].openEnd = nil
    }
  }

  private func writeEnd(_ uuid: UInt64, at time: Int64) {
    writeEvent(at: time) { te in
      te.appendVarintField(PerfettoField.Event.type, PerfettoField.Event.sliceEnd)
      te.appendVarintField(PerfettoField.Event.trackUuid, uuid)
    }
  }

  func counter(_ name: String, key: String, pid: Int, at time: Int64, _ value: Double) {
    // A JSON counter of null (not finite) is left out by the trace
    // processor: the same here.
    guard value.isFinite else { return }
    closeEnded(by: time)
    let series = CounterKey(pid: pid, name: name, key: key)
    let uuid: UInt64
    if let known = counterTracks[series] {
      uuid = known
    } else {
      let parent = processTrack(pid)
      uuid = nextUuid()
      counterTracks[series] = uuid
      // Named as the trace processor names a JSON counter: series and key.
      writeTrack(uuid) { track in
        track.appendStringField(PerfettoField.Track.name, name + " " + key)
        track.appendVarintField(PerfettoField.Track.parentUuid, parent)
        track.appendBytesField(PerfettoField.Track.counter, [])
      }
    }
    writeEvent(at: time) { te in
      te.appendVarintField(PerfettoField.Event.type, PerfettoField.Event.counter)
      te.appendVarintField(PerfettoField.Event.trackUuid, uuid)
      te.appendDoubleField(PerfettoField.Event.doubleCounterValue, value)
    }
  }

  // MARK: Finishing

  /// Ends the open slices (earliest first) and
  /// commits the file. The runs' metadata has no place in a Perfetto
  /// trace: it stays in `timeline.json` only.
  func finish(runs: [String]) throws(LifeError) {
    closeEnded(by: Int64.max)
    flush()
    try output.commit()
  }

  func discard() {
    output.discard()
  }
}
