import Engine
import Foundation
import Trace

/// A heat map of t_compute/t_memory over two axes (the paper's Figs. 4 and
/// 5): a colour scale diverging at tc/tm = 1 (white), red where compute
/// bounds (> 1), blue where memory bounds (< 1), symmetric in log2; axis
/// labels, a legend and, for small grids, the value in each cell.
package struct HeatMapSVG: Sendable, Equatable {
  /// The chart title.
  package var title: String
  /// The x axis's name and value labels (columns, left to right).
  package var xName: String
  package var xValues: [String]
  /// The y axis's name and value labels (rows, bottom to top).
  package var yName: String
  package var yValues: [String]
  /// tc/tm per cell, `cells[y][x]`; nil where there is no value.
  package var cells: [[Double?]]

  /// Creates a heat map.
  package init(
    title: String, xName: String, xValues: [String], yName: String, yValues: [String],
    cells: [[Double?]]
  ) {
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
          x: x, y: y, width: cell, height: cell, fill: Self.colour(value, half: half),
          title: "\(xName)=\(label(xValues, xi)), \(yName)=\(label(yValues, yi)): tc/tm = "
            + (value.map(SVGCanvas.label) ?? "none"))
        if showValues, let value {
          canvas.text(
            SVGCanvas.label(value), x: x + cell / 2, y: y + cell / 2 + 4, anchor: "middle",
            size: min(11, cell / 3.5))
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
    legend(on: &canvas, x: legendX, y: top, height: min(plotH, 300), half: half)
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
}
