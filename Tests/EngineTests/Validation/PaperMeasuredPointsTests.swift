import Testing
import Trace

@testable import Engine

/// The LIFE paper's 24 measured points (Tables 6 and 10: TTFT and TPOT of
/// Llama-2-7B under Hugging Face transformers on the Ryzen 9 HX 370 CPU and
/// a V100, and under the Ryzen AI software on the Ryzen AI Max+ 395 NPU and
/// iGPU), corpus rows of source `life-paper`, forecast with the shipped
/// runtimes from the presets' datasheet fields: median error ≤ 15 %, none
/// beyond 40 %. The runtimes' classes for these devices were fitted to
/// these rows among others (docs/accuracy.md), so this is in sample: it
/// checks that the runtime model can represent the paper's runs.
@Suite struct PaperMeasuredPointsTests {
  @Test func theTwentyFourPointsAreMet() throws {
    let rows = Corpus.bundled.rows.filter { $0.source == "life-paper" }
    #expect(rows.count == 24)
    var errors: [Double] = []
    for row in rows {
      let c = try ValidationCase.resolve(row).get()
      let f = try PipelineForecaster().forecast(c, runtime: c.runtime)
      let e = ErrorSummary.absolutePercent(forecast: f, measured: c.measured)
      #expect(e <= 40, "\(row.id) \(row.device) \(row.metric.rawValue): \(f) vs \(c.measured)")
      errors.append(e)
    }
    let summary = try #require(ErrorSummary(errors))
    #expect(summary.median <= 15, "median \(summary.median) %")
  }
}
