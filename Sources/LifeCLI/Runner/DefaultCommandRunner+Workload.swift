import Trace

extension DefaultCommandRunner {
  /// `life workload`: the op-trace totals of a model under its options, as
  /// JSON or a table; warnings also go to standard error.
  func workload(_ request: WorkloadRequest, console: Console) throws(LifeError) {
    let model = try ModelConfig.resolve(request.model)
    let workload = try Workload(model: model, options: request.options)
    let totals = WorkloadTotals.of(workload)
    if request.json {
      let json = WorkloadReport.json(workload: workload, totals: totals)
      try JSONFormat.checkFinite(json)
      console.write(JSONFormat.text(json))
    } else {
      console.write(WorkloadReport.table(workload: workload, totals: totals))
    }
    for warning in workload.warnings { console.warn(warning) }
  }
}
