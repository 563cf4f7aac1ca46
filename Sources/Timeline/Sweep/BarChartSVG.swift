import Engine
import Foundation
import Trace

/// A grouped bar chart: one group per category along x, one bar per series
/// in each group, a linear or log10 y axis, an optional reference line and a
/// legend.
package struct BarChartSVG: Sendable, Equatable {
  /// One series of bars.
  package struct Series: Sendable, Equatable {
    /// Its name, in the legend.
    package var name: String
    /// One value per category.
    package var values: [Double]
    /// Its fill colour.
    package var colour: String

    /// Creates a series.
    package init(name: String, values: [Double], colour: String) {
      self.name = name
      self.values = values
      self.colour = colour
    }
  }

  /// The chart title.
  package var title: String
  /// The x axis's name.
  package var xName: String
  /// The y axis's name.
  package var yName: String
  /// The group labels.
  package var categories: [String]
  /// The series.
  package var series: [Series]
  /// A log10 y axis (values ≤ 0 are not drawn).
  package var logScale: Bool
  /// A dashed horizontal line, e.g. 1 for ratios.
  package var referenceLine: Double?

  /// Creates a chart.
  package init(
    title: String, xName: String, yName: String, categories: [String], series: [Series],
    logScale: Bool = false, referenceLine: Double? = nil
  ) {
    self.title = title
    self.xName = xName
    self.yName = yName
    self.categories = categories
    self.series = series
    self.logScale = logScale
    self.referenceLine = referenceLine
  }

  /// A palette for series in order.
  package static let palette = [
    "#1f77b4", "#ff7f0e", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
  ]

  /// The y range drawn: [0, max] linear (max rounded up to a 1-2-5 step),
  /// or whole decades (as log10 exponents) for log.
  func yRange() -> (lo: Double, hi: Double) {
    var values = series.flatMap(\.values).filter(\.isFinite)
    if let r = referenceLine { values.append(r) }
    if logScale {
      let positive = values.filter { $0 > 0 }
      // A bar at the bottom decade would have no height: start one decade
      // lower when the smallest value sits within 0.3 decades of it.
      let low = log10(positive.min() ?? 1)
      let lo = floor(low) - (low - floor(low) < 0.3 ? 1 : 0)
      let hi = ceil(log10(positive.max() ?? 10))
      return (lo, hi > lo ? hi : lo + 1)
    }
    return (0, Self.niceCeiling(values.max() ?? 1))
  }

  /// The smallest 1, 2 or 5 × 10^k at or above `x` (1 for x ≤ 0).
  static func niceCeiling(_ x: Double) -> Double {
    guard x > 0 else { return 1 }
    let decade = pow(10, floor(log10(x)))
    for m in [1.0, 2, 5, 10] where m * decade >= x * (1 - 1e-12) { return m * decade }
    return 10 * decade
  }

  /// The SVG document.
  package func svg() -> String {
    let (left, top, plotH) = (80.0, 50.0, 300.0)
    let groupW = max(24, Double(series.count) * 14 + 16)
    let plotW = max(groupW * Double(max(categories.count, 1)), 200)
    let legendY = top + plotH + 60
    let width = left + plotW + 30
    let height = legendY + 18 * Double(series.count) + 20
    let (lo, hi) = yRange()
    func y(_ v: Double) -> Double {
      let t = logScale ? (log10(v) - lo) / (hi - lo) : (v - lo) / (hi - lo)
      return top + plotH * (1 - min(max(t, 0), 1))
    }
    var canvas = SVGCanvas(width: width, height: height)
    canvas.text(title, x: width / 2, y: 26, anchor: "middle", size: 15, weight: "bold")
    canvas.line(x1: left, y1: top, x2: left, y2: top + plotH, stroke: "#000000")
    canvas.line(x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH, stroke: "#000000")
    let ticks: [Double] =
      logScale
      ? stride(from: lo, through: hi, by: 1).map { pow(10, $0) }
      : (0...4).map { lo + (hi - lo) * Double($0) / 4 }
    for t in ticks {
      canvas.line(x1: left - 4, y1: y(t), x2: left, y2: y(t), stroke: "#000000")
      canvas.text(SVGCanvas.label(t), x: left - 6, y: y(t) + 4, anchor: "end", size: 10)
    }
    for (ci, category) in categories.enumerated() {
      let gx = left + Double(ci) * groupW + 8
      for (si, s) in series.enumerated() where ci < s.values.count {
        let v = s.values[ci]
        guard v.isFinite, !logScale || v > 0 else { continue }
        let x = gx + Double(si) * 14
        let top = y(v)
        let base = logScale ? y(pow(10, lo)) : y(0)
        canvas.rect(
          x: x, y: top, width: 12, height: max(base - top, 0), fill: s.colour,
          title: "\(category), \(s.name): \(SVGCanvas.label(v))")
      }
      canvas.text(
        category, x: gx + Double(series.count) * 7, y: top + plotH + 16, anchor: "middle",
        size: 10)
    }
    if let r = referenceLine, !logScale || r > 0 {
      canvas.line(
        x1: left, y1: y(r), x2: left + plotW, y2: y(r), stroke: "#333333", dash: "4 3")
    }
    canvas.text(xName, x: left + plotW / 2, y: top + plotH + 36, anchor: "middle", size: 12)
    canvas.text(yName, x: 20, y: top + plotH / 2, anchor: "middle", size: 12, rotated: true)
    for (si, s) in series.enumerated() {
      let ly = legendY + 18 * Double(si)
      canvas.rect(x: left, y: ly - 10, width: 12, height: 12, fill: s.colour)
      canvas.text(s.name, x: left + 18, y: ly, size: 11)
    }
    return canvas.document(label: title)
  }
}
