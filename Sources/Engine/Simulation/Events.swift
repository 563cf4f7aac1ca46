import Trace

/// A span of time on a device lane, in seconds from the start of the run.
public struct Span: Sendable, Equatable {
  /// Start, seconds.
  public var start: Double
  /// Duration, seconds.
  public var duration: Double

  /// Creates a span.
  package init(start: Double, duration: Double) {
    self.start = start
    self.duration = duration
  }

  /// End, seconds.
  public var end: Double { start + duration }
}

/// One operator as the engine timed it on the device that runs it.
///
/// In `op` overlap the operator lane spans ``start``–``end`` = dispatch, then
/// compute and memory side by side. In `phase` overlap the compute and memory
/// spans lie on two independent pipelines and the operator has no single span
/// (``start``/``end`` then cover the union of its spans).
public struct OpEvent: Sendable {
  /// The operator.
  public var record: OpRecord
  /// Index of the device in ``RunInfo/devices``.
  public var device: Int
  /// Start of the operator, seconds from the start of the run.
  public var start: Double
  /// End of the operator.
  public var end: Double
  /// The dispatch span (zero length when the operator is fused).
  public var dispatch: Span
  /// The compute span: ops / (efficiency × TOPS).
  public var compute: Span
  /// The memory span: bytes / (efficiency × bandwidth).
  public var memory: Span
  /// Compute efficiency used.
  public var computeEfficiency: Double
  /// Memory efficiency used.
  public var memoryEfficiency: Double
  /// The peak TOPS used (of the operator's compute dtype).
  public var peakTops: Double
  /// `compute` when compute time ≥ memory time.
  public var bound: Bound

  /// Creates an event.
  package init(
    record: OpRecord, device: Int, start: Double, end: Double, dispatch: Span, compute: Span,
    memory: Span, computeEfficiency: Double, memoryEfficiency: Double, peakTops: Double,
    bound: Bound
  ) {
    self.record = record
    self.device = device
    self.start = start
    self.end = end
    self.dispatch = dispatch
    self.compute = compute
    self.memory = memory
    self.computeEfficiency = computeEfficiency
    self.memoryEfficiency = memoryEfficiency
    self.peakTops = peakTops
    self.bound = bound
  }
}

/// Work moving between two devices: a copy over a link, or a
/// synchronisation on shared memory.
public struct HandoffEvent: Sendable, Equatable {
  /// Index of the device handing off.
  public var from: Int
  /// Index of the device taking over.
  public var to: Int
  /// When and how long.
  public var span: Span
  /// Bytes copied (0 for a synchronisation).
  public var bytes: Double
  /// True for a copy over a link, false for a shared-memory synchronisation.
  public var isTransfer: Bool
  /// The pass the hand-off precedes.
  public var phase: Phase
  /// Its step (0 in prefill).
  public var step: Int

  /// Creates a hand-off.
  package init(
    from: Int, to: Int, span: Span, bytes: Double, isTransfer: Bool, phase: Phase, step: Int
  ) {
    self.from = from
    self.to = to
    self.span = span
    self.bytes = bytes
    self.isTransfer = isTransfer
    self.phase = phase
    self.step = step
  }
}

/// One finished pass with its totals: a prefill (chunk) or a decode step.
public struct PassTiming: Sendable, Equatable {
  /// The pass.
  public var pass: PassInfo
  /// Index of the device that ran most of it (the phase's mapped device).
  public var device: Int
  /// The pass's span, hand-offs before it included.
  public var span: Span
  /// Σ compute time, seconds, without dispatch.
  public var tCompute: Double
  /// Σ memory time, seconds, without dispatch.
  public var tMemory: Double
  /// Σ dispatch time, seconds.
  public var tDispatch: Double
  /// Time in hand-offs that this pass waited for.
  public var tHandoff: Double
  /// Host work of the pass (graph build, synchronisation, sampling),
  /// seconds: the runtime's; 0 for `ideal`.
  public var tHost: Double = 0
  /// `compute` when tCompute ≥ tMemory.
  public var bound: Bound
  /// Ideal ops.
  public var ops: Double
  /// Padded ops.
  public var opsPadded: Double
  /// Bytes read.
  public var read: BytesRead
  /// Bytes written.
  public var written: BytesWritten
  /// Dispatch calls.
  public var dispatchCalls: Int
  /// KV-cache bytes resident after the pass (all sequences).
  public var kvCacheBytes: Double
  /// Per device (in ``RunInfo/devices`` order), the joules its operators
  /// spent above idle power in this pass; empty when no device ran one.
  package var deviceEnergy: [Double] = []

