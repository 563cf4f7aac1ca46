import Engine
import Trace

/// The report's SVG charts.
extension ReportPage {
  /// TPOT per step as a polyline over its likely range (a shaded band:
  /// each step's TPOT times the decode basis's 10th and 90th percentile
  /// ratios); long runs keep each pixel column's minimum and maximum.
  static func tpotChart(_ data: ReportData) -> String {
    guard !data.tpot.isEmpty else { return "<p>No decode steps.</p>\n" }
    var canvas = SVGCanvas(width: 900, height: 300)
    let left = 70.0, right = 880.0, top = 24.0, bottom = 250.0
    let values = data.tpot.map { $0 * 1e3 }
    let low = values.min() ?? 0, high = values.max() ?? 1
    let band = data.decodeBasis?.band
    let bandLow = low * (band?.low ?? 1), bandHigh = high * (band?.high ?? 1)
    let floor = Swift.min(low, bandLow), ceiling = Swift.max(high, bandHigh)
    let yScale = NiceScale(
      low: floor * 0.98 > 0 && ceiling > floor ? floor - (ceiling - floor) * 0.1 : 0,
      high: ceiling)
    let xScale = NiceScale(low: 1, high: Double(max(values.count, 2)), ticks: 8)
    canvas.yAxis(yScale, x: left, top: top, bottom: bottom, label: "TPOT (ms)")
    canvas.xAxis(xScale, y: bottom, left: left, right: right, label: "decode step")
    func point(_ step: Double, _ value: Double) -> (Double, Double) {
      (
        left + xScale.position(step, length: right - left),
        bottom - yScale.position(value, length: bottom - top)
      )
    }
    let shown = ColumnExtremes.indices(values, columns: Int(right - left))
    if let basis = data.decodeBasis {
      let upper = shown.map { point(Double($0 + 1), values[$0] * basis.band.high) }
      let lower = shown.reversed().map { point(Double($0 + 1), values[$0] * basis.band.low) }
      canvas.polygon(
        upper + lower, fill: "#4e79a7", opacity: 0.15, id: "tpot-likely", className: "likely",
        title: "likely range: from \(basis.text)")
    }
    canvas.polyline(
      shown.map { point(Double($0 + 1), values[$0]) }, stroke: "#4e79a7", id: "tpot-curve",
      className: "tpot")
    var text = canvas.svg(label: "TPOT per decode step")
    text +=
      "<p>\(values.count) steps · min \(Format.fixed(low, decimals: 4)) ms · max \(Format.fixed(high, decimals: 4)) ms · mean \(data.meanTPOT.map(Format.ms) ?? "–")"
    if let basis = data.decodeBasis {
      text +=
        " · shaded: likely range, \(Format.fixed(basis.band.low, decimals: 3))–\(Format.fixed(basis.band.high, decimals: 3)) × TPOT"
    }
    text += "</p>\n"
    return text
  }

  /// 100 % stacked bars of ops and bytes by kind, per phase, with a table of
  /// the values.
  static func kindChart(_ data: ReportData) -> String {
    let phases = ["prefill", "decode"].filter { phase in data.byKind.contains { $0.phase == phase }
    }
    guard !phases.isEmpty else { return "<p>No operators.</p>\n" }
    let rows = phases.flatMap { phase in [(phase, "ops"), (phase, "bytes")] }
    var canvas = SVGCanvas(width: 900, height: Double(rows.count) * 34 + 50)
    let left = 130.0, right = 880.0
    for (i, row) in rows.enumerated() {
      let y = 10 + Double(i) * 34
      canvas.text("\(row.0) \(row.1)", x: left - 8, y: y + 17, anchor: "end")
      let items = data.byKind.filter { $0.phase == row.0 }
      let total = items.reduce(0) { $0 + (row.1 == "ops" ? $1.ops : $1.bytes) }
      var x = left
      for item in items {
        let value = row.1 == "ops" ? item.ops : item.bytes
        guard total > 0, value > 0 else { continue }
        let width = value / total * (right - left)
        let share = Format.fixed(value / total * 100, decimals: 1)
        canvas.rect(
          x: x, y: y, width: width, height: 24, fill: color(kind: item.kind),
          title:
            "\(row.0) \(item.kind): \(Format.si(value, unit: row.1 == "ops" ? "op" : "B")) (\(share) %)"
        )
        x += width
      }
    }
    let axis = NiceScale(low: 0, high: 100, ticks: 5)
    canvas.xAxis(
      axis, y: 10 + Double(rows.count) * 34, left: left, right: right, label: "share (%)")
    var text = canvas.svg(label: "Ops and bytes by operator kind")
    let kinds = data.byKind.reduce(into: [String]()) {
      if !$0.contains($1.kind) { $0.append($1.kind) }
    }
    text +=
      "<div class=\"legend\">"
      + kinds.map {
        "<span><i style=\"background:\(color(kind: $0))\"></i>\(Markup.escape($0))</span>"
      }.joined()
      + "</div>\n<table><tr><th>phase</th><th>kind</th><th>ops</th><th>bytes</th></tr>\n"
    for item in data.byKind {
      text +=
        "<tr><td>\(Markup.escape(item.phase))</td><td>\(Markup.escape(item.kind))</td><td>\(Format.si(item.ops))</td><td>\(Format.si(item.bytes, unit: "B"))</td></tr>\n"
    }
    return text + "</table>\n"
  }

