import Engine
import Foundation
import Testing
import Trace

@testable import Timeline

@Suite struct ReportPageTests {
  static func data(steps: Int = 4) -> ReportData {
    var run = FakeRun()
    run.generate = steps
    run.npuName = "<script>alert(1)</script>"
    var collector = ReportCollector()
    var table = OpsTable()
    var pair = Pair(collector: collector, table: table)
    run.play(into: &pair)
    collector = pair.collector
    table = pair.table
    return collector.finished(with: table)
  }

  /// Feeds one stream into both collectors.
  struct Pair: EventSink {
    var collector: ReportCollector
    var table: OpsTable
    mutating func begin(_ run: RunInfo) { collector.begin(run); table.begin(run) }
    func wantsOpEvents(in pass: PassInfo) -> Bool { true }
    mutating func handoff(_ event: HandoffEvent) {}
    mutating func passBegan(_ pass: PassInfo, at time: Double) {
      collector.passBegan(pass, at: time)
    }
    mutating func op(_ event: OpEvent) { collector.op(event); table.op(event) }
    mutating func passEnded(_ timing: PassTiming) { collector.passEnded(timing) }
    mutating func end() {}
  }

  /// The headline shows J per token and average power, from the same
  /// formula as the forecast's `energy`.
  @Test func headlineShowsEnergy() {
    let data = Self.data()
    let energy = data.energy
    #expect(energy.prefillJ > 0 && energy.decodeJ > 0)
    #expect(
      abs(energy.jPerToken - (energy.prefillJ + energy.decodeJ) / Double(data.batch * 5))
        < 1e-12 * energy.jPerToken)
    let html = ReportPage.headline(data)
    #expect(html.contains("J per token") && html.contains("average power (W)"))
  }

  @Test func inputStringsRenderAsText() {
    let html = ReportPage.html(
      Self.data(), title: "<script>alert(1)</script>", model: "m\"<b>",
      warnings: ["<img src=x onerror=alert(1)>"])
    #expect(!html.contains("<script>"))
    #expect(!html.contains("<img"))
    #expect(html.contains("m&quot;&lt;b&gt;"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
  }

  @Test func drawsTheChartsWithoutScripts() {
    let html = ReportPage.html(Self.data(), title: "t", model: "m", warnings: [])
    #expect(html.contains("<polyline id=\"tpot-curve\""))
    #expect(html.contains("Ops and bytes by operator kind"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("http://") || !html.contains("src=\"http"))
  }

  @Test func longRunsAreDownsampled() {
    let data = Self.data(steps: 3000)
    let html = ReportPage.html(data, title: "t", model: "m", warnings: [])
    let polyline =
      html.components(separatedBy: "points=\"").dropFirst().first?
      .components(separatedBy: "\"").first ?? ""
    let points = polyline.split(separator: " ").count
    #expect(points > 100)
    #expect(points <= 2 * 810)
  }

  @Test func niceScalesUseRoundSteps() {
    let scale = NiceScale(low: 0, high: 0.87, ticks: 5)
    #expect(scale.step == 0.2)
    #expect(scale.max == 1.0)
    #expect(scale.ticks.map(scale.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(NiceScale.niceNumber(3.1) == 5)
    #expect(Markup.escape("a&<>\"'") == "a&amp;&lt;&gt;&quot;&#39;")
  }

  /// With a decode basis of 0.5–2 × TPOT the chart shades the band behind
  /// the curve (as many points back as forward) and the headline cards
  /// give the ranges: TTFT × the prefill band, mean TPOT × the decode band,
  /// tokens/s ÷ it.
  @Test func likelyRangesAreDrawnAndNamed() throws {
    var data = Self.data(steps: 6)
    let band = ResidualBand(rows: 9, low: 0.5, high: 2)
    data.prefillBasis = .init(
      band: ResidualBand(rows: 12, low: 0.8, high: 1.25),
      source: .corpus(runtime: "llama.cpp-cuda", classKey: "gpu.gddr"))
    data.decodeBasis = .init(band: band, source: .calibration)
    let html = ReportPage.html(data, title: "t", model: "m", warnings: [])
    let t = data.prefill.time
    #expect(html.contains("likely \(Format.ms(t * 0.8))–\(Format.ms(t * 1.25))"))
    let mean = try #require(data.meanTPOT)
    #expect(html.contains("likely \(Format.ms(mean * 0.5))–\(Format.ms(mean * 2))"))
    let tps = try #require(data.tps)
    #expect(
      html.contains(
        "likely \(Format.fixed(tps / 2, decimals: 2))–\(Format.fixed(tps / 0.5, decimals: 2))"))
    #expect(
      html.contains(
        "TTFT from 12 llama.cpp-cuda measurements on gpu.gddr devices; TPOT from 9 held-out"
          + " calibration measurements of this device."))
    func points(after marker: String) -> Int {
      (html.components(separatedBy: marker).dropFirst().first?
        .components(separatedBy: "points=\"").dropFirst().first?
        .components(separatedBy: "\"").first?.split(separator: " ").count) ?? 0
    }
    #expect(points(after: "<polygon id=\"tpot-likely\"") == 12)
    #expect(points(after: "<polyline id=\"tpot-curve\"") == 6)
    #expect(html.contains("shaded: likely range, 0.500–2.000 × TPOT"))

    let plain = ReportPage.html(Self.data(steps: 6), title: "t", model: "m", warnings: [])
    #expect(!plain.contains("<polygon") && !plain.contains("likely "))
    #expect(plain.contains("TTFT has no basis; TPOT has no basis."))
  }
}
