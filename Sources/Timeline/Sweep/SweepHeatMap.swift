import Engine
import Foundation
import Trace

/// Heat maps of tc/tm from a sweep's rows (`--heatmap X,Y`).
package enum SweepHeatMap {
  /// `heatmap-X-Y.svg`.
  package static func fileName(x: SweepAxis.Name, y: SweepAxis.Name) -> String {
    "heatmap-\(x.name)-\(y.name).svg"
  }

  /// The heat map of tc/tm over axes `x` (columns) and `y` (rows); any other
  /// varied axis is held at its first value. Rows not in `rows` (another
  /// shard's) are left blank.
  package static func build(
    grid: SweepGrid, rows: [SweepRow], x: SweepAxis.Name, y: SweepAxis.Name, title: String? = nil
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
      if fixed { cells[indices[yi]][indices[xi]] = row.result.tcTm }
    }
    var held = grid.axes.enumerated().filter { $0.offset != xi && $0.offset != yi }.map {
      "\($0.element.name.name)=\($0.element.values.first?.text ?? "")"
    }.joined(separator: ", ")
    if !held.isEmpty { held = " (" + held + ")" }
    return HeatMapSVG(
      title: title ?? "prefill tc/tm over \(x.name) and \(y.name)\(held)",
      xName: x.name, xValues: xAxis.values.map(\.text), yName: y.name,
      yValues: yAxis.values.map(\.text), cells: cells)
  }
}
