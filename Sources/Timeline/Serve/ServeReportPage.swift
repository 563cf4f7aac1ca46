import Engine
import Trace

/// report.html of `life serve`: the headline numbers, the latency
/// distributions (TTFT, mean TPOT, end to end) as histograms with their
/// percentiles, and the scheduler over time (queue length, running batch,
/// KV blocks in use). Self-contained, no scripts; every string escaped.
package enum ServeReportPage {
  /// The page.
  package static func html(_ outcome: ServeOutcome, title: String) -> String {
    let done = outcome.completed
    var page = ReportPage.head(
      title: title,
      subtitle:
        "Model \(Markup.escape(outcome.workload.model.name)) · \(outcome.records.count) requests"
        + " · lanes \(Markup.escape(outcome.lanes.joined(separator: ", ")))"
        + " · LIFE \(Markup.escape(LifeVersion.current))")
    page += headline(outcome)
    page += ReportPage.warningsSection(outcome.warnings)
    page += "<h2>Latency distributions</h2>\n"
    page += histogram(
      done.compactMap(\.ttftMs), id: "ttft-histogram", label: "TTFT (ms)")
    page += histogram(
      done.compactMap(\.tpotMeanMs), id: "tpot-histogram", label: "mean TPOT per request (ms)")
    page += histogram(done.compactMap(\.e2eMs), id: "e2e-histogram", label: "end to end (ms)")
    page += "<h2>Scheduler over time</h2>\n"
    page += series(
      outcome.samples.map { ($0.time, Double($0.queued)) }, id: "queue-length",
      label: "queue length (requests)", color: "#e15759")
    page += series(
      outcome.samples.map { ($0.time, Double($0.running)) }, id: "running-batch",
      label: "running batch (sequences)", color: "#4e79a7")
    page += series(
      outcome.samples.map { ($0.time, Double($0.kvBlocks)) }, id: "kv-blocks",
      label: "KV blocks in use", color: "#59a14f")
    page += settingsTable(outcome)
    page += "</body>\n</html>\n"
    return page
  }

  static func headline(_ o: ServeOutcome) -> String {
    func card(_ value: String, _ label: String) -> String {
      "<div class=\"card\"><b>\(Markup.escape(value))</b><span>\(Markup.escape(label))</span></div>\n"
    }
    func ms(_ value: Double?) -> String {
      value.map { Format.fixed($0, decimals: $0 >= 100 ? 1 : 3) + " ms" } ?? "–"
    }
    let done = o.completed
    let ttft = done.compactMap(\.ttftMs)
    let tpot = done.compactMap(\.tpotMeanMs)
    let e2e = done.compactMap(\.e2eMs)
    var text = "<div class=\"cards\" id=\"headline\">\n"
    text += card("\(done.count) / \(o.records.count)", "requests completed")
    text += card(o.throughputTokS.map { Format.fixed($0, decimals: 1) } ?? "–", "tokens/s")
    if o.objectives.isSet {
      text += card(o.goodputReqS.map { Format.fixed($0, decimals: 3) } ?? "–", "goodput, req/s")
    }
    text += card(ms(Percentile.of(ttft, 50)), "TTFT p50")
    text += card(ms(Percentile.of(ttft, 99)), "TTFT p99")
    text += card(ms(Percentile.of(tpot, 50)), "TPOT p50")
    text += card(ms(Percentile.of(tpot, 99)), "TPOT p99")
    text += card(ms(Percentile.of(e2e, 50)), "end to end p50")
    text += card("\(o.preemptions)", "preemptions")
    text += card("\(o.passes.count)", "passes")
    text += "</div>\n"
    return text
  }

  /// A histogram of `values` (30 bins) with the p50, p90 and p99 marked.
  static func histogram(_ values: [Double], id: String, label: String) -> String {
    guard let low = values.min(), let high = values.max() else {
      return "<p>\(Markup.escape(label)): no values.</p>\n"
    }
    let bins = 30
    let span = high > low ? high - low : max(abs(high), 1) * 0.1
    let start = high > low ? low : low - span / 2
    var counts = [Int](repeating: 0, count: bins)
    for v in values {
      counts[min(bins - 1, max(0, Int((v - start) / span * Double(bins))))] += 1
    }
    var canvas = SVGCanvas(width: 900, height: 240)
    let left = 70.0, right = 880.0, top = 24.0, bottom = 190.0
    let xScale = NiceScale(low: start, high: start + span, ticks: 8)
    let yScale = NiceScale(low: 0, high: Double(counts.max() ?? 1))
    canvas.yAxis(yScale, x: left, top: top, bottom: bottom, label: "")
    canvas.text("requests", x: 8, y: 14)
    canvas.xAxis(xScale, y: bottom, left: left, right: right, label: label)
    func x(_ value: Double) -> Double { left + xScale.position(value, length: right - left) }
    for (i, count) in counts.enumerated() where count > 0 {
      let a = start + span * Double(i) / Double(bins)
      let b = start + span * Double(i + 1) / Double(bins)
      let h = yScale.position(Double(count), length: bottom - top)
      canvas.rect(
        x: x(a), y: bottom - h, width: max(1, x(b) - x(a) - 1), height: h, fill: "#4e79a7",
        title: "\(SVGCanvas.label(a))–\(SVGCanvas.label(b)): \(count)")
    }
    for p in [50.0, 90.0, 99.0] {
      guard let v = Percentile.of(values, p) else { continue }
      canvas.line(x1: x(v), y1: top, x2: x(v), y2: bottom, stroke: "#e15759", dash: "4 3")
      canvas.text("p\(Int(p)) \(SVGCanvas.label(v))", x: x(v) + 3, y: top + 10, size: 10)
    }
    return "<div id=\"\(id)\">\n" + canvas.svg(label: label) + "</div>\n"
  }

  /// A step line of a counter over time.
  static func series(_ points: [(Double, Double)], id: String, label: String, color: String)
    -> String
  {
    guard let last = points.last else { return "<p>\(Markup.escape(label)): no samples.</p>\n" }
    var canvas = SVGCanvas(width: 900, height: 200)
    let left = 70.0, right = 880.0, top = 24.0, bottom = 160.0
    let xScale = NiceScale(low: 0, high: max(last.0, 1e-9), ticks: 8)
    let yScale = NiceScale(low: 0, high: max(1, points.map(\.1).max() ?? 1))
    canvas.yAxis(yScale, x: left, top: top, bottom: bottom, label: "")
    canvas.text(label, x: 8, y: 14)
    canvas.xAxis(xScale, y: bottom, left: left, right: right, label: "time (s)")
    func point(_ t: Double, _ v: Double) -> (Double, Double) {
      (
        left + xScale.position(t, length: right - left),
        bottom - yScale.position(v, length: bottom - top)
      )
    }
    var line: [(Double, Double)] = []
    // Keep at most one rise and fall per pixel column.
    var column = -1.0
    for (i, p) in points.enumerated() {
      let here = point(p.0, p.1)
      if let previous = line.last {
        line.append((here.0, previous.1))
      }
      if here.0.rounded() == column, i != points.count - 1, line.count >= 2 {
        line[line.count - 1].1 = here.1
        continue
      }
      column = here.0.rounded()
      line.append(here)
    }
    canvas.polyline(line, stroke: color, id: id, className: "series")
    return canvas.svg(label: label)
  }

  static func settingsTable(_ o: ServeOutcome) -> String {
    let s = o.scheduler
    var rows: [(String, String)] = [
      ("lanes", o.lanes.joined(separator: ", ")),
      ("max batch", "\(s.maxBatch)"),
      ("token budget", s.tokenBudget.map(String.init) ?? "none"),
      ("chunk", o.workload.options.chunk.map(String.init) ?? "none"),
      ("block size", "\(s.blockSize) tokens"),
      ("preemption", s.preemption.rawValue),
    ]
    for pool in o.pools {
      rows.append(
        (
          "KV blocks (\(pool.memory))",
          (pool.blocks.map(String.init) ?? "unbounded") + ", peak \(pool.peakBlocks), "
            + Format.si(pool.blockBytes, unit: "B") + " each"
        ))
    }
    if let spec = o.speculation {
      rows.append(
        (
          "speculative",
          "draft \(spec.draft.model.name) on \(spec.draftDevice), K \(spec.tokens), "
            + Format.fixed(spec.expectedTokens, decimals: 3) + " tokens per verify pass"
        ))
    }
    let contended = o.passes.filter { $0.slowdown > 1 }
    if !contended.isEmpty {
      rows.append(
        (
          "shared DRAM",
          "\(contended.count) passes slowed, at most "
            + Format.fixed(contended.map(\.slowdown).max() ?? 1, decimals: 3) + "×"
        ))
    }
    var text = "<h2>Scheduler</h2>\n<table id=\"scheduler\">\n"
    for (name, value) in rows {
      text += "<tr><td>\(Markup.escape(name))</td><td>\(Markup.escape(value))</td></tr>\n"
    }
    return text + "</table>\n"
  }
}
