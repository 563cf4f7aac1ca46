import Trace

/// A serving run: requests through a continuous-batching scheduler on
/// devices, every pass timed by the engine's own kernel (docs/serve.md).
/// The front door of `life serve`.
package struct ServePipeline: Sendable {
  /// A display name.
  package var name: String
  /// The target model.
  package var model: ModelConfig
  /// Workload options (prompt, generate and batch are the requests').
  package var options: WorkloadOptions
  /// Devices with their keys, in lane order (the draft's included).
  package var devices: [(key: String, device: Device)]
  /// Which device runs what.
  package var mapping: Mapping
  /// Links between devices.
  package var links: [Link]
  /// The overlap model.
  package var overlap: Overlap
  /// The requests, in arrival order.
  package var requests: [ServeRequest]
  /// The scheduler's knobs.
  package var scheduler: SchedulerConfig
  /// Goodput objectives.
  package var objectives: ServiceObjectives
  /// Speculative decoding, when a draft model is given.
  package var speculative: SpeculativeSettings?
  /// Which runtime runs on which device.
  package var runtime: RuntimeChoice

  /// A pipeline.
  package init(
    name: String = "", model: ModelConfig, options: WorkloadOptions,
    devices: [(key: String, device: Device)], mapping: Mapping, links: [Link] = [],
    overlap: Overlap = .op, requests: [ServeRequest],
    scheduler: SchedulerConfig = SchedulerConfig(),
    objectives: ServiceObjectives = ServiceObjectives(), speculative: SpeculativeSettings? = nil,
    runtime: RuntimeChoice = .automatic
  ) {
    self.name = name.isEmpty ? model.name : name
    self.model = model
    self.options = options
    self.devices = devices
    self.mapping = mapping
    self.links = links
    self.overlap = overlap
    self.requests = requests
    self.scheduler = scheduler
    self.objectives = objectives
    self.speculative = speculative
    self.runtime = runtime
  }

  /// The forecast pipeline whose workload and runtimes every pass shares.
  var forecast: ForecastPipeline {
    var base = options
    base.prompt = 1
    base.generate = 0
    base.batch = 1
    return ForecastPipeline(
      model: model, options: base, devices: devices, mapping: mapping, links: links,
      overlap: overlap, runtime: runtime)
  }

  /// The workload every pass comes from: the options with one token of
  /// prompt, the tile falling back to the devices' as in a forecast.
  package func workload() throws(LifeError) -> Workload {
    try forecast.workload()
  }

  /// Runs the requests through the scheduler.
  package func run() throws(LifeError) -> ServeOutcome {
    let plan = forecast.plan
    let workload = try forecast.workload()
    var speculation: Speculation?
    if let speculative {
      var draftOptions = workload.options
      draftOptions.loraRank = nil
      let draft = try Workload(
        model: speculative.draftModel, options: draftOptions,
        accounting: plan.workloadRuntime.accounting)
      speculation = Speculation(
        draft: draft, draftDevice: speculative.draftDevice, tokens: speculative.tokens,
        acceptance: speculative.acceptance)
    }
    let simulator = try Simulator(
      name: name, devices: plan.devices, mapping: mapping, links: links, overlap: overlap,
      kvBytesPerToken: workload.kvCacheBytes(tokens: 1), runtimeCosts: plan.costs)
    var engine = try ServeEngine(
      simulator: simulator, workload: workload, speculation: speculation, requests: requests,
      config: scheduler)
    try engine.run()
    return ServeOutcome(
      name: name, workload: workload, speculation: speculation, simulator: simulator,
      scheduler: scheduler, objectives: objectives, records: engine.records,
      passes: engine.passes, transfers: engine.transfers, samples: engine.samples,
      pools: engine.poolInfo, lanes: engine.laneNames, warnings: engine.warnings)
  }
}

/// Speculative decoding as given: the draft model, the device key that runs
/// it, K and the acceptance rates.
package struct SpeculativeSettings: Sendable {
  /// The draft model.
  package var draftModel: ModelConfig
  /// The device key of the draft's device.
  package var draftDevice: String
  /// Draft tokens per verify pass.
  package var tokens: Int
  /// Acceptance per position: one value, or K.
  package var acceptance: [Double]

  /// Settings.
  package init(draftModel: ModelConfig, draftDevice: String, tokens: Int, acceptance: [Double]) {
    self.draftModel = draftModel
    self.draftDevice = draftDevice
    self.tokens = tokens
    self.acceptance = acceptance
  }
}
