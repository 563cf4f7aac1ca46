import Engine
import Testing
import Trace

/// The README's "From Swift" example, compiled and run: a forecast from
/// library code.
@Suite struct LibraryExampleTests {
  @Test func readmeExampleForecastsFromSwift() throws {
    let model = try ModelConfig.resolve("llama-2-7b")
    var options = WorkloadOptions(prompt: 1024)
    options.generate = 128
    let gpu = try Device.resolve("h100-sxm")
    let outcome = try ForecastPipeline(
      model: model, options: options, devices: [("gpu", gpu)],
      mapping: Mapping(prefill: "gpu", decode: "gpu")
    ).run()
    // Decode reads about 13.5 GB of fp16 weights per token at
    // 3350 GB/s × 0.75: ≈ 5.4 ms; prefill ≈ 13.5 TOPs at 989.4 × 0.6 TOPS.
    #expect(outcome.forecast.steps.count == 128)
    let tpot = try #require(outcome.forecast.tpotMeanMs)
    #expect(tpot > 5 && tpot < 7)
    #expect(outcome.forecast.ttftMs > 20 && outcome.forecast.ttftMs < 30)
    #expect(outcome.forecast.e2eMs > outcome.forecast.ttftMs)
  }
}
