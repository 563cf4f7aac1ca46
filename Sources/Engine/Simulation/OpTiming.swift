import Trace

/// An operator's time on the device that runs it, in seconds: the one
/// formula LIFE times operators with (docs/engine.md).
///
/// - compute = ops_padded / (ec × peak TOPS of the compute dtype)
/// - memory = bytes moved / (em × bandwidth)
/// - dispatch = dispatch calls × dispatch latency
///
/// The simulator, its fast path for runs of alike layers, and the replays
/// of calibration and sweeps all time operators with
/// ``Simulator/timing(opsPadded:bytes:dispatchCalls:device:kind:dtype:efficiencies:)``
/// and advance a pass with ``PassClock``; a change to how an operator's
/// time is modelled goes there and nowhere else.
struct OpTiming: Sendable, Equatable {
  /// Compute seconds, without dispatch.
  var compute: Double
  /// Memory seconds, without dispatch.
  var memory: Double
  /// Dispatch seconds.
  var dispatch: Double

  /// `compute` when compute time ≥ memory time.
  var bound: Bound { compute >= memory ? .compute : .memory }
}

extension Simulator {
  /// The timing of an operator with these counts on device `device` (an
  /// index into the run's devices), of kind table index `kind`, computing in
  /// dtype table index `dtype`; nil when the device gives no peak TOPS for
  /// the dtype.
  @inline(__always)
  func timing(
    opsPadded: Double, bytes: Double, dispatchCalls: Int, device: Int, kind: Int, dtype: Int,
    efficiencies: EfficiencyTables
  ) -> OpTiming? {
    let perOp = secondsPerOp[device * DType.count + dtype]
    guard perOp != 0 else { return nil }
    let cell = device * OpKind.count + kind
    return OpTiming(
      compute: opsPadded * perOp * efficiencies.inverseCompute[cell],
      memory: bytes * secondsPerByte[device] * efficiencies.inverseMemory[cell],
      dispatch: Double(dispatchCalls) * dispatchSeconds[device])
  }

  /// The timing of `record` on device `device`.
  @inline(__always)
  func timing(of record: OpRecord, on device: Int, efficiencies: EfficiencyTables) -> OpTiming? {
    timing(
      opsPadded: record.opsPadded, bytes: record.bytes, dispatchCalls: record.dispatchCalls,
      device: device, kind: record.kind.tableIndex, dtype: record.computeType.tableIndex,
      efficiencies: efficiencies)
  }
}
