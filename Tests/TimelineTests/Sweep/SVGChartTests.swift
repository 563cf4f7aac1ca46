import Engine
import Foundation
import Testing
import Trace

@testable import Engine
@testable import Timeline

@Suite struct SVGChartTests {
  /// A closed-form point: tc = prompt·1000/tops ms, tm = 500/bandwidth ms.
  static func evaluate(_ p: SweepPoint) throws(LifeError) -> SweepResult {
    let tops = p.value(of: .tops)?.number ?? 1
    let bw = p.value(of: .bandwidth)?.number ?? 1
    let prompt = p.value(of: .prompt)?.number ?? 1
    let tc = prompt * 1000 / tops
    let tm = 500 / bw
    return SweepResult(
      ttftMs: max(tc, tm), tComputeMs: tc, tMemoryMs: tm, tpotMsMean: tm, tps: 1000 / tm)
  }

  @Test func escapesText() {
    #expect(Markup.escape("a<b & \"c\" 'd'>\u{1}") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
  }

  @Test func colourScaleDivergesAtOne() {
    // White at tc/tm = 1; the ends at 2^±half; a quarter of the way (2^0.25
    // with half 1) is 255 + (178 − 255)·0.25 = 235.75 → 236 (ec),
    // 255 + (24 − 255)·0.25 = 197.25 → 197 (c5), 255 + (43 − 255)·0.25 = 202 (ca).
    #expect(HeatMapSVG.colour(1, half: 1) == "#ffffff")
    #expect(HeatMapSVG.colour(2, half: 1) == "#b2182b")
    #expect(HeatMapSVG.colour(0.5, half: 1) == "#2166ac")
    #expect(HeatMapSVG.colour(8, half: 1) == "#b2182b")
    #expect(HeatMapSVG.colour(pow(2, 0.25), half: 1) == "#ecc5ca")
    #expect(HeatMapSVG.colour(nil, half: 1) == "#d9d9d9")
  }

  @Test func sequentialScaleIsLogarithmic() {
    // From 1 to 16, the value 2 is a quarter of the way in log: 247 − 239·0.25
    // = 187.25 → bb, 251 − 203·0.25 = 200.25 → c8, 255 − 148·0.25 = 218 → da.
    #expect(HeatMapSVG.sequentialColour(1, low: 1, high: 16) == "#f7fbff")
    #expect(HeatMapSVG.sequentialColour(16, low: 1, high: 16) == "#08306b")
    #expect(HeatMapSVG.sequentialColour(2, low: 1, high: 16) == "#bbc8da")
    #expect(HeatMapSVG.sequentialColour(5, low: 5, high: 5) == "#f7fbff")
    #expect(HeatMapSVG.sequentialColour(nil, low: 1, high: 2) == "#d9d9d9")
  }

