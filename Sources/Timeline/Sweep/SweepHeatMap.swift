import Engine
import Foundation
import Trace

/// Heat maps from a sweep's rows (`--heatmap X,Y`): prefill tc/tm, and
/// decode TPOT and tokens per second.
package enum SweepHeatMap {
  /// `heatmap-X-Y.svg` (tc/tm), `heatmap-X-Y-tpot.svg`, `heatmap-X-Y-tps.svg`.
  package static func fileName(
    x: SweepAxis.Name, y: SweepAxis.Name, metric: HeatMapSVG.Metric = .tcTm
  ) -> String {
    let suffix: String
    switch metric {
    case .tcTm: suffix = ""
    case .tpotMs: suffix = "-tpot"
    case .tokensPerSecond: suffix = "-tps"
    }
    return "heatmap-\(x.name)-\(y.name)\(suffix).svg"
  }

  /// The value a heat map of `metric` shows for one result.
  static func value(_ result: SweepResult, _ metric: HeatMapSVG.Metric) -> Double? {
    switch metric {
    case .tcTm: return result.tcTm
    case .tpotMs: return result.tpotMsMean
    case .tokensPerSecond: return result.tps
    }
  }

  /// Whether any row has a decode metric (G > 0 somewhere).
  package static func hasDecode(_ rows: [SweepRow]) -> Bool {
    rows.contains { $0.result.tpotMsMean != nil }
  }

  /// The heat map of `metric` over axes `x` (columns) and `y` (rows); any
  /// other varied axis is held at its first value. Rows not in `rows`
  /// (another shard's) are left blank.
  package static func build(
    grid: SweepGrid, rows: [SweepRow], x: SweepAxis.Name, y: SweepAxis.Name, title: String? = nil,
    metric: HeatMapSVG.Metric = .tcTm
  )
    -> HeatMapSVG
  {
    let xi = grid.axes.firstIndex { $0.name == x } ?? 0
    let yi = grid.axes.firstIndex { $0.name == y } ?? 0
    let xAxis = grid.axes[xi]
    let yAxis = grid.axes[yi]
    var cells = [[Double?]](
      repeating: [Double?](repeating: nil, count: xAxis.values.count), count: yAxis.values.count)
    for row in rows {
      let indices = grid.valueIndices(of: row.point.index)
      let fixed = indices.enumerated().allSatisfy {
        $0.offset == xi || $0.offset == yi || $0.element == 0
      }
      if fixed { cells[indices[yi]][indices[xi]] = value(row.result, metric) }
    }
    var held = grid.axes.enumerated().filter { $0.offset != xi && $0.offset != yi }.map {
      "\($0.element.name.name)=\($0.element.values.first?.text ?? "")"
    }.joined(separator: ", ")
    if !held.isEmpty { held = " (" + held + ")" }
    let what: String
    switch metric {
    case .tcTm: what = "prefill tc/tm"
    case .tpotMs: what = "decode TPOT (ms, mean)"
    case .tokensPerSecond: what = "decode tokens/s per sequence"
    }
    return HeatMapSVG(
      title: title ?? "\(what) over \(x.name) and \(y.name)\(held)",
      xName: x.name, xValues: xAxis.values.map(\.text), yName: y.name,
      yValues: yAxis.values.map(\.text), cells: cells, metric: metric)
  }
}