  /// Grouped bars: compute, memory and dispatch time of each phase.
  static func phaseTimeChart(_ data: ReportData) -> String {
    let phases = [("prefill", data.prefill), ("decode (all steps)", data.decode)].filter {
      $0.1.passes > 0
    }
    guard !phases.isEmpty else { return "<p>No passes.</p>\n" }
    let parts: [(String, String, (ReportData.PhaseTotals) -> Double)] = [
      ("compute", "#4e79a7", { $0.tCompute }), ("memory", "#f28e2b", { $0.tMemory }),
      ("dispatch", "#bab0ac", { $0.tDispatch }),
    ]
    let high = phases.flatMap { phase in parts.map { $0.2(phase.1) * 1e3 } }.max() ?? 1
    let scale = NiceScale(low: 0, high: high, ticks: 6)
    let left = 190.0, right = 880.0
    var canvas = SVGCanvas(
      width: 900, height: Double(phases.count * parts.count) * 20 + Double(phases.count) * 12 + 50)
    var y = 8.0
    for phase in phases {
      for part in parts {
        let value = part.2(phase.1) * 1e3
        canvas.text("\(phase.0) \(part.0)", x: left - 8, y: y + 13, anchor: "end")
        canvas.rect(
          x: left, y: y, width: scale.position(value, length: right - left), height: 16,
          fill: part.1, title: "\(phase.0) \(part.0): \(Format.fixed(value, decimals: 4)) ms")
        y += 20
      }
      y += 12
    }
    canvas.xAxis(scale, y: y, left: left, right: right, label: "time (ms)")
    var text = canvas.svg(label: "Compute, memory and dispatch time per phase")
    text +=
      "<table><tr><th>phase</th><th>time</th><th>compute</th><th>memory</th><th>dispatch</th><th>hand-off</th><th>bound</th><th>device</th></tr>\n"
    for phase in phases {
      let t = phase.1
      text +=
        "<tr><td>\(phase.0)</td><td>\(Format.ms(t.time))</td><td>\(Format.ms(t.tCompute))</td><td>\(Format.ms(t.tMemory))</td><td>\(Format.ms(t.tDispatch))</td><td>\(Format.ms(t.tHandoff))</td><td>\(t.bound)</td><td>\(Markup.escape(t.device))</td></tr>\n"
    }
    return text + "</table>\n"
  }

  /// One row per device: shading shows how busy it is over time, in
  /// pixel-wide buckets, with the phases above.
  static func laneChart(_ data: ReportData) -> String {
    guard let first = data.segments.first, let last = data.segments.last, !data.devices.isEmpty
    else {
      return "<p>No passes.</p>\n"
    }
    let start = first.start
    // The time axis runs to a round number; buckets cover all of it.
    let scale = NiceScale(low: 0, high: max(last.end - start, 1e-9) * 1e3, ticks: 8)
    let end = start + scale.max / 1e3
    let left = 200.0, right = 880.0
    let buckets = Int(right - left)
    let width = (end - start) / Double(buckets)
    var busy = Array(repeating: Array(repeating: 0.0, count: buckets), count: data.devices.count)
    var phaseOf = Array(repeating: "", count: buckets)
    for segment in data.segments {
      let duration = segment.end - segment.start
      guard duration > 0 else { continue }
      let firstBucket = max(0, min(buckets - 1, Int((segment.start - start) / width)))
      let lastBucket = max(0, min(buckets - 1, Int((segment.end - start) / width)))
      for b in firstBucket...lastBucket {
        let b0 = start + Double(b) * width, b1 = b0 + width
        let overlap = min(b1, segment.end) - max(b0, segment.start)
        guard overlap > 0 else { continue }
        if phaseOf[b].isEmpty || segment.phase == "prefill" { phaseOf[b] = segment.phase }
        for d in data.devices.indices where d < segment.busy.count {
          busy[d][b] += min(1, segment.busy[d] / duration) * overlap
        }
      }
    }
    var canvas = SVGCanvas(width: 900, height: Double(data.devices.count) * 30 + 80)
    canvas.text("phase", x: left - 8, y: 22, anchor: "end")
    var b = 0
    while b < buckets {
      var e = b
      while e + 1 < buckets, phaseOf[e + 1] == phaseOf[b] { e += 1 }
      if !phaseOf[b].isEmpty {
        canvas.rect(
          x: left + Double(b), y: 10, width: Double(e - b + 1), height: 16,
          fill: phaseOf[b] == "prefill" ? "#59a14f" : "#b07aa1", title: phaseOf[b])
      }
      b = e + 1
    }
    for (d, device) in data.devices.enumerated() {
      let y = 40 + Double(d) * 30
      canvas.text("\(device.name) (\(device.kind))", x: left - 8, y: y + 15, anchor: "end")
      canvas.rect(x: left, y: y, width: right - left, height: 20, fill: "#f3f3f3")
      for bucket in 0..<buckets where busy[d][bucket] > 0 {
        canvas.rect(
          x: left + Double(bucket), y: y, width: 1, height: 20, fill: "#4e79a7",
          opacity: min(1, busy[d][bucket] / width))
      }
    }
    canvas.xAxis(
      scale, y: 40 + Double(data.devices.count) * 30, left: left, right: right,
      label: "time since start (ms)")
    var text = canvas.svg(label: "Devices over time")
    text +=
      "<div class=\"legend\"><span><i style=\"background:#59a14f\"></i>prefill</span><span><i style=\"background:#b07aa1\"></i>decode</span><span><i style=\"background:#4e79a7\"></i>device busy (darker = busier)</span></div>\n"
    return text
  }
}
