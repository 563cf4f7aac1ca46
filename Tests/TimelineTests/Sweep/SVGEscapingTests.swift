import Engine
import Testing
import Timeline
import Trace

/// Sweep charts escape every string that comes from input: a device or
/// model named `<script>alert(1)</script>` renders as text.
@Suite struct SVGEscapingTests {
  static let hostile = "<script>alert(1)</script>\"'&"

  static func check(_ svg: String) {
    #expect(!svg.lowercased().contains("<script"))
    #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!svg.contains("\"'&\""))
  }

  @Test func heatMap() {
    let chart = HeatMapSVG(
      title: Self.hostile, xName: Self.hostile, xValues: [Self.hostile, "2"], yName: Self.hostile,
      yValues: [Self.hostile], cells: [[0.5, nil]])
    Self.check(chart.svg())
  }

  @Test func barChart() {
    let chart = BarChartSVG(
      title: Self.hostile, xName: Self.hostile, yName: Self.hostile,
      categories: [Self.hostile, "b"],
      series: [BarChartSVG.Series(name: Self.hostile, values: [1, .nan], colour: "#1f77b4")],
      logScale: true, referenceLine: 1)
    Self.check(chart.svg())
  }

  /// Every title, label and legend string appears only escaped.
  @Test func everyStringEscaped() {
    let chart = BarChartSVG(
      title: "<t>", xName: "<x>", yName: "<y>", categories: ["<c>"],
      series: [BarChartSVG.Series(name: "<s>", values: [2], colour: "#000")])
    let svg = chart.svg()
    for raw in ["<t>", "<x>", "<y>", "<c>", "<s>"] {
      #expect(!svg.contains(raw), "\(raw) unescaped")
    }
  }
}
