import Trace

extension ValidationCase {
  /// The pipeline that forecasts this case on `device` with `runtime`: one
  /// device, key `device`, no per-step timings.
  package func pipeline(device: Device, runtime: Runtime) -> ForecastPipeline {
    ForecastPipeline(
      model: model, options: options, devices: [("device", device)],
      mapping: Mapping(prefill: "device", decode: "device"), keepSteps: false,
      runtime: .everywhere(runtime))
  }

  /// The measured quantity computed from a forecast's TTFT, mean TPOT and
  /// end-to-end time (ms):
  ///
  /// - pp = prompt · batch / TTFT
  /// - tg = batch / mean TPOT
  /// - e2e = batch · (prompt + G) / e2e time, or batch · G / e2e time when the
  ///   source counts only the output
  package func value(ttftMs: Double, tpotMeanMs: Double?, e2eMs: Double) -> Double {
    let batch = Double(options.batch)
    switch quantity {
    case .pp: return Double(options.prompt) * batch / (ttftMs / 1000)
    case .ttft: return ttftMs
    case .tg: return batch * 1000 / (tpotMeanMs ?? .infinity)
    case .tpot: return tpotMeanMs ?? 0
    case .e2e:
      let tokens = Double(options.generate) + (e2eCountsPrompt ? Double(options.prompt) : 0)
      return batch * tokens / (e2eMs / 1000)
    }
  }

  /// The forecast of the measured quantity on `device` with `runtime`, by
  /// the full forecast pipeline.
  package func forecast(device: Device, runtime: Runtime) throws(LifeError) -> Double {
    let outcome = try pipeline(device: device, runtime: runtime).run()
    let f = outcome.forecast
    return value(ttftMs: f.ttftMs, tpotMeanMs: f.tpotMeanMs, e2eMs: f.e2eMs)
  }
}