  /// TPOT and tok/s maps over the same grid: tpot = tm = 500/bandwidth,
  /// tps = 1000/tm = 2·bandwidth.
  @Test func decodeHeatMapsFromSweepRows() throws {
    let g = try SweepGrid(axes: [SweepAxis.parse("tops=10,20"), SweepAxis.parse("bandwidth=1,2")])
    let rows = try SweepRunner().run(g, evaluate: Self.evaluate)
    let (x, y) = try g.heatmapAxes("tops,bandwidth")
    let tpot = SweepHeatMap.build(grid: g, rows: rows, x: x, y: y, metric: .tpotMs)
    #expect(tpot.cells == [[500, 500], [250, 250]])
    #expect(tpot.valueRange?.low == 250 && tpot.valueRange?.high == 500)
    #expect(tpot.title == "decode TPOT (ms, mean) over tops and bandwidth")
    #expect(
      SweepHeatMap.fileName(x: x, y: y, metric: .tpotMs) == "heatmap-tops-bandwidth-tpot.svg")
    let tps = SweepHeatMap.build(grid: g, rows: rows, x: x, y: y, metric: .tokensPerSecond)
    #expect(tps.cells == [[2, 2], [4, 4]])
    #expect(
      SweepHeatMap.fileName(x: x, y: y, metric: .tokensPerSecond)
        == "heatmap-tops-bandwidth-tps.svg")
    let svg = tps.svg()
    #expect(svg.contains(">tok/s</text>") && svg.contains(">log scale</text>"))
    #expect(svg.contains("tops=10, bandwidth=2: tok/s = 4</title>"))
    #expect(SweepHeatMap.hasDecode(rows))
  }

  @Test func heatMapFromSweepRows() throws {
    let g = try SweepGrid(axes: [
      SweepAxis.parse("prompt=1,2"), SweepAxis.parse("tops=10,20"),
      SweepAxis.parse("bandwidth=1,2"),
    ])
    let rows = try SweepRunner().run(g, evaluate: Self.evaluate)
    let (x, y) = try g.heatmapAxes("tops,bandwidth")
    #expect(SweepHeatMap.fileName(x: x, y: y) == "heatmap-tops-bandwidth.svg")
    let map = SweepHeatMap.build(grid: g, rows: rows, x: x, y: y)
    // prompt held at 1: tc = 1000/tops, tm = 500/bandwidth → tc/tm = 2·bw/tops.
    #expect(map.cells == [[0.2, 0.1], [0.4, 0.2]])
    #expect(map.title == "prefill tc/tm over tops and bandwidth (prompt=1)")
    let svg = map.svg()
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(svg.contains(">tc/tm</text>"))
    #expect(svg == map.svg())
    #expect {
      try g.heatmapAxes("tops,bandwith")
    } throws: { ($0 as? LifeError)?.suggestion == "bandwidth" }
    #expect(throws: LifeError.self) { try g.heatmapAxes("tops,tops") }
    #expect(throws: LifeError.self) { try g.heatmapAxes("tops") }
  }

  @Test func heatMapEscapesNames() {
    let map = HeatMapSVG(
      title: "<x & y>", xName: "a\"b", xValues: ["<1>"], yName: "y", yValues: ["2"], cells: [[1]])
    let svg = map.svg()
    #expect(svg.contains("&lt;x &amp; y&gt;"))
    #expect(!svg.contains("<x & y>"))
    #expect(!svg.contains("<1>"))
  }

  @Test func barChartsForFiguresSixAndNine() {
    let fig6 = BarChartSVG.chunkedPrefill(
      prompt: 4096, chunks: [64, 256, 1024], computeRatio: [1.01, 1.0, 1.0],
      memoryRatio: [4.2, 1.6, 1.1], dispatchRatio: [64, 16, 4])
    #expect(fig6.logScale)  // 64 / 1 > 20
    // The smallest ratio, 1, sits on a decade: the axis starts one lower (0.1) so it shows.
    #expect(fig6.yRange() == (-1, 2))
    #expect(fig6.series.map(\.name) == ["compute (ops)", "memory (bytes)", "dispatch calls"])
    let svg6 = fig6.svg()
    #expect(svg6.contains("stroke-dasharray"))
    #expect(svg6.contains(">dispatch calls</text>"))
    let fig9 = BarChartSVG.loraOps(
      prompts: [1, 64, 4096], ranks: [16, 128], baseline: [3.4e7, 2.1e9, 1.4e11],
      ops: [[5.0e8, 2.6e9, 1.4e11], [4.3e9, 7e9, 1.5e11]])
    #expect(fig9.series.map(\.name) == ["no LoRA", "rank 16", "rank 128"])
    #expect(fig9.yRange() == (7, 12))
    #expect(fig9.svg().contains(">1e+12</text>"))
  }

  @Test func niceCeilings() {
    #expect(BarChartSVG.niceCeiling(3.2) == 5)
    #expect(BarChartSVG.niceCeiling(0.011) == 0.02)
    #expect(BarChartSVG.niceCeiling(100) == 100)
    #expect(BarChartSVG.niceCeiling(0) == 1)
  }
}
