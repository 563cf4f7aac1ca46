import Trace

extension TimelineMerge {
  /// Per thread of the merged file: the bounds of its latest top-level
  /// slice, to tell the slices drawn inside it (prefill chunks, which
  /// begin before it ends) from the next one.
  typealias Nesting = [Int: (start: Int64, end: Int64)]

  /// Draws one checked and moved trace event of a JSON timeline into a
  /// Perfetto file as the writer drew it: names and orders (`M`), slices
  /// (`X`, with their args and flow) and counter samples (`C`). LIFE's
  /// timelines hold no other kind of event.
  static func draw(_ event: JSONValue, into file: TimelineFile, nesting: inout Nesting) {
    guard case .string(let ph)? = event["ph"] else { return }
    let pid = integer(event["pid"]) ?? 0
    let tid = integer(event["tid"]) ?? pid * 10
    let name = text(event["name"]) ?? ""
    switch ph {
    case "M":
      let args = event["args"]
      switch name {
      case "process_name": file.processName(pid: pid, text(args?["name"]) ?? "")
      case "process_sort_index": file.processSortIndex(pid: pid, integer(args?["sort_index"]) ?? 0)
      case "thread_name": file.threadName(pid: pid, tid: tid, text(args?["name"]) ?? "")
      case "thread_sort_index":
        file.threadSortIndex(pid: pid, tid: tid, integer(args?["sort_index"]) ?? 0)
      default: return
      }
    case "X":
      let start = nanoseconds(event["ts"])
      let end = start + max(0, nanoseconds(event["dur"]))
      var args: [UInt8]?
      if case .object(let members)? = event["args"] {
        var built = file.args()
        for (key, value) in members { built.member(key, value) }
        args = built.bytes
      }
      var flow: TimelineFlow?
      if let id = integer(event["bind_id"]) {
        if event["flow_out"] == .bool(true) { flow = .out(id) }
        if event["flow_in"] == .bool(true) { flow = .into(id) }
      }
      let nested = nesting[tid].map { start < $0.end } ?? false
      if !nested { nesting[tid] = (start, end) }
      file.slice(
        TimelineSlice(
          quotedName: TimelineWriter.quoted(name),
          quotedCategory: TimelineWriter.quoted(text(event["cat"]) ?? ""), pid: pid, tid: tid,
          start: start, end: end, args: args, flow: flow, nested: nested))
    case "C":
      guard case .object(let members)? = event["args"] else { return }
      let time = nanoseconds(event["ts"])
      for (key, value) in members {
        guard case .number(let number) = value else { continue }
        file.counter(name, key: key, pid: pid, at: time, number.value)
      }
    default: return
    }
  }

  private static func integer(_ value: JSONValue?) -> Int? {
    guard case .number(let number)? = value, let int = number.exactInt else { return nil }
    return Int(exactly: int)
  }

  private static func text(_ value: JSONValue?) -> String? {
    guard case .string(let s)? = value else { return nil }
    return s
  }

  /// A time in microseconds (as the JSON writes it) as integer
  /// nanoseconds; 0 when absent or out of range.
  private static func nanoseconds(_ value: JSONValue?) -> Int64 {
    guard case .number(let number)? = value else { return 0 }
    let ns = (number.value * 1000).rounded()
    guard ns.isFinite, abs(ns) < 9e18 else { return 0 }
    return Int64(ns)
  }
}
