import Trace

/// An operator's time on the device that runs it, in seconds: the one
/// formula LIFE times operators with (docs/engine.md).
///
/// - compute = ops_padded / (ec × peak TOPS of the compute dtype)
/// - memory = bytes moved / (em × bandwidth)
/// - dispatch = dispatch calls × dispatch latency
/// - energy = ops_padded × pj_per_op + bytes × pj_per_byte (joules above
///   idle); under a power cap W the compute time is at least
///   energy / (W − idle_w) − dispatch, so the operator's average power,
///   idle included, is at most W (docs/energy.md)
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
  /// Joules spent on the operator above the device's idle power.
  var energy: Double = 0

  /// `compute` when compute time ≥ memory time.
  var bound: Bound { compute >= memory ? .compute : .memory }
}

extension Simulator {
  /// The timing of an operator with these counts on device `device` (an
  /// index into the run's devices), of kind table index `kind`, computing in
  /// dtype table index `dtype` (over quantized weights or not), with `calls`
  /// dispatch calls in phase `phase` (0 prefill, 1 decode); nil when the
  /// device gives no peak TOPS for it.
  @inline(__always)
  func timing(
    opsPadded: Double, bytes: Double, calls: Int, device: Int, kind: Int, dtype: Int,
    quantized: Bool, phase: Int, efficiencies: EfficiencyTables
  ) -> OpTiming? {
    let slot = Simulator.peakSlot(device: device, kind: kind, dtype: dtype, quantized: quantized)
    let perOp = secondsPerOp[slot]
    guard perOp != 0 else { return nil }
    let cell = device * OpKind.count + kind
    let dispatch = Double(calls) * dispatchSeconds[device * 2 + phase]
    let energy = opsPadded * joulesPerOp[slot] + bytes * joulesPerByte[device]
    var compute = opsPadded * perOp * efficiencies.inverseCompute[cell]
    let capped = efficiencies.capSecondsPerJoule[device]
    if capped > 0 { compute = max(compute, energy * capped - dispatch) }
    return OpTiming(
      compute: compute,
      memory: bytes * secondsPerByte[device] * efficiencies.inverseMemory[cell],
      dispatch: dispatch, energy: energy)
  }

  /// The dispatch calls of `record` on `device`: its runtime's launches, or
  /// the record's own calls.
  @inline(__always)
  func calls(_ record: OpRecord, on device: Int) -> Int {
    kernels[device]?.launches(record) ?? record.dispatchCalls
  }

  /// The timing of `record` on device `device`.
  @inline(__always)
  func timing(of record: OpRecord, on device: Int, efficiencies: EfficiencyTables) -> OpTiming? {
    timing(
      opsPadded: record.opsPadded, bytes: record.bytes, calls: calls(record, on: device),
      device: device, kind: record.kind.tableIndex, dtype: record.computeType.tableIndex,
      quantized: record.hasQuantizedWeights, phase: record.phase == .prefill ? 0 : 1,
      efficiencies: efficiencies)
  }

  /// The seconds of seconds-per-op at `device`'s peak for an operator, for
  /// event details (the peak TOPS used).
  func secondsPerOp(of record: OpRecord, on device: Int) -> Double {
    secondsPerOp[
      Simulator.peakSlot(
        device: device, kind: record.kind.tableIndex, dtype: record.computeType.tableIndex,
        quantized: record.hasQuantizedWeights)]
  }
}
