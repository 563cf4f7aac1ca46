import Engine
import Trace

/// Each measurement row's op trace, recorded once: a fit evaluates every row
/// on hundreds of candidate devices, and a row's op trace does not depend on
/// the candidate (only efficiencies and dispatch latency change; the tile is
/// the base device's), so each evaluation replays the recorded trace,
/// compacted (``CompactWorkload``), into the simulator instead of
/// regenerating it.
struct CalibrationTraces {
  /// Recorded traces by measurement line.
  private let traces: [Int: CompactWorkload]
  /// The file, for errors.
  private let file: String

  /// Records the workload of every row: its model (the row's, else
  /// `defaultModel`), prompt, generate, batch and dtype columns, on `device`
  /// (for the tile).
  init(rows: [Measurement], defaultModel: String, device: Device, file: String)
    throws(LifeError)
  {
    var models: [String: ModelConfig] = [:]
    var traces: [Int: CompactWorkload] = [:]
    for row in rows {
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
      traces[row.line] = CompactWorkload(try RecordedWorkload(pipeline: pipeline))
    }
    self.traces = traces
    self.file = file
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
    guard let trace = traces[row.line] else {
      throw LifeError.file(file, path: "line \(row.line)", "no recorded workload for this row")
    }
    let pipeline = Self.pipeline(
      model: trace.recorded.workload.model, options: trace.recorded.workload.options,
      device: device)
    let forecast = try trace.forecast(on: pipeline)
    return (forecast.ttftMs, forecast.tpotMeanMs ?? 0)
  }
}
