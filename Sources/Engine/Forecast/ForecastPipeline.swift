import Trace

/// The whole forecast of one run: model + options → workload → simulation
/// on devices → numbers, JSON and text. The library's front door; the `life`
/// command's `forecast`, `simulate`, `calibrate` and `sweep` all go through
/// it.
///
/// ```swift
/// let model = try ModelConfig.resolve("llama-2-7b")
/// var options = WorkloadOptions(prompt: 1024)
/// options.generate = 128
/// let gpu = try Device.resolve("h100-sxm", at: .none)
/// let pipeline = ForecastPipeline(
///   model: model, options: options, devices: [("device", gpu)],
///   mapping: Mapping(prefill: "device", decode: "device"))
/// let outcome = try pipeline.run()
/// print(outcome.forecast.ttftMs, outcome.forecast.tpotMeanMs ?? 0)
/// ```
public struct ForecastPipeline: Sendable {
  /// A display name for the run.
  public var name: String
  /// The model.
  public var model: ModelConfig
  /// Workload options as given (the tile falls back to the devices').
  public var options: WorkloadOptions
  /// Devices with their keys, in lane order.
  public var devices: [(key: String, device: Device)]
  /// Which device runs what.
  public var mapping: Mapping
  /// Links between devices.
  public var links: [Link]
  /// The overlap model.
  public var overlap: Overlap
  /// Capacity overflow is an error rather than a warning.
  public var strict: Bool
  /// Keep per-step timings (off for sweeps that need only means).
  public var keepSteps: Bool
  /// Which runtime runs on which device.
  public var runtime: RuntimeChoice
  /// Speculative decoding: a draft model on a device of ``devices``.
  package var speculative: SpeculativeSettings?

  /// Creates a pipeline.
  public init(
    name: String = "", model: ModelConfig, options: WorkloadOptions,
    devices: [(key: String, device: Device)], mapping: Mapping, links: [Link] = [],
    overlap: Overlap = .op, strict: Bool = false, keepSteps: Bool = true,
    runtime: RuntimeChoice = .automatic
  ) {
    self.name = name.isEmpty ? model.name : name
    self.model = model
    self.options = options
    self.devices = devices
    self.mapping = mapping
    self.links = links
    self.overlap = overlap
    self.strict = strict
    self.keepSteps = keepSteps
    self.runtime = runtime
  }

  /// The runtimes resolved against the devices.
  package var plan: RuntimePlan {
    RuntimePlan(
      choice: runtime, devices: devices, mapping: mapping,
      weights: options.weights ?? model.storedWeights?.label)
  }

  /// The options the workload runs with: the runtime's defaults for the
  /// options not set explicitly, and the tile, when not given, the decode
  /// device's (else the prefill device's) `tile`.
  package var effectiveOptions: WorkloadOptions { effectiveOptions(plan) }

  func effectiveOptions(_ plan: RuntimePlan) -> WorkloadOptions {
    var effective = options.applyingDefaults(plan.workloadRuntime.defaults)
    if effective.tile == nil {
      let decode = devices.first { $0.key == mapping.decode }?.device.tile
      let prefill = devices.first { $0.key == mapping.prefill }?.device.tile
      effective.tile = decode ?? prefill
    }
    return effective
  }

  /// The workload this pipeline runs.
  package func workload() throws(LifeError) -> Workload {
    try workload(plan)
  }

  func workload(_ plan: RuntimePlan) throws(LifeError) -> Workload {
    try Workload(
      model: model, options: effectiveOptions(plan), accounting: plan.workloadRuntime.accounting)
  }

  /// The simulator for `workload`.
  package func simulator(for workload: Workload) throws(LifeError) -> Simulator {
    try simulator(for: workload, plan: plan)
  }

  func simulator(for workload: Workload, plan: RuntimePlan) throws(LifeError) -> Simulator {
    let batch = Double(max(1, workload.options.batch))
    return try Simulator(
      name: name, devices: plan.devices, mapping: mapping, links: links, overlap: overlap,
      kvBytesPerToken: workload.kvCacheBytes(tokens: 1) / batch, runtimeCosts: plan.costs)
  }

