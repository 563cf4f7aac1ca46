import Foundation
import Trace

/// `sweep.csv`: a leading `point` column (the index in the full grid, so
/// shards merge exactly), one column per varied name, then the result
/// columns, the contract's and then `fits` (`true` when the workload fits
/// in the device's memory). Numbers print as JSON prints them; absent
/// values are empty.
package enum SweepCSV {
  /// The result columns: CONTRACT.md's, then `fits`.
  package static let resultColumns = [
    "ttft_ms", "t_compute_ms", "t_memory_ms", "tc_tm", "tpot_ms_mean", "tps", "bound", "fits",
  ]

  /// The header fields for `axes`.
  package static func header(_ axes: [SweepAxis]) -> [String] {
    ["point"] + axes.map(\.name.name) + resultColumns
  }

  /// The fields of one row.
  package static func fields(_ row: SweepRow) -> [String] {
    let r = row.result
    func n(_ x: Double?) -> String { x.map(CSVFormat.number) ?? "" }
    return [String(row.point.index)] + row.point.values.map(\.value.text) + [
      n(r.ttftMs), n(r.tComputeMs), n(r.tMemoryMs), n(r.tcTm), n(r.tpotMsMean), n(r.tps), r.bound,
      r.fits ? "true" : "false",
    ]
  }

  /// The whole file's text.
  package static func text(axes: [SweepAxis], rows: [SweepRow]) -> String {
    var out = CSVFormat.line(header(axes))
    for row in rows { out += CSVFormat.line(fields(row)) }
    return out
  }

  /// The file name inside the output directory.
  package static let fileName = "sweep.csv"

  /// Writes `DIR/sweep.csv` whole or not at all; returns its path.
  @discardableResult
  package static func write(axes: [SweepAxis], rows: [SweepRow], in transaction: OutputTransaction)
    throws(LifeError)
    -> String
  {
    try AtomicFile.write(text(axes: axes, rows: rows), name: fileName, in: transaction)
    return transaction.path(fileName)
  }
}