  /// Creates a pass timing.
  package init(
    pass: PassInfo, device: Int, span: Span, tCompute: Double, tMemory: Double,
    tDispatch: Double, tHandoff: Double, bound: Bound, ops: Double, opsPadded: Double,
    read: BytesRead, written: BytesWritten, dispatchCalls: Int, kvCacheBytes: Double
  ) {
    self.pass = pass
    self.device = device
    self.span = span
    self.tCompute = tCompute
    self.tMemory = tMemory
    self.tDispatch = tDispatch
    self.tHandoff = tHandoff
    self.bound = bound
    self.ops = ops
    self.opsPadded = opsPadded
    self.read = read
    self.written = written
    self.dispatchCalls = dispatchCalls
    self.kvCacheBytes = kvCacheBytes
  }
}

/// What a run is: its devices in lane order, mapping and overlap model.
public struct RunInfo: Sendable {
  /// A display name (the scenario's name, or the model and devices).
  public var name: String
  /// Devices with their keys, in lane order.
  public var devices: [(key: String, device: Device)]
  /// The mapping.
  public var mapping: Mapping
  /// The overlap model.
  public var overlap: Overlap
  /// The runtime each device runs, in device order.
  public var runtimes: [String]

  /// Creates run information.
  package init(
    name: String, devices: [(key: String, device: Device)], mapping: Mapping, overlap: Overlap,
    runtimes: [String]? = nil
  ) {
    self.name = name
    self.devices = devices
    self.mapping = mapping
    self.overlap = overlap
    self.runtimes = runtimes ?? devices.map { _ in "ideal" }
  }
}

/// Receives the engine's timed event stream as it is produced.
///
/// Order: ``begin(_:)``; for each pass, any ``handoff(_:)`` before it, then
/// ``passBegan(_:at:)``, its ``op(_:)`` events in execution order (with a
/// ``handoff(_:)`` between two operators that run on different devices, when
/// a per-kind mapping splits the pass), then ``passEnded(_:)``; finally
/// ``end()``. ``passBegan(_:at:)`` gives the start of the pass's span, which
/// includes the hand-off before it. Sinks that only need totals may
/// ignore ``op(_:)``; the engine asks ``wantsOpEvents(in:)`` first so that
/// summary-only runs skip building them.
public protocol EventSink {
  /// The run starts.
  mutating func begin(_ run: RunInfo)
  /// Whether this sink wants per-operator events for the pass.
  func wantsOpEvents(in pass: PassInfo) -> Bool
  /// A hand-off between devices before a pass.
  mutating func handoff(_ event: HandoffEvent)
  /// A pass starts at `time` (seconds).
  mutating func passBegan(_ pass: PassInfo, at time: Double)
  /// One timed operator.
  mutating func op(_ event: OpEvent)
  /// A pass ends.
  mutating func passEnded(_ timing: PassTiming)
  /// The run ends.
  mutating func end()
  /// A failure that ends the run early (an output that can no longer be
  /// written: a full disk): the engine asks after every pass and stops
  /// with it. Nil by default.
  var failure: LifeError? { get }
}

extension EventSink {
  /// No failure: the run goes to its end.
  public var failure: LifeError? { nil }
}
