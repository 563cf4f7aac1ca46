import Engine

/// What report.html shows, collected from a run's event stream by
/// ``OutputSet`` (small: a few numbers per pass, nothing per operator).
package struct ReportData: Sendable {
  /// A device of the run.
  package struct DeviceInfo: Sendable {
    /// The device key (`npu`, `device`, ...).
    package var key: String
    /// Display name.
    package var name: String
    /// `cpu`, `npu`, `igpu` or `gpu`.
    package var kind: String
  }

  /// Totals over the passes of one phase. Times in seconds.
  package struct PhaseTotals: Sendable {
    /// Passes (prefill chunks or decode steps).
    package var passes = 0
    /// Σ pass time (TTFT for prefill, Σ TPOT for decode).
    package var time = 0.0
    /// Σ compute time, without dispatch.
    package var tCompute = 0.0
    /// Σ memory time, without dispatch.
    package var tMemory = 0.0
    /// Σ dispatch time.
    package var tDispatch = 0.0
    /// Σ hand-off time waited for.
    package var tHandoff = 0.0
    /// Dispatch calls.
    package var dispatchCalls = 0
    /// Ideal ops.
    package var ops = 0.0
    /// Bytes read.
    package var bytesRead = 0.0
    /// Bytes written.
    package var bytesWritten = 0.0
    /// Σ pass energy, idle power included, J.
    package var energy = 0.0
    /// The device key of the phase's first pass.
    package var device = ""

    /// `compute` when tCompute ≥ tMemory.
    package var bound: String { tCompute >= tMemory ? "compute" : "memory" }
  }

  /// Ops and bytes of one operator kind in one phase (all devices).
  package struct KindTotals: Sendable {
    /// `prefill` or `decode`.
    package var phase: String
    /// The operator kind.
    package var kind: String
    /// Ideal ops.
    package var ops: Double
    /// Bytes read plus written.
    package var bytes: Double
  }

  /// One pass on the time axis with each device's busy time in it.
  package struct Segment: Sendable {
    /// `prefill` or `decode`.
    package var phase: String
    /// Start, seconds.
    package var start: Double
    /// End, seconds.
    package var end: Double
    /// Busy seconds per device (index as in ``devices``).
    package var busy: [Double]
  }

  /// The run's display name.
  package var runName = ""
  /// `op` or `phase`.
  package var overlap = "op"
  /// Sequences in the batch.
  package var batch = 1
  /// Devices in lane order.
  package var devices: [DeviceInfo] = []
  /// Prefill totals (zero passes when the prompt is empty).
  package var prefill = PhaseTotals()
  /// Decode totals over every step.
  package var decode = PhaseTotals()
  /// TPOT of each decode step, seconds.
  package var tpot: [Double] = []
  /// Ops and bytes by phase and kind, in phase then kind order.
  package var byKind: [KindTotals] = []
  /// Every pass in order.
  package var segments: [Segment] = []
  /// What the forecast's likely ranges come from: the prefill's band (for
  /// TTFT) and the decode's (for TPOT, applied to every step); nil: no
  /// basis for that phase.
  package var prefillBasis: ForecastEvidence.Basis?
  package var decodeBasis: ForecastEvidence.Basis?

  /// Creates empty data.
  package init() {}

  /// Mean TPOT in seconds, nil without decode steps.
  package var meanTPOT: Double? { tpot.isEmpty ? nil : decode.time / Double(tpot.count) }
  /// Tokens per second per sequence, nil without decode steps.
  package var tps: Double? {
    tpot.isEmpty || decode.time <= 0 ? nil : Double(tpot.count) / decode.time
  }
  /// End-to-end seconds: TTFT + Σ TPOT.
  package var e2e: Double { prefill.time + decode.time }
  /// The run's energy totals (docs/energy.md).
  package var energy: ForecastEnergy {
    ForecastEnergy(
      prefillJ: prefill.energy, decodeJ: decode.energy, batch: batch, generate: tpot.count,
      e2eSeconds: e2e)
  }
}
