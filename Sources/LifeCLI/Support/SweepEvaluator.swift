import Engine
import Trace

/// Forecasts the points of a sweep: each point's model, workload options
/// and device are built as `life forecast --device` builds them (overrides
/// through ``DeviceOverrides/apply(to:)``, then the point's device fields),
/// and its workload is made once (``SweepWorkload``) and timed for every
/// point that shares it.
struct SweepEvaluator: Sendable {
  let spec: SweepSpec
  /// Models by reference: `--model`, or each value of the `model` axis.
  let models: [String: ModelConfig]
  /// Base devices (overrides applied) by reference: `--device`, or each
  /// value of the `device` axis.
  let devices: [String: Device]
  /// Workloads by ``traceKey(_:_:)``, bounded by their bytes.
  let workloads: SweepMemo<String, SweepWorkload>

  /// What the cache of workloads may hold, bytes: a few hundred
  /// 2000-step plans of a 7B model, whatever the number of points.
  static let cacheBudget = 64 << 20

  init(_ spec: SweepSpec, threads: Int) throws(LifeError) {
    self.spec = spec
    var models: [String: ModelConfig] = [:]
    let modelAxis = SweepAxis.Name.model.name
    for name in spec.modelReferences where models[name] == nil {
      do {
        models[name] = try ModelConfig.resolve(name, family: spec.family)
      } catch {
        var placed = error
        if spec.model == nil, placed.location == ErrorLocation(origin: .parameter(.model)) {
          placed.location = ErrorLocation(origin: .sweepAxis(modelAxis))
        }
        throw placed
      }
    }
    self.models = models
    var references: [(name: String, origin: InputOrigin)] = []
    if let device = spec.device { references.append((device, .parameter(.device))) }
    if let axis = spec.axes.first(where: { $0.name == .device }) {
      references += axis.values.map { ($0.text, .sweepAxis(SweepAxis.Name.device.name)) }
    }
    var devices: [String: Device] = [:]
    for (name, origin) in references where devices[name] == nil {
      devices[name] = spec.overrides.apply(
        to: try Device.resolve(name, at: ErrorLocation(origin: origin)))
    }
    self.devices = devices
    workloads = SweepMemo(budget: Self.cacheBudget) { $0.approximateBytes }
  }

  /// The model of `point`.
  func model(_ point: SweepPoint) throws(LifeError) -> ModelConfig {
    let reference = point.modelName ?? spec.model ?? ""
    guard let model = models[reference] else {
      throw LifeError(
        .failure, at: ErrorLocation(origin: .sweepAxis(SweepAxis.Name.model.name)),
        "unknown model", got: "'\(reference)'")
    }
    return model
  }

  /// The pipeline of `point`: one device, key `device`, no per-step timings.
  func pipeline(_ point: SweepPoint) throws(LifeError) -> ForecastPipeline {
    var options = spec.options
    point.apply(to: &options)
    let reference = point.deviceName ?? spec.device ?? ""
    guard var device = devices[reference] else {
      throw LifeError(
        .failure, at: ErrorLocation(origin: .sweepAxis(SweepAxis.Name.device.name)),
        "unknown device", got: "'\(reference)'")
    }
    point.apply(to: &device)
    if let cap = device.power.capW, cap <= device.power.idleW {
      throw LifeError.usage(
        .sweepAxis(SweepAxis.Name.powerCap.name), "power cap at or below the device's idle power",
        got: "\(JSONFormat.number(cap)) W",
        expected: "more than its idle_w, \(JSONFormat.number(device.power.idleW)) W")
    }
    return ForecastPipeline(
      model: try model(point), options: options, devices: [("device", device)],
      mapping: Mapping(prefill: "device", decode: "device"), overlap: spec.overlap,
      keepSteps: false, runtime: point.runtime.map(RuntimeChoice.everywhere) ?? spec.runtime)
  }

  /// Points with the same key share an op trace: the workload axes' values,
  /// the tile the workload runs with (a device's `tile` may set it) and the
  /// runtime whose defaults and accounting it follows (the default rule
  /// may pick one per device).
  static func traceKey(_ point: SweepPoint, _ pipeline: ForecastPipeline) -> String {
    let plan = pipeline.plan
    return point.workloadKey + " tile="
      + (pipeline.effectiveOptions.tile.map(String.init) ?? "none") + " runtime="
      + plan.workloadRuntime.name
  }

  /// The forecast of `point`, equal to `life forecast` with the same flags.
  func evaluate(_ point: SweepPoint) throws(LifeError) -> SweepResult {
    let pipeline = try self.pipeline(point)
    let workload = try workloads.value(for: Self.traceKey(point, pipeline)) {
      () throws(LifeError) in try SweepWorkload(pipeline: pipeline)
    }
    let forecast = try workload.forecast(on: pipeline)
    let capacity = try CapacityCheck(
      footprint: workload.footprint, devices: pipeline.devices, mapping: pipeline.mapping)
    return SweepResult(
      ttftMs: forecast.ttftMs, tComputeMs: forecast.prefill.tComputeMs,
      tMemoryMs: forecast.prefill.tMemoryMs, tpotMsMean: forecast.tpotMeanMs, tps: forecast.tps,
      fits: capacity.fits.values.allSatisfy { $0 })
  }

  /// Positions in `range` ordered so that points sharing a workload come
  /// together: by the value indices of the workload axes, then by index.
  static func order(_ grid: SweepGrid, range: Range<Int>) -> [Int]? {
    let workload = grid.axes.indices.filter { grid.axes[$0].name.isWorkload }
    guard !workload.isEmpty, workload.count < grid.axes.count else { return nil }
    let keyed = range.map { index -> (key: Int, position: Int) in
      let indices = grid.valueIndices(of: index)
      let key = workload.reduce(0) { $0 * grid.axes[$1].values.count + indices[$1] }
      return (key, index - range.lowerBound)
    }
    return keyed.sorted { ($0.key, $0.position) < ($1.key, $1.position) }.map(\.position)
  }
}
