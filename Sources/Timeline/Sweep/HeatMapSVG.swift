import Engine
import Foundation
import Trace

/// A heat map over two axes: of t_compute/t_memory (the paper's Figs. 4 and
/// 5), on a colour scale diverging at tc/tm = 1 (white), red where compute
/// bounds (> 1), blue where memory bounds (< 1), symmetric in log2; or of a
/// decode metric (TPOT, tokens per second) on a sequential log scale from
/// its smallest value (light) to its largest (dark). Axis labels, a legend
/// and, for small grids, the value in each cell.
package struct HeatMapSVG: Sendable, Equatable {
  /// What the cells hold, which sets the colour scale and the legend.
  package enum Metric: Sendable, Equatable {
    /// Prefill t_compute / t_memory, diverging at 1.
    case tcTm
    /// Mean time per output token, ms.
    case tpotMs
    /// Decode tokens per second per sequence.
    case tokensPerSecond

    /// The metric's name in legends and tooltips.
    package var label: String {
      switch self {
      case .tcTm: return "tc/tm"
      case .tpotMs: return "TPOT ms"
      case .tokensPerSecond: return "tok/s"
      }
    }
  }

  /// The chart title.
  package var title: String
  /// The x axis's name and value labels (columns, left to right).
  package var xName: String
  package var xValues: [String]
  /// The y axis's name and value labels (rows, bottom to top).
  package var yName: String
  package var yValues: [String]
  /// The metric per cell, `cells[y][x]`; nil where there is no value.
  package var cells: [[Double?]]
  /// What the cells hold.
  package var metric: Metric

  /// Creates a heat map.
  package init(
    title: String, xName: String, xValues: [String], yName: String, yValues: [String],
    cells: [[Double?]], metric: Metric = .tcTm
  ) {
    self.metric = metric
    self.title = title
    self.xName = xName
    self.xValues = xValues
    self.yName = yName
    self.yValues = yValues
    self.cells = cells
  }

  /// The colour scale's half-width in log2 units: the largest |log2 tc/tm|,
  /// at least 1.
  package var halfRange: Double {
    let logs = cells.flatMap { $0 }.compactMap { $0 }.filter { $0 > 0 && $0.isFinite }.map {
      abs(log2($0))
    }
    return max(1, logs.max() ?? 1)
  }

  /// The colour of `ratio` on a scale of half-width `half` (log2):
  /// white at 1, full red (#b2182b) at 2^half, full blue (#2166ac) at 2^−half.
  package static func colour(_ ratio: Double?, half: Double) -> String {
    guard let ratio, ratio > 0, ratio.isFinite else { return "#d9d9d9" }
    let t = min(max(log2(ratio) / half, -1), 1)
    let end: (Double, Double, Double) = t >= 0 ? (178, 24, 43) : (33, 102, 172)
    let a = abs(t)
    return SVGCanvas.hex(
      (255 + (end.0 - 255) * a) / 255, (255 + (end.1 - 255) * a) / 255,
      (255 + (end.2 - 255) * a) / 255)
  }

  /// The smallest and largest positive finite cell values, for the
  /// sequential scales; nil when there are none.
  package var valueRange: (low: Double, high: Double)? {
    let values = cells.flatMap { $0 }.compactMap { $0 }.filter { $0 > 0 && $0.isFinite }
    guard let low = values.min(), let high = values.max() else { return nil }
    return (low, high)
  }

  /// The colour of `value` on a sequential log scale from `low` (#f7fbff)
  /// to `high` (#08306b); grey when there is no value, the light end when
  /// the range is one value.
  package static func sequentialColour(_ value: Double?, low: Double, high: Double) -> String {
    guard let value, value > 0, value.isFinite else { return "#d9d9d9" }
    let span = log(high) - log(low)
    let t = span > 0 ? min(max((log(value) - log(low)) / span, 0), 1) : 0
    return SVGCanvas.hex(
      (247 + (8 - 247) * t) / 255, (251 + (48 - 251) * t) / 255, (255 + (107 - 255) * t) / 255)
  }

  /// The fill of one cell on this map's scale.
  func fill(_ value: Double?) -> String {
    switch metric {
    case .tcTm: return Self.colour(value, half: halfRange)
    case .tpotMs, .tokensPerSecond:
      guard let range = valueRange else { return "#d9d9d9" }
      return Self.sequentialColour(value, low: range.low, high: range.high)
    }
  }

  /// The SVG document.
  package func svg() -> String {
    let nx = max(xValues.count, 1)
    let ny = max(yValues.count, 1)
    let cell = min(48, max(4, 560 / Double(max(nx, ny))))
    let (left, top) = (110.0, 60.0)
    let plotW = cell * Double(nx)
    let plotH = cell * Double(ny)
    let legendX = left + plotW + 30
    let width = legendX + 130
    let height = top + plotH + 80
    let half = halfRange
    let showValues = nx <= 16 && ny <= 16
    let labelEvery = max(1, Int((14 / cell).rounded(.up)))
    var canvas = SVGCanvas(width: width, height: height)
    canvas.text(title, x: width / 2, y: 28, anchor: "middle", size: 16, weight: "bold")
    for (yi, row) in cells.enumerated() {
      for (xi, value) in row.enumerated() {
        let x = left + Double(xi) * cell
        let y = top + Double(ny - 1 - yi) * cell
        canvas.rect(
          x: x, y: y, width: cell, height: cell, fill: fill(value),
          title: "\(xName)=\(label(xValues, xi)), \(yName)=\(label(yValues, yi)): "
            + "\(metric.label) = " + (value.map(SVGCanvas.label) ?? "none"))
        if showValues, let value {
          // Dark cells of the sequential scales take white text.
          let dark =
            metric != .tcTm && (valueRange.map { value >= sqrt($0.low * $0.high) } ?? false)
          canvas.text(
            SVGCanvas.label(value), x: x + cell / 2, y: y + cell / 2 + 4, anchor: "middle",
            size: min(11, cell / 3.5), fill: dark ? "#ffffff" : "#333")
        }
      }
    }
    for (xi, v) in xValues.enumerated() where xi % labelEvery == 0 {
      canvas.text(
        v, x: left + (Double(xi) + 0.5) * cell, y: top + plotH + 16, anchor: "middle", size: 10)
    }
    for (yi, v) in yValues.enumerated() where yi % labelEvery == 0 {
      canvas.text(
        v, x: left - 6, y: top + (Double(ny - 1 - yi) + 0.5) * cell + 4, anchor: "end", size: 10)
    }
    canvas.text(xName, x: left + plotW / 2, y: top + plotH + 40, anchor: "middle", size: 13)
    canvas.text(yName, x: 24, y: top + plotH / 2, anchor: "middle", size: 13, rotated: true)
    switch metric {
    case .tcTm: legend(on: &canvas, x: legendX, y: top, height: min(plotH, 300), half: half)
    case .tpotMs, .tokensPerSecond:
      sequentialLegend(on: &canvas, x: legendX, y: top, height: min(plotH, 300))
    }
    return canvas.document(label: title)
  }

  func label(_ values: [String], _ i: Int) -> String { i < values.count ? values[i] : "" }

  /// A vertical colour bar from 2^half (top, compute-bound) to 2^−half.
  func legend(on canvas: inout SVGCanvas, x: Double, y: Double, height: Double, half: Double) {
    let steps = 20
    let h = max(height, 120) / Double(steps)
    canvas.text("tc/tm", x: x + 10, y: y - 10, size: 12, weight: "bold")
    for i in 0..<steps {
      let t = 1 - (Double(i) + 0.5) / Double(steps) * 2  // +1 at top, −1 at bottom
      canvas.rect(
        x: x, y: y + Double(i) * h, width: 20, height: h,
        fill: Self.colour(pow(2, t * half), half: half))
    }
    let total = h * Double(steps)
    canvas.text(SVGCanvas.label(pow(2, half)), x: x + 26, y: y + 10, size: 10)
    canvas.text("1", x: x + 26, y: y + total / 2 + 4, size: 10)
    canvas.text(SVGCanvas.label(pow(2, -half)), x: x + 26, y: y + total, size: 10)
    canvas.text("compute-bound", x: x, y: y + total + 18, size: 10)
    canvas.text("(red) / memory-", x: x, y: y + total + 30, size: 10)
    canvas.text("bound (blue)", x: x, y: y + total + 42, size: 10)
  }

  /// A vertical colour bar from the largest value (top) to the smallest.
  func sequentialLegend(on canvas: inout SVGCanvas, x: Double, y: Double, height: Double) {
    let steps = 20
    let h = max(height, 120) / Double(steps)
    canvas.text(metric.label, x: x, y: y - 10, size: 12, weight: "bold")
    guard let range = valueRange else { return }
    for i in 0..<steps {
      let t = 1 - (Double(i) + 0.5) / Double(steps)  // 1 at top, 0 at bottom
      let value = exp(log(range.low) + t * (log(range.high) - log(range.low)))
      canvas.rect(
        x: x, y: y + Double(i) * h, width: 20, height: h,
        fill: Self.sequentialColour(value, low: range.low, high: range.high))
    }
    let total = h * Double(steps)
    canvas.text(SVGCanvas.label(range.high), x: x + 26, y: y + 10, size: 10)
    canvas.text(SVGCanvas.label(range.low), x: x + 26, y: y + total, size: 10)
    canvas.text("log scale", x: x, y: y + total + 18, size: 10)
  }
}
