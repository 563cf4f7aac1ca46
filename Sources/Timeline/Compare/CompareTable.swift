import Trace

/// compare.csv: one row per run.
package enum CompareTable {
  /// The header.
  package static let columns = [
    "run", "scenario", "model", "ttft_ms", "tpot_ms_mean", "tps", "e2e_ms",
    "dispatch_calls_prefill", "dispatch_calls_per_step", "bound_prefill", "bound_decode", "fits",
    "j_per_token", "avg_power_w",
  ]

  /// The CSV text: a header, then `rows` in order. Absent values are empty
  /// fields.
  package static func csv(_ rows: [CompareRow]) -> String {
    var text = CSVFormat.line(columns)
    for row in rows {
      text += CSVFormat.line([
        row.run, row.scenario, row.model, CSVFormat.number(row.ttftMs),
        row.tpotMsMean.map(CSVFormat.number) ?? "", row.tps.map(CSVFormat.number) ?? "",
        CSVFormat.number(row.e2eMs), CSVFormat.number(row.dispatchPrefill),
        row.dispatchPerStep.map(CSVFormat.number) ?? "", row.boundPrefill, row.boundDecode,
        row.fits.map { $0 ? "true" : "false" } ?? "",
        row.jPerToken.map(CSVFormat.number) ?? "", row.avgPowerW.map(CSVFormat.number) ?? "",
      ])
    }
    return text
  }
}
