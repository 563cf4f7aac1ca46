import Trace

/// A pass's ops, bytes and dispatch calls as the simulator sums them,
/// operator by operator in execution order.
struct PassSums: Sendable {
  /// Ideal ops.
  var ops: Double = 0
  /// Ops after tile padding.
  var opsPadded: Double = 0
  /// Bytes read.
  var read = BytesRead()
  /// Bytes written.
  var written = BytesWritten()
  /// Dispatch calls.
  var calls = 0

  /// Adds one operator that costs `calls` dispatch calls.
  @inline(__always)
  mutating func add(_ record: OpRecord, calls: Int) {
    ops += record.ops
    opsPadded += record.opsPadded
    read += record.read
    written += record.written
    self.calls += calls
  }
}
