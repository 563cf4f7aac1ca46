/// What report.html shows, collected from a run's event stream by
/// ``OutputSet`` (small: a few numbers per pass, nothing per operator).
public struct ReportData: Sendable {
  /// A device of the run.
  public struct DeviceInfo: Sendable {
    /// The device key (`npu`, `device`, ...).
    public var key: String
    /// Display name.
    public var name: String
    /// `cpu`, `npu`, `igpu` or `gpu`.
    public var kind: String
  }

  /// Totals over the passes of one phase. Times in seconds.
  public struct PhaseTotals: Sendable {
    /// Passes (prefill chunks or decode steps).
    public var passes = 0
    /// Σ pass time (TTFT for prefill, Σ TPOT for decode).
    public var time = 0.0
    /// Σ compute time, without dispatch.
    public var tCompute = 0.0
    /// Σ memory time, without dispatch.
    public var tMemory = 0.0
    /// Σ dispatch time.
    public var tDispatch = 0.0
    /// Σ hand-off time waited for.
    public var tHandoff = 0.0
    /// Dispatch calls.
    public var dispatchCalls = 0
    /// Ideal ops.
    public var ops = 0.0
    /// Bytes read.
    public var bytesRead = 0.0
    /// Bytes written.
    public var bytesWritten = 0.0
    /// The device key of the phase's first pass.
    public var device = ""

    /// `compute` when tCompute ≥ tMemory.
    public var bound: String { tCompute >= tMemory ? "compute" : "memory" }
  }

  /// Ops and bytes of one operator kind in one phase (all devices).
  public struct KindTotals: Sendable {
    /// `prefill` or `decode`.
    public var phase: String
    /// The operator kind.
    public var kind: String
    /// Ideal ops.
    public var ops: Double
    /// Bytes read plus written.
    public var bytes: Double
  }

  /// One pass on the time axis with each device's busy time in it.
  public struct Segment: Sendable {
    /// `prefill` or `decode`.
    public var phase: String
    /// Start, seconds.
    public var start: Double
    /// End, seconds.
    public var end: Double
    /// Busy seconds per device (index as in ``devices``).
    public var busy: [Double]
  }

  /// The run's display name.
  public var runName = ""
  /// `op` or `phase`.
  public var overlap = "op"
  /// Sequences in the batch.
  public var batch = 1
  /// Devices in lane order.
  public var devices: [DeviceInfo] = []
  /// Prefill totals (zero passes when the prompt is empty).
  public var prefill = PhaseTotals()
  /// Decode totals over every step.
  public var decode = PhaseTotals()
  /// TPOT of each decode step, seconds.
  public var tpot: [Double] = []
  /// Ops and bytes by phase and kind, in phase then kind order.
  public var byKind: [KindTotals] = []
  /// Every pass in order.
  public var segments: [Segment] = []

  /// Creates empty data.
  public init() {}

  /// Mean TPOT in seconds, nil without decode steps.
  public var meanTPOT: Double? { tpot.isEmpty ? nil : decode.time / Double(tpot.count) }
  /// Tokens per second per sequence, nil without decode steps.
  public var tps: Double? {
    tpot.isEmpty || decode.time <= 0 ? nil : Double(tpot.count) / decode.time
  }
  /// End-to-end seconds: TTFT + Σ TPOT.
  public var e2e: Double { prefill.time + decode.time }
}
