import Engine
import Trace

/// report.html: one self-contained page, no scripts, no external files;
/// every string from the input is escaped.
package enum ReportPage {
  /// The page for a run.
  ///
  /// - Parameters:
  ///   - data: what the run's sinks collected.
  ///   - title: the page title (the scenario's name).
  ///   - model: the model's name.
  ///   - warnings: warnings to list (the forecast's `warnings`).
  package static func html(
    _ data: ReportData, title: String, model: String, warnings: [String]
  ) -> String {
    var page = head(
      title: title,
      subtitle:
        "Model \(Markup.escape(model)) · run \(Markup.escape(data.runName)) · overlap \(Markup.escape(data.overlap)) · LIFE \(Markup.escape(LifeVersion.current))"
    )
    page += headline(data)
    page += warningsSection(warnings)
    page += "<h2>TPOT per decode step</h2>\n" + tpotChart(data)
    page += "<h2>Ops and bytes by operator kind</h2>\n" + kindChart(data)
    page += "<h2>Compute, memory and dispatch time per phase</h2>\n" + phaseTimeChart(data)
    page += "<h2>Devices over time</h2>\n" + laneChart(data)
    page += "</body>\n</html>\n"
    return page
  }

  /// The page's head and title: the report's style, `title` escaped and
  /// `subtitle` (markup, already escaped) under it.
  static func head(title: String, subtitle: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>\(Markup.escape(title)) · LIFE report</title>
    <style>
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:24px auto;max-width:1000px;padding:0 16px}
    h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
    .sub{color:#666;margin:0 0 16px}
    .cards{display:flex;flex-wrap:wrap;gap:10px}
    .card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:120px}
    .card b{display:block;font-size:18px}.card span{color:#666;font-size:12px}
    .card small{display:block;color:#4e79a7;font-size:11px}
    table{border-collapse:collapse;margin:8px 0;font-size:13px}
    th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f5f5f5}
    td:first-child,th:first-child{text-align:left}
    .legend span{display:inline-block;margin-right:12px;font-size:12px}
    .legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
    .warn{color:#8a5300}
    svg{display:block;margin:6px 0;max-width:100%;height:auto}
    </style>
    </head>
    <body>
    <h1>\(Markup.escape(title))</h1>
    <p class="sub">\(subtitle)</p>

    """
  }

  static func headline(_ data: ReportData) -> String {
    func card(_ value: String, _ label: String, likely: String? = nil) -> String {
      "<div class=\"card\"><b>\(Markup.escape(value))</b><span>\(Markup.escape(label))</span>"
        + (likely.map { "<small class=\"likely\">likely \(Markup.escape($0))</small>" } ?? "")
        + "</div>\n"
    }
    func range(_ value: Double?, _ basis: ForecastEvidence.Basis?) -> String? {
      guard let value, let basis else { return nil }
      let (low, high) = basis.band.range(time: value)
      return "\(Format.ms(low))–\(Format.ms(high))"
    }
    let steps = data.tpot.count
    var text = "<div class=\"cards\" id=\"headline\">\n"
    text += card(
      Format.ms(data.prefill.time), "TTFT", likely: range(data.prefill.time, data.prefillBasis))
    text += card(
      data.meanTPOT.map(Format.ms) ?? "–", "mean TPOT (\(steps) steps)",
      likely: range(data.meanTPOT, data.decodeBasis))
    let tpsLikely = data.tps.flatMap { tps in
      data.decodeBasis.map { b in
        "\(Format.fixed(tps / b.band.high, decimals: 2))–\(Format.fixed(tps / b.band.low, decimals: 2))"
      }
    }
    text += card(
      data.tps.map { Format.fixed($0, decimals: 2) } ?? "–", "tokens/s per sequence",
      likely: tpsLikely)
    if data.batch > 1, let tps = data.tps {
      text += card(
        Format.fixed(tps * Double(data.batch), decimals: 2), "tokens/s, batch \(data.batch)")
    }
    text += card(Format.ms(data.e2e), "end to end")
    let energy = data.energy
    text += card(Format.fixed(energy.jPerToken, decimals: 4), "J per token")
    text += card(energy.avgPowerW.map { Format.fixed($0, decimals: 1) } ?? "–", "average power (W)")
    text += card("\(data.prefill.dispatchCalls)", "dispatch calls, prefill")
    let perStep = steps > 0 ? Double(data.decode.dispatchCalls) / Double(steps) : 0
    text += card(
      steps > 0 ? Format.fixed(perStep, decimals: perStep == perStep.rounded() ? 0 : 1) : "–",
      "dispatch calls per decode step")
    if data.prefill.passes > 0 { text += card(data.prefill.bound, "prefill bound") }
    if data.decode.passes > 0 { text += card(data.decode.bound, "decode bound") }
    text += "</div>\n"
    text += likelyBasis(data)
    return text
  }

  /// What the likely ranges come from, or that there is none.
  static func likelyBasis(_ data: ReportData) -> String {
    var parts: [String] = []
    if data.prefill.passes > 0 {
      parts.append(
        "TTFT " + (data.prefillBasis.map { "from \($0.text)" } ?? "has no basis"))
    }
    if data.decode.passes > 0 {
      parts.append(
        "TPOT " + (data.decodeBasis.map { "from \($0.text)" } ?? "has no basis"))
    }
    guard !parts.isEmpty else { return "" }
    return
      "<p class=\"sub\" id=\"likely-basis\">Likely ranges (10th–90th percentile of measured ÷ forecast): "
      + Markup.escape(parts.joined(separator: "; ")) + ".</p>\n"
  }

  static func warningsSection(_ warnings: [String]) -> String {
    guard !warnings.isEmpty else { return "" }
    return "<h2>Warnings</h2>\n<ul class=\"warn\">\n"
      + warnings.map { "<li>\(Markup.escape($0))</li>\n" }.joined() + "</ul>\n"
  }

  static let palette = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#bcbd22",
  ]

  static func color(kind: String) -> String {
    let index = OpKind(rawValue: kind)?.order ?? (palette.count - 1)
    return palette[index % palette.count]
  }
}
