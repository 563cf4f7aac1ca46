import Testing
import Trace

@testable import Engine

/// Corpus metrics to canonical quantities, and the error summary's
/// percentiles.
@Suite struct CorpusMetricTests {
  @Test func scales() {
    #expect(CorpusMetric.ttftS.scale == 1000)
    #expect(CorpusMetric.ttftUs.scale == 1e-3)
    #expect(CorpusMetric.tpotUs.scale == 1e-3)
    for m in [CorpusMetric.ppTokS, .tgTokS, .ttftMs, .tpotMs, .e2eTokS] { #expect(m.scale == 1) }
  }

  @Test func quantitiesAndFamilies() {
    let expected: [CorpusMetric: (CorpusQuantity, String)] = [
      .ppTokS: (.pp, "pp"), .tgTokS: (.tg, "tg"), .ttftMs: (.ttft, "pp"), .ttftS: (.ttft, "pp"),
      .ttftUs: (.ttft, "pp"), .tpotMs: (.tpot, "tg"), .tpotUs: (.tpot, "tg"),
      .e2eTokS: (.e2e, "tg"),
    ]
    #expect(Set(expected.keys) == Set(CorpusMetric.allCases))
    for (metric, (quantity, family)) in expected {
      #expect(metric.quantity == quantity, "\(metric)")
      #expect(metric.quantity.family == family, "\(metric)")
      #expect(metric.quantity.isPrefill == (family == "pp"), "\(metric)")
    }
    #expect(CorpusQuantity.allCases.sorted() == [.pp, .tg, .ttft, .tpot, .e2e])
    #expect(CorpusQuantity.pp < .e2e && !(CorpusQuantity.tpot < .tg))
  }

  @Test func rowMeasuredAndNotes() {
    var row = ValidationCaseTests.row(metric: .ttftUs, value: 2500)
    #expect(row.measured == 2.5)
    row.metric = .ttftS
    row.value = 0.25
    #expect(row.measured == 250)
    #expect(!row.isUnderspecified && row.e2eCountsPrompt == nil)
    row.note = "x; UNDERSPECIFIED: no generate count"
    #expect(row.isUnderspecified)
    row.note = "e2e definition: (prompt+output)/total"
    #expect(row.e2eCountsPrompt == true)
    row.note = "e2e definition: output/total"
    #expect(row.e2eCountsPrompt == false)
  }

  @Test func percentilesInterpolate() throws {
    // Sorted 1…5: the median is rank 2 (3); p90 rank 3.6: 4 + 0.6 · 1.
    let s = try #require(ErrorSummary([5, 1, 3, 2, 4]))
    #expect(s.count == 5 && s.median == 3)
    #expect(abs(s.p90 - 4.6) < 1e-12)
    // Two values: median halfway, p90 at 0.9 of the way.
    let two = try #require(ErrorSummary([20, 10]))
    #expect(two.median == 15 && abs(two.p90 - 19) < 1e-12)
    // Four: median rank 1.5 between 2 and 4; p90 rank 2.7 between 4 and 10.
    let four = try #require(ErrorSummary([10, 2, 4, 1]))
    #expect(four.median == 3 && abs(four.p90 - (4 + 0.7 * 6)) < 1e-12)
    let one = try #require(ErrorSummary([7]))
    #expect(one.median == 7 && one.p90 == 7)
    #expect(ErrorSummary([]) == nil)
    #expect(ErrorSummary.percentile([], 0.5).isNaN)
    // q outside [0, 1] clamps to the ends.
    #expect(ErrorSummary.percentile([1, 2, 3], 1.5) == 3)
    #expect(ErrorSummary.percentile([1, 2, 3], -1) == 1)
  }

  @Test func absolutePercent() {
    #expect(abs(ErrorSummary.absolutePercent(forecast: 110, measured: 100) - 10) < 1e-12)
    #expect(abs(ErrorSummary.absolutePercent(forecast: 75, measured: 100) - 25) < 1e-12)
  }
}
