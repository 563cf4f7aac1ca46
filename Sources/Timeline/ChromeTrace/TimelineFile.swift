import Trace

/// One Chrome-trace JSON file, `{"traceEvents": [...], "metadata": {...}}`,
/// written as events arrive (one line per event) and committed whole at
/// ``finish()``. Several runs may share one file, each drawn by its own
/// ``TimelineWriter`` with its own ``TimelineLayout``. A file that is never
/// finished leaves any previous file in place.
package final class TimelineFile {
  /// The path the file is committed to.
  package var path: String { output.path }
  private let output: any TextOutput
  private var events = 0
  private var runs: [String] = []
  private var finished = false
  /// Events not yet handed to the output, flushed in chunks.
  private var pending = ByteText(capacity: TimelineFile.chunk + 4096)
  private static let chunk = 1 << 18

  /// Starts a trace at `path`; with `gzip` the bytes are gzip-compressed
  /// (name the path `….json.gz`). With a transaction the file is one of
  /// its set (named as `path` names it).
  package init(path: String, gzip: Bool = false, in transaction: OutputTransaction? = nil)
    throws(LifeError)
  {
    output = try openTextOutput(path: path, gzip: gzip, in: transaction)
    output.write("{\"traceEvents\":[\n")
  }

  /// The first write that failed (a full disk), as soon as it happened.
  package var failure: LifeError? { output.failure }

  /// Events written so far, all runs together.
  package var eventCount: Int { events }

  /// Appends one event: `body` is a complete JSON object.
  func append(_ body: String) {
    appendEvent { $0.append(text: body) }
  }

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

  /// Records one run's metadata object (compact JSON text).
  func addRunMetadata(_ json: String) {
    runs.append(json)
  }

  /// Closes the event array, writes the metadata and commits the file.
  package func finish() throws(LifeError) {
    guard !finished else { return }
    finished = true
    flush()
    output.write("\n],\n\"metadata\":{\"life\":{\"tool_version\":")
    output.write(JSONFormat.quoted(LifeVersion.current))
    output.write(",\"runs\":[")
    output.write(runs.joined(separator: ","))
    output.write("]}}}\n")
    try output.commit()
  }

  /// Abandons the file: the previous file at ``path``, if any, stays.
  package func discard() {
    finished = true
    output.discard()
  }
}
