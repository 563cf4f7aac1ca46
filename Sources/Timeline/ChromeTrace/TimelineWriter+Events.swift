import Trace

/// Low-level events: names, slices (with the no-overlap clamp) and
/// counters, handed to the file's encoder.
extension TimelineWriter {
  /// Names process `pid` and gives its place among the processes.
  func process(_ pid: Int, name: String, sortIndex: Int) {
    file.processName(pid: pid, name)
    file.processSortIndex(pid: pid, sortIndex)
  }

  /// Names thread `tid` of `pid` and gives its place among the threads.
  func namedThread(_ tid: Int, pid: Int, name: String, sortIndex: Int) {
    file.threadName(pid: pid, tid: tid, name)
    file.threadSortIndex(pid: pid, tid: tid, sortIndex)
  }

  /// The thread of `lane` in `pid`, named on first use.
  func thread(pid: Int, lane: TimelineLayout.Lane, title: String? = nil) -> Int {
    let tid = TimelineLayout.tid(pid: pid, lane: lane)
    if threads.markNamed(tid) {
      namedThread(tid, pid: pid, name: title ?? lane.title, sortIndex: lane.rawValue)
    }
    return tid
  }

  /// Args for an event of this writer's file.
  func args() -> TraceArgs { file.args() }

  /// Writes a complete slice at the top level of its thread. Its start is
  /// moved to the end of the thread's previous slice if it would overlap it
  /// (rounding can make neighbours share a nanosecond). Returns the bounds
  /// as drawn.
  @discardableResult
  func slice(
    _ name: String, category: String, pid: Int, tid: Int, start: Int64, end: Int64,
    args: [UInt8]?, flow: TimelineFlow? = nil
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
    args: [UInt8]?, flow: TimelineFlow? = nil
  ) -> (start: Int64, end: Int64) {
    let begin = max(start, threads.end(of: tid))
    let finish = max(end, begin)
    threads.setEnd(finish, of: tid)
    file.slice(
      TimelineSlice(
        quotedName: quotedName, quotedCategory: quotedCategory, pid: pid, tid: tid,
        start: begin, end: finish, args: args, flow: flow, nested: false))
    return (begin, finish)
  }

  /// Writes a slice as given inside the thread's latest top-level slice
  /// (callers guarantee nesting).
  func nestedSlice(
    _ name: String, category: String, pid: Int, tid: Int, start: Int64, end: Int64,
    args: [UInt8]?
  ) {
    file.slice(
      TimelineSlice(
        quotedName: Self.quoted(name), quotedCategory: Self.quoted(category), pid: pid, tid: tid,
        start: start, end: end, args: args, flow: nil, nested: true))
  }

  /// Writes a counter sample on the request process (or on `pid`).
  func counter(
    _ name: String, key: String, at time: Int64, _ value: Double, pid: Int? = nil
  ) {
    file.counter(name, key: key, pid: pid ?? layout.requestPid, at: time, value)
  }

  /// The JSON string literal of `s`, as bytes.
  static func quoted(_ s: String) -> [UInt8] {
    var text = ByteText()
    text.appendQuoted(s)
    return text.bytes
  }
}
