import Trace

extension Device {
  /// A text table of devices, one per row: key, kind, peak TOPS by dtype,
  /// bandwidth, dispatch latency, memory and efficiencies (what
  /// `life devices` prints for the presets).
  package static func table(_ devices: [(key: String, device: Device)]) -> String {
    let header = ["device", "kind", "peak TOPS", "GB/s", "dispatch µs", "GiB", "ec", "em", "name"]
    var rows: [[String]] = [header]
    for (key, d) in devices {
      let tops = d.sortedPeakTops.map { "\($0.key) \(JSONFormat.number($0.value))" }
        .joined(separator: ", ")
      rows.append([
        key, d.kind.rawValue, tops, JSONFormat.number(d.bandwidthGBs),
        JSONFormat.number(d.dispatchUs), d.memoryGiB.map { JSONFormat.number($0) } ?? "-",
        d.efficiency.computeCurve != nil ? "curve" : JSONFormat.number(d.efficiency.compute),
        d.efficiency.memoryCurve != nil ? "curve" : JSONFormat.number(d.efficiency.memory),
        d.name,
      ])
    }
    var widths = [Int](repeating: 0, count: header.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    return rows.map { row in
      row.enumerated().map { i, cell in
        i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }

  /// ``table(_:)`` of every preset, in ``presetNames`` order.
  package static var presetTable: String {
    table(presetNames.compactMap { name in preset(named: name).map { (name, $0) } })
  }
}
