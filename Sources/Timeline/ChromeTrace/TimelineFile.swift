import Engine
import Trace

/// One timeline file, written as events arrive and committed whole at
/// ``finish()``: Chrome-trace JSON (`timeline.json`) or Perfetto's
/// protobuf format (`timeline.pftrace`), by the file's
/// ``TimelineEncoder``. Several runs may share one file, each drawn by its
/// own ``TimelineWriter`` with its own ``TimelineLayout``. A file that is
/// never finished leaves any previous file in place.
package final class TimelineFile {
  /// The path the file is committed to.
  package let path: String
  /// The file's format.
  package let format: TraceFormat
  private let encoder: any TimelineEncoder
  // Counted for every event, from one thread at a time: no runtime
  // exclusivity check.
  @exclusivity(unchecked) private var events = 0
  private var runs: [String] = []
  private var finished = false

  /// Starts a trace at `path` in `format`; with `gzip` (JSON only) the
  /// bytes are gzip-compressed (name the path `….json.gz`). With a
  /// transaction the file is one of its set (named as `path` names it).
  package init(
    path: String, format: TraceFormat = .json, gzip: Bool = false,
    in transaction: OutputTransaction? = nil
  ) throws(LifeError) {
    let output = try openTextOutput(path: path, gzip: gzip && format == .json, in: transaction)
    self.path = output.path
    self.format = format
    switch format {
    case .json: encoder = JSONTimelineEncoder(output: output)
    case .perfetto: encoder = PerfettoEncoder(output: output)
    }
  }

  /// The first write that failed (a full disk), as soon as it happened.
  package var failure: LifeError? { encoder.failure }

  /// Events written so far, all runs together (a slice, a counter sample,
  /// a name or an order each count one, in either format).
  package var eventCount: Int { events }

  /// How this file's args are encoded.
  var argsEncoding: TraceArgsEncoding { encoder.argsEncoding }

  /// Starts args for an event of this file.
  func args() -> TraceArgs { TraceArgs(argsEncoding) }

  func processName(pid: Int, _ name: String) {
    events += 1
    encoder.processName(pid: pid, name)
  }

  func processSortIndex(pid: Int, _ index: Int) {
    events += 1
    encoder.processSortIndex(pid: pid, index)
  }

  func threadName(pid: Int, tid: Int, _ name: String) {
    events += 1
    encoder.threadName(pid: pid, tid: tid, name)
  }

  func threadSortIndex(pid: Int, tid: Int, _ index: Int) {
    events += 1
    encoder.threadSortIndex(pid: pid, tid: tid, index)
  }

  @inline(__always)
  func slice(_ slice: TimelineSlice) {
    events += 1
    encoder.slice(slice)
  }

  func counter(_ name: String, key: String, pid: Int, at time: Int64, _ value: Double) {
    events += 1
    encoder.counter(name, key: key, pid: pid, at: time, value)
  }

  /// Appends one event given as a complete JSON object (a JSON file only:
  /// a comparison merging JSON timelines).
  func append(_ body: String) {
    guard let json = encoder as? JSONTimelineEncoder else { return }
    events += 1
    json.append(body)
  }

  /// Records one run's metadata object (compact JSON text).
  func addRunMetadata(_ json: String) {
    runs.append(json)
  }

  /// Writes what is left and commits the file.
  package func finish() throws(LifeError) {
    guard !finished else { return }
    finished = true
    try encoder.finish(runs: runs)
  }

  /// Abandons the file: the previous file at ``path``, if any, stays.
  package func discard() {
    finished = true
    encoder.discard()
  }
}