  /// Runs the forecast, also sending every event to `sink` (a timeline
  /// writer, say). The op trace is produced once and feeds both the workload
  /// totals and the simulator.
  public func run<E: EventSink>(into sink: inout E) throws(LifeError) -> ForecastOutcome {
    let plan = self.plan
    let workload = try self.workload(plan)
    let simulator = try self.simulator(for: workload, plan: plan)
    var tee = OpTee(
      WorkloadTotals(),
      simulator.start(EventTee(ForecastCollector(keepSteps: keepSteps), sink)))
    workload.run(into: &tee)
    let totals = tee.first
    let sinks = try tee.second.finish()
    sink = sinks.second
    var forecast = sinks.first.forecast
    let capacity = try CapacityCheck(
      footprint: Footprint(workload: workload, totals: totals), devices: plan.devices,
      mapping: mapping, strict: strict)
    var report = ForecastReport(run: simulator.info, forecast: forecast, capacity: capacity)
    if let speculative {
      var draftOptions = workload.options
      draftOptions.loraRank = nil
      let speculation = Speculation(
        draft: try Workload(
          model: speculative.draftModel, options: draftOptions,
          accounting: plan.workloadRuntime.accounting),
        draftDevice: speculative.draftDevice, tokens: speculative.tokens,
        acceptance: speculative.acceptance)
      let plainMean = forecast.tpotMeanMs
      let spec = try SpeculativeForecast(
        workload: workload, speculation: speculation, simulator: simulator)
      forecast.steps = keepSteps ? spec.steps : []
      forecast.tpotSumMs = spec.tpotSumMs
      forecast.decodeEnergyJ = spec.decodeEnergyJ
      report = ForecastReport(run: simulator.info, forecast: forecast, capacity: capacity)
      report.speculative = (spec, plainMean)
    }
    report.evidence = evidence(plan, workload: workload)
    report.storedWeights = workload.storedWeights
    return ForecastOutcome(
      workload: workload, totals: totals, forecast: forecast, capacity: capacity, report: report)
  }

  /// The ranges and benchmark command of a run with `plan`.
  func evidence(_ plan: RuntimePlan, workload: Workload) -> ForecastEvidence {
    func entry(_ key: String) -> (runtime: Runtime, device: Device)? {
      guard let i = plan.devices.firstIndex(where: { $0.key == key }) else { return nil }
      return (plan.runtimes[i], plan.devices[i].device)
    }
    return ForecastEvidence(
      prefill: entry(mapping.prefill), decode: entry(mapping.decode), model: model,
      options: workload.options)
  }

  /// Runs the forecast with no other sink.
  public func run() throws(LifeError) -> ForecastOutcome {
    var sink = NullEventSink()
    return try run(into: &sink)
  }
}

/// Everything a forecast produced.
public struct ForecastOutcome: Sendable {
  /// The workload that ran.
  public var workload: Workload
  /// Its op-trace totals.
  public var totals: WorkloadTotals
  /// The timed numbers.
  public var forecast: Forecast
  /// Capacity per device.
  package var capacity: CapacityCheck
  /// The report builder.
  package var report: ForecastReport

  /// `life workload --json`'s object.
  public var workloadJSON: JSONValue { WorkloadReport.json(workload: workload, totals: totals) }

  /// `life forecast --json`'s object.
  public var json: JSONValue { document.materialized }

  /// ``json`` as a document whose per-step arrays are made as they are
  /// written (``JSONFormat/write(_:pretty:chunk:to:)``).
  package var document: JSONDocument {
    report.document(mergingInto: WorkloadReport.document(workload: workload, totals: totals))
  }

  /// The run's warnings: the workload's (context beyond the model's
  /// positions), then each device that does not fit.
  public var warnings: [String] { workload.warnings + capacity.warnings }

  /// The readable summary.
  public var text: String { report.text }
}
