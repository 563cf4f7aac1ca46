import Engine
import Trace

/// requests.csv: one row per request, in arrival order:
/// `id,arrival_s,first_token_s,finish_s,ttft_ms,tpot_ms_mean,e2e_ms,queue_ms,preemptions`
/// (empty cells where a value does not exist: no decode step, or a request
/// rejected because it needs more KV cache than the engine has).
package enum RequestsTable {
  /// The header.
  package static let columns = [
    "id", "arrival_s", "first_token_s", "finish_s", "ttft_ms", "tpot_ms_mean", "e2e_ms",
    "queue_ms", "preemptions",
  ]

  /// The file's text.
  package static func csv(_ records: [RequestRecord]) -> String {
    var text = CSVFormat.line(columns)
    func cell(_ value: Double?) -> String { value.map(CSVFormat.number) ?? "" }
    for r in records {
      text += CSVFormat.line([
        String(r.request.id), CSVFormat.number(r.request.arrival), cell(r.firstToken),
        cell(r.finish), cell(r.ttftMs), cell(r.tpotMeanMs), cell(r.e2eMs), cell(r.queueMs),
        String(r.preemptions),
      ])
    }
    return text
  }
}
