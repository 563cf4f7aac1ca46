import Trace

/// compare.html: a self-contained page (no scripts, no network) with the
/// comparison table and the runs' TPOT curves overlaid; every string from
/// the inputs is escaped.
package enum ComparePage {
  /// The page for `rows`, titled `title`.
  package static func html(_ rows: [CompareRow], title: String = "LIFE comparison") -> String {
    var page = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>\(Markup.escape(title))</title>
      <style>
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:24px auto;max-width:1100px;padding:0 16px}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
      .sub{color:#666;margin:0 0 16px}
      table{border-collapse:collapse;margin:8px 0;font-size:13px}
      th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f5f5f5}
      td.t,th.t{text-align:left}
      .legend span{display:inline-block;margin-right:14px;font-size:12px}
      .legend i{display:inline-block;width:14px;height:3px;margin-right:4px;vertical-align:middle}
      svg{display:block;margin:6px 0;max-width:100%;height:auto}
      </style>
      </head>
      <body>
      <h1>\(Markup.escape(title))</h1>
      <p class="sub">\(subtitle(rows)) · LIFE \(Markup.escape(LifeVersion.current))</p>
      <h2>Headline numbers</h2>

      """
    page += table(rows)
    page += CompareVerdict(rows).html
    page += "<h2>TPOT per decode step</h2>\n" + curves(rows)
    page += "</body>\n</html>\n"
    return page
  }

  static func color(_ index: Int) -> String { ReportPage.palette[index % ReportPage.palette.count] }

  /// Solid, dashed, dotted, ...: curves that coincide stay visible.
  static func dash(_ index: Int) -> String? {
    let patterns: [String?] = [nil, "8 4", "2 3", "12 3 2 3"]
    return patterns[index % patterns.count]
  }

  static func subtitle(_ rows: [CompareRow]) -> String {
    let shared = rows.count > 1 && rows.allSatisfy { $0.scenario == rows[0].scenario }
    var text = "\(rows.count) runs"
    if shared, let scenario = rows.first?.scenario, !scenario.isEmpty {
      text += " of scenario " + Markup.escape(scenario)
    }
    return text
  }

  static func table(_ rows: [CompareRow]) -> String {
    func cell(_ text: String, left: Bool = false) -> String {
      "<td\(left ? " class=\"t\"" : "")>\(Markup.escape(text))</td>"
    }
    func ms(_ value: Double?) -> String { value.map { Format.fixed($0, decimals: 3) } ?? "–" }
    let shared = rows.count > 1 && rows.allSatisfy { $0.scenario == rows[0].scenario }
    let headers = [
      "run", shared ? nil : "scenario", "model", "TTFT (ms)", "mean TPOT (ms)", "tokens/s",
      "end to end (ms)", "J per token", "average power (W)",
      "dispatch calls, prefill", "dispatch calls per step", "prefill bound", "decode bound",
      "fits in memory",
    ].compactMap { $0 }
    var text = "<table id=\"compare-table\">\n<tr>"
    for (index, header) in headers.enumerated() {
      text += "<th\(index < (shared ? 2 : 3) ? " class=\"t\"" : "")>\(Markup.escape(header))</th>"
    }
    text += "</tr>\n"
    for (index, row) in rows.enumerated() {
      text +=
        "<tr><td class=\"t\"><i style=\"display:inline-block;width:10px;height:10px;margin-right:6px;background:\(color(index))\"></i>\(Markup.escape(row.label))"
      if row.label != row.run { text += "<br><small>\(Markup.escape(row.run))</small>" }
      text += "</td>"
      if !shared { text += cell(row.scenario, left: true) }
      text += cell(row.model, left: true)
      func likely(_ r: [Double]?) -> String {
        guard let r, r.count == 2 else { return "" }
        return "<br><small>likely \(Markup.escape(ms(r[0])))–\(Markup.escape(ms(r[1])))</small>"
      }
      text += "<td>\(Markup.escape(ms(row.ttftMs)))\(likely(row.ttftRange))</td>"
      text += "<td>\(Markup.escape(ms(row.tpotMsMean)))\(likely(row.tpotRange))</td>"
      text += cell(row.tps.map { Format.fixed($0, decimals: 2) } ?? "–") + cell(ms(row.e2eMs))
      text += cell(row.jPerToken.map { Format.fixed($0, decimals: 4) } ?? "–")
      text += cell(row.avgPowerW.map { Format.fixed($0, decimals: 1) } ?? "–")
      text += cell(Format.fixed(row.dispatchPrefill, decimals: 0))
      text += cell(
        row.dispatchPerStep.map { Format.fixed($0, decimals: $0 == $0.rounded() ? 0 : 1) } ?? "–")
      text += cell(row.boundPrefill) + cell(row.boundDecode.isEmpty ? "–" : row.boundDecode)
      text += cell(row.fits.map { $0 ? "yes" : "no" } ?? "–")
      text += "</tr>\n"
    }
    return text + "</table>\n"
  }

  /// Every run's TPOT curve on one pair of axes; a run longer than the plot
  /// is wide keeps each pixel column's minimum and maximum.
  static func curves(_ rows: [CompareRow]) -> String {
    let all = rows.flatMap(\.tpotMs)
    guard !all.isEmpty else { return "<p>No decode steps.</p>\n" }
    // The likely bands widen the axis.
    let reach = rows.flatMap { row in
      row.tpotBandRatios.map { r in row.tpotMs.flatMap { [$0 * r.low, $0 * r.high] } } ?? []
    }
    var canvas = SVGCanvas(width: 1000, height: 340)
    let left = 70.0, right = 980.0, top = 24.0, bottom = 290.0
    let low = (all + reach).min() ?? 0, high = (all + reach).max() ?? 1
    let yScale = NiceScale(low: high > low ? max(0, low - (high - low) * 0.1) : 0, high: high)
    let longest = rows.map(\.tpotMs.count).max() ?? 1
    let xScale = NiceScale(low: 1, high: Double(max(longest, 2)), ticks: 8)
    canvas.yAxis(yScale, x: left, top: top, bottom: bottom, label: "TPOT (ms)")
    canvas.xAxis(xScale, y: bottom, left: left, right: right, label: "decode step")
    for (index, row) in rows.enumerated() where !row.tpotMs.isEmpty {
      let values = row.tpotMs
      func point(_ i: Int, _ scale: Double = 1) -> (Double, Double) {
        (
          left + xScale.position(Double(i + 1), length: right - left),
          bottom - yScale.position(values[i] * scale, length: bottom - top)
        )
      }
      let shown = ColumnExtremes.indices(values, columns: Int(right - left))
      if let ratios = row.tpotBandRatios {
        canvas.polygon(
          shown.map { point($0, ratios.low) } + shown.reversed().map { point($0, ratios.high) },
          fill: color(index), opacity: 0.12, id: "tpot-likely-\(index + 1)", className: "likely",
          title: "\(row.label): likely range")
      }
      canvas.polyline(
        shown.map { point($0) }, stroke: color(index), id: "tpot-curve-\(index + 1)",
        className: "tpot", dash: dash(index))
    }
    var text = canvas.svg(label: "TPOT per decode step, all runs")
    text += "<p class=\"legend\">"
    for (index, row) in rows.enumerated() {
      let style =
        dash(index) == nil
        ? "background:\(color(index))" : "border-top:3px dashed \(color(index));height:0"
      text += "<span><i style=\"\(style)\"></i>\(Markup.escape(row.label))</span>"
    }
    if rows.contains(where: { $0.tpotBandRatios != nil && !$0.tpotMs.isEmpty }) {
      text += "<span>shaded: each run's likely range (10th–90th percentile)</span>"
    }
    return text + "</p>\n"
  }
}
