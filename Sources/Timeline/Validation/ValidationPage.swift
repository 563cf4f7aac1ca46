import Engine
import Foundation
import Trace

/// validation.html: for each family (decode, prefill) the zero-shot
/// forecasts against the measurements on log axes, one colour per device
/// kind, with the ±25 % band; the distribution of the absolute errors; and
/// the table of medians by kind × runtime × family. Self-contained, no
/// scripts; every string escaped.
package enum ValidationPage {
  /// One colour per device kind.
  static func color(_ kind: DeviceKind) -> String {
    switch kind {
    case .cpu: return "#4e79a7"
    case .gpu: return "#e15759"
    case .igpu: return "#59a14f"
    case .npu: return "#f28e2b"
    }
  }

  /// The page.
  package static func html(_ validation: Validation, summary: ValidationSummary) -> String {
    var page = ReportPage.head(
      title: "LIFE forecasts against measurements",
      subtitle:
        "\(summary.rows) rows · \(summary.devices) devices · \(summary.sources) sources"
        + " · LIFE \(Markup.escape(LifeVersion.current))")
    page += "<div class=\"cards\" id=\"headline\">\n"
    for (label, section) in [("zero-shot", summary.zeroShot), ("calibrated", summary.calibrated)] {
      for family in ValidationSummary.families {
        let value = section[family].map { Format.fixed($0.median, decimals: 1) + " %" } ?? "–"
        let name = family == "tg" ? "decode" : "prefill"
        page +=
          "<div class=\"card\"><b>\(Markup.escape(value))</b><span>\(label) median error, \(name)</span></div>\n"
      }
    }
    page += "</div>\n<p class=\"legend\">"
    for kind in DeviceKind.allCases {
      page += "<span><i style=\"background:\(color(kind))\"></i>\(kind.rawValue)</span>"
    }
    page += "</p>\n"
    for family in ValidationSummary.families {
      let rows = validation.outcomes.filter {
        $0.testCase.quantity.family == family && $0.zeroShot != nil
      }
      let name = family == "tg" ? "Decode (tg, TPOT, end to end)" : "Prefill (pp, TTFT)"
      page += "<h2>\(name): forecast against measured</h2>\n"
      page += scatter(rows, id: "scatter-\(family)")
    }
    page += "<h2>Error distribution (zero-shot)</h2>\n"
    page += histogram(validation.outcomes.compactMap(\.zeroShotError), id: "error-histogram")
    page += table(summary)
    page += "</body>\n</html>\n"
    return page
  }

  /// Forecast (y) against measured (x), both on log axes, one unit per
  /// quantity: rates as tokens/s, times as ms, each point labelled.
  static func scatter(_ rows: [Validation.Outcome], id: String) -> String {
    let w = 640.0, h = 460.0, left = 64.0, right = w - 16, top = 20.0, bottom = h - 48
    var canvas = SVGCanvas(width: w, height: h)
    let values = rows.flatMap { [$0.testCase.measured, $0.zeroShot ?? 0] }.filter { $0 > 0 }
    guard let lo = values.min(), let hi = values.max() else {
      return "<p>No rows.</p>\n"
    }
    let a = floor(log10(lo)), b = max(ceil(log10(hi)), a + 1)
    func x(_ v: Double) -> Double { left + (log10(v) - a) / (b - a) * (right - left) }
    func y(_ v: Double) -> Double { bottom - (log10(v) - a) / (b - a) * (bottom - top) }
    canvas.line(x1: left, y1: bottom, x2: right, y2: bottom)
    canvas.line(x1: left, y1: top, x2: left, y2: bottom)
    var decade = a
    while decade <= b {
      let v = pow(10, decade)
      canvas.line(x1: x(v), y1: top, x2: x(v), y2: bottom, stroke: "#eee")
      canvas.line(x1: left, y1: y(v), x2: right, y2: y(v), stroke: "#eee")
      canvas.text(SVGCanvas.label(v), x: x(v), y: bottom + 16, anchor: "middle", size: 10)
      canvas.text(SVGCanvas.label(v), x: left - 6, y: y(v) + 4, anchor: "end", size: 10)
      decade += 1
    }
    let v0 = pow(10, a), v1 = pow(10, b)
    canvas.line(x1: x(v0), y1: y(v0), x2: x(v1), y2: y(v1), stroke: "#666")
    for f in [0.8, 1.25] {
      canvas.line(
        x1: x(v0), y1: y(max(v0, v0 * f)), x2: x(min(v1, v1 / f)), y2: y(min(v1, v1 * f)),
        stroke: "#bbb", dash: "4 3")
    }
    canvas.text(
      "measured (tokens/s or ms)", x: (left + right) / 2, y: bottom + 34, anchor: "middle")
    canvas.text(
      "forecast, zero-shot", x: 16, y: (top + bottom) / 2, anchor: "middle", rotated: true)
    for o in rows {
      guard let f = o.zeroShot else { continue }
      let c = o.testCase
      let title =
        "\(c.row.id) \(c.row.device) \(c.runtime.name) \(c.row.model) \(c.quantity.rawValue):"
        + " measured \(SVGCanvas.label(c.measured)), forecast \(SVGCanvas.label(f))"
      canvas.rect(
        x: x(c.measured) - 2.5, y: y(f) - 2.5, width: 5, height: 5, fill: color(c.device.kind),
        opacity: 0.7, title: title)
    }
    return "<div id=\"\(id)\">" + canvas.svg(label: "forecast against measured") + "</div>\n"
  }

  /// A histogram of absolute errors in 5 % bins up to 100 % (the last bin
  /// holds everything beyond).
  static func histogram(_ errors: [Double], id: String) -> String {
    let bins = 21
    var counts = [Int](repeating: 0, count: bins)
    for e in errors where e.isFinite { counts[min(Int(e / 5), bins - 1)] += 1 }
    let w = 640.0, h = 220.0, left = 48.0, right = w - 16, top = 16.0, bottom = h - 40
    var canvas = SVGCanvas(width: w, height: h)
    let scale = NiceScale(low: 0, high: Double(max(counts.max() ?? 1, 1)))
    canvas.yAxis(scale, x: left, top: top, bottom: bottom, label: "rows")
    let bw = (right - left) / Double(bins)
    for (i, n) in counts.enumerated() {
      let bh = scale.position(Double(n), length: bottom - top)
      let range = i == bins - 1 ? "≥ 100 %" : "\(i * 5)–\(i * 5 + 5) %"
      canvas.rect(
        x: left + Double(i) * bw + 1, y: bottom - bh, width: bw - 2, height: bh, fill: "#4e79a7",
        title: "\(range): \(n) rows")
      if i % 4 == 0 {
        canvas.text(
          "\(i * 5)", x: left + Double(i) * bw, y: bottom + 14, anchor: "middle", size: 10)
      }
    }
    canvas.text(
      "absolute error (%)", x: (left + right) / 2, y: bottom + 30, anchor: "middle")
    return "<div id=\"\(id)\">" + canvas.svg(label: "error distribution") + "</div>\n"
  }

  /// The medians table.
  static func table(_ summary: ValidationSummary) -> String {
    func cell(_ s: ErrorSummary?, _ pick: (ErrorSummary) -> Double) -> String {
      s.map { "<td>\(Format.fixed(pick($0), decimals: 1))</td>" } ?? "<td>–</td>"
    }
    var text = "<h2>By device kind × runtime × family</h2>\n<table id=\"groups\">\n"
    text +=
      "<tr><th>kind</th><th>runtime</th><th>metric</th><th>rows</th><th>zero-shot median %</th>"
      + "<th>p90 %</th><th>calibrated median %</th><th>p90 %</th></tr>\n"
    for g in summary.groups {
      text += "<tr><td>\(g.kind.rawValue)</td><td>\(Markup.escape(g.runtime))</td>"
      text += "<td>\(g.family)</td><td>\(g.zeroShot?.count ?? 0)</td>"
      text += cell(g.zeroShot, \.median) + cell(g.zeroShot, \.p90)
      text += cell(g.calibrated, \.median) + cell(g.calibrated, \.p90) + "</tr>\n"
    }
    return text + "</table>\n"
  }
}
