import Trace

/// Low-level event text: metadata, slices (with the no-overlap clamp) and
/// counters.
extension TimelineWriter {
  func metadata(_ kind: String, pid: Int, tid: Int?, key: String, _ value: String) {
    var args = TraceArgs()
    args.string(key, value)
    file.append(head(name: kind, ph: "M", pid: pid, tid: tid) + ",\"args\":" + args.json + "}")
  }

  func metadataInt(_ kind: String, pid: Int, tid: Int?, value: Int) {
    var args = TraceArgs()
    args.int("sort_index", value)
    file.append(head(name: kind, ph: "M", pid: pid, tid: tid) + ",\"args\":" + args.json + "}")
  }

  private func head(name: String, ph: String, pid: Int, tid: Int?) -> String {
    var text = "{\"name\":"
    JSONFormat.appendString(name, into: &text)
    // Process metadata names a thread too (pid × 10): never tid 0.
    text += ",\"ph\":\"\(ph)\",\"pid\":\(pid),\"tid\":\(tid ?? pid * 10)"
    return text
  }

  /// The thread of `lane` in `pid`, named on first use.
  func thread(pid: Int, lane: TimelineLayout.Lane, title: String? = nil) -> Int {
    let tid = TimelineLayout.tid(pid: pid, lane: lane)
    if namedThreads.insert(tid).inserted {
      metadata("thread_name", pid: pid, tid: tid, key: "name", title ?? lane.title)
      metadataInt("thread_sort_index", pid: pid, tid: tid, value: lane.rawValue)
    }
    return tid
  }

  /// Writes a complete slice at the top level of its thread. Its start is
  /// moved to the end of the thread's previous slice if it would overlap it
  /// (rounding can make neighbours share a nanosecond). Returns the bounds
  /// as drawn.
  @discardableResult
  func slice(
    _ name: String, category: String, pid: Int, tid: Int, start: Int64, end: Int64,
    args: String?, flow: String? = nil
  ) -> (start: Int64, end: Int64) {
    let begin = max(start, laneEnd[tid] ?? Int64.min)
    let finish = max(end, begin)
    laneEnd[tid] = finish
    writeSlice(name, category: category, pid: pid, tid: tid, start: begin, end: finish, args: args, flow: flow)
    return (begin, finish)
  }

  /// Writes a slice as given (callers guarantee nesting).
  func writeSlice(
    _ name: String, category: String, pid: Int, tid: Int, start: Int64, end: Int64,
    args: String?, flow: String? = nil
  ) {
    var text = "{\"name\":"
    JSONFormat.appendString(name, into: &text)
    text += ",\"cat\":"
    JSONFormat.appendString(category, into: &text)
    text += ",\"ph\":\"X\",\"ts\":" + TraceTime.micros(start) + ",\"dur\":"
      + TraceTime.micros(end - start) + ",\"pid\":\(pid),\"tid\":\(tid)"
    if let flow { text += "," + flow }
    if let args { text += ",\"args\":" + args }
    text += "}"
    file.append(text)
  }

  /// Writes a counter sample on the request process.
  func counter(_ name: String, key: String, at time: Int64, _ value: Double) {
    var args = TraceArgs()
    args.number(key, value)
    var text = "{\"name\":"
    JSONFormat.appendString(name, into: &text)
    text += ",\"ph\":\"C\",\"ts\":" + TraceTime.micros(time) + ",\"pid\":\(layout.requestPid)"
    text += ",\"args\":" + args.json + "}"
    file.append(text)
  }
}
