import Trace

/// One timeline file format: how ``TimelineFile`` writes the events a
/// ``TimelineWriter`` draws. Both formats get the same calls in the same
/// order, so they hold the same tracks, slices, arguments, counters and
/// flows; each streams its bytes and commits the file whole or not at all.
protocol TimelineEncoder: AnyObject {
  /// How the format encodes args.
  var argsEncoding: TraceArgsEncoding { get }
  /// The first write that failed (a full disk), as soon as it happened.
  var failure: LifeError? { get }
  /// Names process `pid`.
  func processName(pid: Int, _ name: String)
  /// Orders process `pid` among the processes.
  func processSortIndex(pid: Int, _ index: Int)
  /// Names thread `tid` of `pid`.
  func threadName(pid: Int, tid: Int, _ name: String)
  /// Orders thread `tid` among its process's threads.
  func threadSortIndex(pid: Int, tid: Int, _ index: Int)
  /// A slice on thread `tid`.
  func slice(_ slice: TimelineSlice)
  /// A counter sample on process `pid`: series `name`, value member `key`.
  func counter(_ name: String, key: String, pid: Int, at time: Int64, _ value: Double)
  /// Writes what is buffered, the runs' metadata (compact JSON objects),
  /// and commits the file.
  func finish(runs: [String]) throws(LifeError)
  /// Abandons the file: any previous file at its path stays.
  func discard()
}

/// One slice as the writer draws it.
struct TimelineSlice {
  /// The name as a JSON string literal (the key both formats share).
  var quotedName: [UInt8]
  /// The category as a JSON string literal.
  var quotedCategory: [UInt8]
  var pid: Int
  var tid: Int
  /// Integer nanoseconds; `end >= start`.
  var start: Int64
  var end: Int64
  /// Args in the file's ``TraceArgsEncoding``.
  var args: [UInt8]?
  var flow: TimelineFlow?
  /// Whether the slice lies inside the thread's latest top-level slice
  /// (drawn just after it) rather than after it.
  var nested: Bool
}

/// A flow between two slices (a hand-off), by id.
enum TimelineFlow {
  /// The flow starts at this slice.
  case out(Int)
  /// The flow ends at this slice.
  case into(Int)
}
