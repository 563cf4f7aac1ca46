import Engine
import Foundation
import Trace

/// The files of `life serve`, one output set (``OutputTransaction``):
/// timeline.json (or timeline.json.gz), summary.json, requests.csv,
/// report.html, committed together with the set's manifest.
package enum ServeOutputs {
  /// requests.csv.
  package static let requests = "requests.csv"
  /// Every name a serving set may hold.
  package static let names = [
    OutputSet.FileName.timeline, OutputSet.FileName.timelineGzip, OutputSet.FileName.summary,
    requests, OutputSet.FileName.report,
  ]

  /// Writes every file as a file of `transaction`'s set (the caller
  /// commits); returns the paths in the order timeline, summary, requests,
  /// report.
  package static func write(
    _ outcome: ServeOutcome, in transaction: OutputTransaction, scenario: JSONValue?,
    title: String, detail: TraceDetail = .op, gzip: Bool = false, eventBudget: Int = 500_000,
    toolVersion: String = LifeVersion.current
  ) throws(LifeError) -> [String] {
    let summary = try SummaryFile.document(
      forecast: .value(outcome.json), scenario: scenario, toolVersion: toolVersion)
    let csv = RequestsTable.csv(outcome.records)
    let report = ServeReportPage.html(outcome, title: title)
    let timelineName = gzip ? OutputSet.FileName.timelineGzip : OutputSet.FileName.timeline
    let file = try TimelineFile(path: transaction.path(timelineName), gzip: gzip, in: transaction)
    do {
      try TimelineWriter.drawServe(outcome, into: file, detail: detail, eventBudget: eventBudget)
    } catch {
      file.discard()
      throw error
    }
    try file.finish()
    let summaryFile = try AtomicFile(name: OutputSet.FileName.summary, in: transaction)
    SummaryFile.write(summary, to: summaryFile)
    try summaryFile.commit()
    try AtomicFile.write(csv, name: requests, in: transaction)
    try AtomicFile.write(report, name: OutputSet.FileName.report, in: transaction)
    return [
      file.path, transaction.path(OutputSet.FileName.summary), transaction.path(requests),
      transaction.path(OutputSet.FileName.report),
    ]
  }
}
