/// Sums over the operators of one pass (or of the whole prefill).
public struct PassTotals: Sendable, Equatable {
  /// Ideal operations.
  public var ops: Double = 0
  /// Tile-padded operations.
  public var opsPadded: Double = 0
  /// Bytes read, split.
  public var read = BytesRead()
  /// Bytes written, split.
  public var written = BytesWritten()
  /// Kernel dispatches.
  public var dispatchCalls = 0
  /// Operations by kind.
  public var opsByKind: [OpKind: Double] = [:]
  /// Bytes read + written by kind.
  public var bytesByKind: [OpKind: Double] = [:]

  /// Empty totals.
  public init() {}

  /// Adds one record.
  public mutating func add(_ r: OpRecord) {
    ops += r.ops
    opsPadded += r.opsPadded
    read += r.read
    written += r.written
    dispatchCalls += r.dispatchCalls
    opsByKind[r.kind, default: 0] += r.ops
    bytesByKind[r.kind, default: 0] += r.bytes
  }

  /// Adds another pass's totals.
  public mutating func add(_ other: PassTotals) {
    ops += other.ops
    opsPadded += other.opsPadded
    read += other.read
    written += other.written
    dispatchCalls += other.dispatchCalls
    for (k, v) in other.opsByKind { opsByKind[k, default: 0] += v }
    for (k, v) in other.bytesByKind { bytesByKind[k, default: 0] += v }
  }
}

/// The totals of one decode step.
public struct StepTotals: Sendable, Equatable {
  /// The 1-based step.
  public var step: Int
  /// Keys attended to: prompt + step.
  public var kvLength: Int
  /// The sums.
  public var totals: PassTotals
}
