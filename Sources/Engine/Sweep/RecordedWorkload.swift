import Trace

/// A workload's op trace recorded once, to be replayed into the simulator on
/// many devices: what calibration (one row, many candidate devices) and
/// sweeps (one workload, many device points) do instead of regenerating the
/// trace for every evaluation. The op trace does not depend on the device
/// (the tile, which does, is fixed when the workload is made); the simulated
/// times do.
///
/// A replay builds the simulator exactly as ``ForecastPipeline/run()`` does
/// and feeds it the same records in the same order, so its ``Forecast`` is
/// equal, to the last digit, to the pipeline's.
package struct RecordedWorkload: Sendable {
  /// The workload the trace came from.
  package let workload: Workload
  /// Its passes in execution order, each with its operators.
  package let passes: [(pass: PassInfo, records: [OpRecord])]
  /// The trace's totals (ops, bytes, dispatch calls per pass).
  package let totals: WorkloadTotals
  /// The trace reduced for fast replays on one device.
  let plan: ReplayPlan

  /// Runs `workload` once and records its trace.
  package init(_ workload: Workload) {
    var recorder = OpTraceRecorder()
    workload.run(into: &recorder)
    self.workload = workload
    self.passes = recorder.passes
    self.totals = recorder.totals
    self.plan = ReplayPlan(recorder.passes)
  }

  /// The recorded workload of `pipeline` (its effective options, tile
  /// included).
  package init(pipeline: ForecastPipeline) throws(LifeError) {
    self.init(try pipeline.workload())
  }

  /// The forecast of this trace on `pipeline`'s devices, mapping, links and
  /// overlap (the pipeline's model and options are not consulted). On one
  /// device the reduced trace (``ReplayPlan``) is timed; the result is the
  /// same to the last digit.
  package func forecast(on pipeline: ForecastPipeline) throws(LifeError) -> Forecast {
    let simulator = try pipeline.simulator(for: workload)
    if ReplayPlan.applies(to: simulator) {
      var collector = ForecastCollector(keepSteps: pipeline.keepSteps)
      if plan.run(on: simulator, into: &collector) { return collector.forecast }
    }
    var collector = ForecastCollector(keepSteps: pipeline.keepSteps)
    try simulator.run(passes: passes, into: &collector)
    return collector.forecast
  }
}

/// An ``OpSink`` that keeps every pass and its operators, and the totals.
struct OpTraceRecorder: OpSink {
  var passes: [(pass: PassInfo, records: [OpRecord])] = []
  var totals = WorkloadTotals()
  private var current: [OpRecord] = []

  mutating func beginPass(_ pass: PassInfo) {
    current = []
    totals.beginPass(pass)
  }

  mutating func consume(_ record: OpRecord) {
    current.append(record)
    totals.consume(record)
  }

  mutating func endPass(_ pass: PassInfo) {
    passes.append((pass, current))
    totals.endPass(pass)
  }
}
