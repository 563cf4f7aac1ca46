import Trace

/// The Chrome-trace JSON format, `{"traceEvents": [...], "metadata": {...}}`:
/// one line per event, buffered and flushed in chunks.
final class JSONTimelineEncoder: TimelineEncoder {
  private let output: any TextOutput
  private var events = 0
  /// Events not yet handed to the output, flushed in chunks.
  private var pending = ByteText(capacity: JSONTimelineEncoder.chunk + 4096)
  private static let chunk = 1 << 18

  init(output: any TextOutput) {
    self.output = output
    output.write("{\"traceEvents\":[\n")
  }

  var argsEncoding: TraceArgsEncoding { .json }
  var failure: LifeError? { output.failure }

  /// Appends one event that `body` writes as bytes (a complete JSON
  /// object).
  @inline(__always)
  func appendEvent(_ body: (inout ByteText) -> Void) {
    if events > 0 { pending.append(",\n") }
    body(&pending)
    events += 1
    if pending.count >= Self.chunk { flush() }
  }

  private func flush() {
    pending.withBytes { output.write(buffer: $0) }
    pending.removeAll()
  }

  func processName(pid: Int, _ name: String) {
    metadata("process_name", pid: pid, tid: nil, name: name)
  }

  func processSortIndex(pid: Int, _ index: Int) {
    metadata("process_sort_index", pid: pid, tid: nil, sortIndex: index)
  }

  func threadName(pid: Int, tid: Int, _ name: String) {
    metadata("thread_name", pid: pid, tid: tid, name: name)
  }

  func threadSortIndex(pid: Int, tid: Int, _ index: Int) {
    metadata("thread_sort_index", pid: pid, tid: tid, sortIndex: index)
  }

  private func metadata(_ kind: StaticString, pid: Int, tid: Int?, name: String) {
    appendEvent { out in
      head(kind, pid: pid, tid: tid, into: &out)
      out.append(",\"args\":{\"name\":")
      out.appendQuoted(name)
      out.append("}}")
    }
  }

  private func metadata(_ kind: StaticString, pid: Int, tid: Int?, sortIndex: Int) {
    appendEvent { out in
      head(kind, pid: pid, tid: tid, into: &out)
      out.append(",\"args\":{\"sort_index\":")
      out.appendInt(sortIndex)
      out.append("}}")
    }
  }

  private func head(_ kind: StaticString, pid: Int, tid: Int?, into out: inout ByteText) {
    out.append("{\"name\":\"")
    out.append(kind)
    // Process metadata names a thread too (pid × 10): never tid 0.
    out.append("\",\"ph\":\"M\",\"pid\":")
    out.appendInt(pid)
    out.append(",\"tid\":")
    out.appendInt(tid ?? pid * 10)
  }

  func slice(_ slice: TimelineSlice) {
    appendEvent { out in
      out.append("{\"name\":")
      out.append(bytes: slice.quotedName)
      out.append(",\"cat\":")
      out.append(bytes: slice.quotedCategory)
      out.append(",\"ph\":\"X\",\"ts\":")
      out.appendMicros(slice.start)
      out.append(",\"dur\":")
      out.appendMicros(slice.end - slice.start)
      out.append(",\"pid\":")
      out.appendInt(slice.pid)
      out.append(",\"tid\":")
      out.appendInt(slice.tid)
      switch slice.flow {
      case .out(let id)?:
        out.append(",\"bind_id\":")
        out.appendInt(id)
        out.append(",\"flow_out\":true")
      case .into(let id)?:
        out.append(",\"bind_id\":")
        out.appendInt(id)
        out.append(",\"flow_in\":true")
      case nil: break
      }
      if let args = slice.args {
        out.append(",\"args\":")
        out.append(bytes: args)
      }
      out.append("}")
    }
  }

  func counter(_ name: String, key: String, pid: Int, at time: Int64, _ value: Double) {
    appendEvent { out in
      out.append("{\"name\":")
      out.appendQuoted(name)
      out.append(",\"ph\":\"C\",\"ts\":")
      out.appendMicros(time)
      out.append(",\"pid\":")
      out.appendInt(pid)
      out.append(",\"args\":{")
      out.appendQuoted(key)
      out.append(":")
      out.appendNumber(value)
      out.append("}}")
    }
  }

  /// Appends one event given as a complete JSON object.
  func append(_ body: String) {
    appendEvent { $0.append(text: body) }
  }

  func finish(runs: [String]) throws(LifeError) {
    flush()
    output.write("\n],\n\"metadata\":{\"life\":{\"tool_version\":")
    output.write(JSONFormat.quoted(LifeVersion.current))
    output.write(",\"runs\":[")
    output.write(runs.joined(separator: ","))
    output.write("]}}}\n")
    try output.commit()
  }

  func discard() {
    output.discard()
  }
}
