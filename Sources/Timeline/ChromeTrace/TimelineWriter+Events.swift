import Trace

/// Low-level event text: metadata, slices (with the no-overlap clamp) and
/// counters, written as bytes straight into the file's buffer.
extension TimelineWriter {
  func metadata(_ kind: String, pid: Int, tid: Int?, key: StaticString, _ value: String) {
    var args = TraceArgs()
    args.string(key, value)
    let bytes = args.bytes
    file.appendEvent { out in
      head(name: kind, ph: "M", pid: pid, tid: tid, into: &out)
      out.append(",\"args\":")
      out.append(bytes: bytes)
      out.append("}")
    }
  }

  func metadataInt(_ kind: String, pid: Int, tid: Int?, value: Int) {
    var args = TraceArgs()
    args.int("sort_index", value)
    let bytes = args.bytes
    file.appendEvent { out in
      head(name: kind, ph: "M", pid: pid, tid: tid, into: &out)
      out.append(",\"args\":")
      out.append(bytes: bytes)
      out.append("}")
    }
  }

  private func head(name: String, ph: StaticString, pid: Int, tid: Int?, into out: inout ByteText) {
    out.append("{\"name\":")
    out.appendQuoted(name)
    // Process metadata names a thread too (pid × 10): never tid 0.
    out.append(",\"ph\":\"")
    out.append(ph)
    out.append("\",\"pid\":")
    out.appendInt(pid)
    out.append(",\"tid\":")
    out.appendInt(tid ?? pid * 10)
  }

  /// The thread of `lane` in `pid`, named on first use.
  func thread(pid: Int, lane: TimelineLayout.Lane, title: String? = nil) -> Int {
    let tid = TimelineLayout.tid(pid: pid, lane: lane)
    if threads.markNamed(tid) {
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
    args: [UInt8]?, flow: String? = nil
  ) -> (start: Int64, end: Int64) {
    slice(
      quotedName: Self.quoted(name), quotedCategory: Self.quoted(category), pid: pid, tid: tid,
      start: start, end: end, args: args, flow: flow)
  }

  /// ``slice(_:category:pid:tid:start:end:args:flow:)`` with the name and
  /// category given as JSON string literals.
  @discardableResult
  func slice(
    quotedName: [UInt8], quotedCategory: [UInt8], pid: Int, tid: Int, start: Int64, end: Int64,
    args: [UInt8]?, flow: String? = nil
  ) -> (start: Int64, end: Int64) {
    let begin = max(start, threads.end(of: tid))
    let finish = max(end, begin)
    threads.setEnd(finish, of: tid)
    writeSlice(
      quotedName: quotedName, quotedCategory: quotedCategory, pid: pid, tid: tid, start: begin,
      end: finish, args: args, flow: flow)
    return (begin, finish)
  }

  /// Writes a slice as given (callers guarantee nesting).
  func writeSlice(
    _ name: String, category: String, pid: Int, tid: Int, start: Int64, end: Int64,
    args: [UInt8]?, flow: String? = nil
  ) {
    writeSlice(
      quotedName: Self.quoted(name), quotedCategory: Self.quoted(category), pid: pid, tid: tid,
      start: start, end: end, args: args, flow: flow)
  }

  /// ``writeSlice(_:category:pid:tid:start:end:args:flow:)`` with the name
  /// and category given as JSON string literals.
  func writeSlice(
    quotedName: [UInt8], quotedCategory: [UInt8], pid: Int, tid: Int, start: Int64, end: Int64,
    args: [UInt8]?, flow: String? = nil
  ) {
    file.appendEvent { out in
      out.append("{\"name\":")
      out.append(bytes: quotedName)
      out.append(",\"cat\":")
      out.append(bytes: quotedCategory)
      out.append(",\"ph\":\"X\",\"ts\":")
      out.appendMicros(start)
      out.append(",\"dur\":")
      out.appendMicros(end - start)
      out.append(",\"pid\":")
      out.appendInt(pid)
      out.append(",\"tid\":")
      out.appendInt(tid)
      if let flow {
        out.append(",")
        out.append(text: flow)
      }
      if let args {
        out.append(",\"args\":")
        out.append(bytes: args)
      }
      out.append("}")
    }
  }

  /// Writes a counter sample on the request process (or on `pid`).
  func counter(
    _ name: String, key: StaticString, at time: Int64, _ value: Double, pid: Int? = nil
  ) {
    var args = TraceArgs()
    args.number(key, value)
    let bytes = args.bytes
    let pid = pid ?? layout.requestPid
    file.appendEvent { out in
      out.append("{\"name\":")
      out.appendQuoted(name)
      out.append(",\"ph\":\"C\",\"ts\":")
      out.appendMicros(time)
      out.append(",\"pid\":")
      out.appendInt(pid)
      out.append(",\"args\":")
      out.append(bytes: bytes)
      out.append("}")
    }
  }

  /// The JSON string literal of `s`, as bytes.
  static func quoted(_ s: String) -> [UInt8] {
    var text = ByteText()
    text.appendQuoted(s)
    return text.bytes
  }
}
