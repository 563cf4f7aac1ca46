import Trace

/// One workload of a sweep, made once and timed on every device point that
/// shares it: its op-trace totals and its ``ReplayPlan``, built as the trace
/// streams, without keeping the trace. Memory is a few numbers per distinct
/// operator and step, so a sweep's memory does not grow with its points.
///
/// A point whose simulator the plan cannot time (several devices, a
/// runtime's kernel graph or host work, a burst power cap) streams the
/// workload into the simulator again, as ``ForecastPipeline/run()`` does;
/// either way the forecast equals `life forecast`'s to the last digit.
package struct SweepWorkload: Sendable {
  /// The workload.
  package let workload: Workload
  /// Its op-trace totals (ops, bytes, peaks).
  package let totals: WorkloadTotals
  /// The trace reduced for replays on one device.
  let plan: ReplayPlan

  /// Runs `pipeline`'s workload (its effective options, tile included) once.
  package init(pipeline: ForecastPipeline) throws(LifeError) {
    let workload = try pipeline.workload()
    var tee = OpTee(WorkloadTotals(), ReplayPlan.Builder())
    workload.run(into: &tee)
    self.workload = workload
    self.totals = tee.first
    self.plan = tee.second.plan
  }

  /// About how many bytes this holds (for the sweep's bounded cache).
  package var approximateBytes: Int { plan.approximateBytes }

  /// The memory the workload needs resident.
  package var footprint: Footprint { Footprint(workload: workload, totals: totals) }

  /// The forecast of this workload on `pipeline`'s devices, mapping, links,
  /// runtime costs and overlap (the pipeline's model and options are not
  /// consulted).
  package func forecast(on pipeline: ForecastPipeline) throws(LifeError) -> Forecast {
    let simulator = try pipeline.simulator(for: workload)
    if ReplayPlan.applies(to: simulator) {
      var collector = ForecastCollector(keepSteps: pipeline.keepSteps)
      if plan.run(on: simulator, into: &collector) { return collector.forecast }
    }
    var run = simulator.start(ForecastCollector(keepSteps: pipeline.keepSteps))
    workload.run(into: &run)
    return try run.finish().forecast
  }
}
