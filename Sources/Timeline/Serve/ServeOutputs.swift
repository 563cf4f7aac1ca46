import Engine
import Foundation
import Trace

/// The files of `life serve`, written into a directory, each whole or not
/// at all: timeline.json (or timeline.json.gz), summary.json, requests.csv,
/// report.html.
package enum ServeOutputs {
  /// requests.csv.
  package static let requests = "requests.csv"

  /// Writes every file; returns the paths in the order timeline, summary,
  /// requests, report.
  package static func write(
    _ outcome: ServeOutcome, directory: String, scenario: JSONValue?, title: String,
    detail: TraceDetail = .op, gzip: Bool = false, eventBudget: Int = 500_000,
    toolVersion: String = LifeVersion.current
  ) throws(LifeError) -> [String] {
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    let summary = try SummaryFile.text(
      forecast: outcome.json, scenario: scenario, toolVersion: toolVersion)
    let csv = RequestsTable.csv(outcome.records)
    let report = ServeReportPage.html(outcome, title: title)
    let timelineName = gzip ? OutputSet.FileName.timelineGzip : OutputSet.FileName.timeline
    let file = try TimelineFile(path: path(timelineName), gzip: gzip)
    do {
      try TimelineWriter.drawServe(outcome, into: file, detail: detail, eventBudget: eventBudget)
    } catch {
      file.discard()
      throw error
    }
    try file.finish()
    let other = path(gzip ? OutputSet.FileName.timeline : OutputSet.FileName.timelineGzip)
    if FileManager.default.fileExists(atPath: other) {
      try? FileManager.default.removeItem(atPath: other)
    }
    try AtomicFile.write(summary, to: path(OutputSet.FileName.summary))
    try AtomicFile.write(csv, to: path(requests))
    try AtomicFile.write(report, to: path(OutputSet.FileName.report))
    return [
      file.path, path(OutputSet.FileName.summary), path(requests), path(OutputSet.FileName.report),
    ]
  }
}
