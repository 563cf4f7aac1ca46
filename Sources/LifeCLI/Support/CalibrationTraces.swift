import Engine
import Trace

/// Each measurement row's op trace, recorded once: a fit evaluates every row
/// on hundreds of candidate devices, and a row's op trace does not depend on
/// the candidate (only efficiencies and dispatch latency change; the tile is
/// the base device's), so each evaluation replays a bounded sample of the
/// row's passes (``SampledWorkload``) into the simulator instead of
/// regenerating it: memory and time per evaluation stay flat whatever the
/// row's prompt and decode steps.
struct CalibrationTraces {
  /// Recorded traces by workload (``key(_:defaultModel:)``): rows measured
  /// under one workload share one.
  private let traces: [String: SampledWorkload]
  /// The model of rows without one.
  private let defaultModel: String
  /// The file, for errors.
  private let file: String

  /// Records the workload of every row: its model (the row's, else
  /// `defaultModel`), prompt, generate, batch and dtype columns, on `device`
  /// (for the tile).
  init(rows: [Measurement], defaultModel: String, device: Device, file: String)
    throws(LifeError)
  {
    var models: [String: ModelConfig] = [:]
    var traces: [String: SampledWorkload] = [:]
    for row in rows {
      let key = Self.key(row, defaultModel: defaultModel)
      if traces[key] != nil { continue }
      let name = row.model ?? defaultModel
      let model: ModelConfig
      if let known = models[name] {
        model = known
      } else {
        model = try ModelConfig.resolve(name)
        models[name] = model
      }
      let options = row.workloadOptions(base: WorkloadOptions(prompt: 0))
      let pipeline = Self.pipeline(model: model, options: options, device: device)
      traces[key] = SampledWorkload(try pipeline.workload())
    }
    self.traces = traces
    self.defaultModel = defaultModel
    self.file = file
  }

  /// What a row's op trace depends on: its model, prompt, generate, batch
  /// and workload overrides (not its metric, value, depth or runtime).
  static func key(_ row: Measurement, defaultModel: String) -> String {
    var key = "\(row.model ?? defaultModel)\u{0}\(row.prompt) \(row.generate) \(row.batch)"
    for o in row.overrides { key += "\u{0}\(o.option.name)=\(o.text)" }
    return key
  }

  /// A single-device pipeline as `life forecast --device` builds it (device
  /// key `device`), without per-step timings.
  static func pipeline(model: ModelConfig, options: WorkloadOptions, device: Device)
    -> ForecastPipeline
  {
    ForecastPipeline(
      model: model, options: options, devices: [("device", device)],
      mapping: Mapping(prefill: "device", decode: "device"), keepSteps: false)
  }

  /// TTFT and mean TPOT (0 when G = 0) of `row` on `device`.
  func forecast(_ device: Device, _ row: Measurement) throws(LifeError) -> (
    ttftMs: Double, tpotMsMean: Double
  ) {
    guard let trace = traces[Self.key(row, defaultModel: defaultModel)] else {
      throw LifeError.file(file, path: "line \(row.line)", "no recorded workload for this row")
    }
    let pipeline = Self.pipeline(
      model: trace.workload.model, options: trace.workload.options,
      device: device)
    let forecast = try trace.forecast(on: pipeline)
    return (forecast.ttftMs, forecast.tpotMeanMs ?? 0)
  }
}
