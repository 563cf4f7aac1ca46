import Engine
import Foundation
import Testing
import Trace

/// The continuous-batching scheduler on real presets: one request alone is
/// a forecast, batching raises throughput, every request finishes once.
@Suite struct ServeEngineTests {
  static func pipeline(
    requests: [ServeRequest], device: String = "h100-sxm", options: WorkloadOptions? = nil,
    scheduler: SchedulerConfig = SchedulerConfig(), model: String = "llama-3.2-1b"
  ) throws -> ServePipeline {
    let gpu = try Device.resolve(device, at: .none)
    return ServePipeline(
      model: try ModelConfig.resolve(model), options: options ?? WorkloadOptions(prompt: 0),
      devices: [("device", gpu)], mapping: Mapping(prefill: "device", decode: "device"),
      requests: requests, scheduler: scheduler)
  }

  static func forecast(prompt: Int, generate: Int, device: String = "h100-sxm", chunk: Int? = nil)
    throws -> Forecast
  {
    var options = WorkloadOptions(prompt: prompt)
    options.generate = generate
    options.chunk = chunk
    let gpu = try Device.resolve(device, at: .none)
    return try ForecastPipeline(
      model: try ModelConfig.resolve("llama-3.2-1b"), options: options, devices: [("device", gpu)],
      mapping: Mapping(prefill: "device", decode: "device")
    ).run().forecast
  }

  @Test func oneRequestAloneIsTheForecast() throws {
    let request = ServeRequest(id: 0, arrival: 0, promptTokens: 300, outputTokens: 9)
    let outcome = try Self.pipeline(requests: [request]).run()
    let forecast = try Self.forecast(prompt: 300, generate: 8)
    let record = try #require(outcome.records.first)
    #expect(record.ttftMs == forecast.ttftMs)
    let decode = outcome.passes.filter { $0.role == .decode }
    #expect(decode.count == 8)
    for (pass, step) in zip(decode, forecast.steps) {
      #expect(pass.timing.span.duration * 1000 == step.tpotMs, "step \(step.step)")
    }
    #expect(record.tpotSumMs == forecast.tpotSumMs)
    #expect(record.e2eMs == forecast.e2eMs)
    #expect(record.tpotMeanMs == forecast.tpotMeanMs)
    #expect(record.queueMs == 0)
  }
}
