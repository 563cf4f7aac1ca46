import Engine
import Foundation
import Trace

/// All outputs of a run, fed by one event stream: timeline.json (or
/// timeline.json.gz), steps.csv, ops.csv, report.html and summary.json.
///
/// Give it to the engine as its ``EventSink``; when the run has ended call
/// ``finish(outcome:scenario:toolVersion:title:)``. Every file is written whole
/// or not at all: a set that is never finished (an error, a kill) leaves the
/// directory as it was. Files other than ours are never touched.
public final class OutputSet: EventSink {
  /// Names of the files an output set writes.
  package enum FileName {
    package static let timeline = "timeline.json"
    package static let timelineGzip = "timeline.json.gz"
    package static let summary = "summary.json"
    package static let steps = "steps.csv"
    package static let ops = "ops.csv"
    package static let report = "report.html"
  }

  /// The options in use.
  public let options: OutputOptions
  private let timelineFile: TimelineFile?
  private let timeline: TimelineWriter?
  private let steps: StepsTable
  private var ops = OpsTable()
  private var collector = ReportCollector()
  private var ended = false

  /// Opens the streamed outputs (timeline and steps.csv) in
  /// `options.directory`.
  public convenience init(options: OutputOptions) throws(LifeError) {
    try self.init(options: options, sharedTimeline: nil)
  }

  /// Opens the outputs, drawing the run into `sharedTimeline` (a timeline
  /// that several runs share, e.g. a scenario and its `compare` variants)
  /// instead of a timeline of its own. The caller finishes the shared file;
  /// ``finish(outcome:scenario:toolVersion:title:)`` then returns the other
  /// files only.
  package init(options: OutputOptions, sharedTimeline: TimelineFile?) throws(LifeError) {
    self.options = options
    if let sharedTimeline {
      timelineFile = nil
      timeline = TimelineWriter(
        file: sharedTimeline, layout: options.layout, detail: options.detail,
        steps: options.steps, generate: options.generate, eventBudget: options.eventBudget)
    } else if options.timeline {
      let file = try TimelineFile(
        path: Self.path(
          options.directory, options.gzip ? FileName.timelineGzip : FileName.timeline),
        gzip: options.gzip)
      timelineFile = file
      timeline = TimelineWriter(
        file: file, layout: options.layout, detail: options.detail, steps: options.steps,
        generate: options.generate, eventBudget: options.eventBudget)
    } else {
      timelineFile = nil
      timeline = nil
    }
    steps = try StepsTable(path: Self.path(options.directory, FileName.steps))
  }

  static func path(_ directory: String, _ name: String) -> String {
    (directory as NSString).appendingPathComponent(name)
  }

  public func begin(_ run: RunInfo) {
    timeline?.begin(run)
    steps.begin(run)
    ops.begin(run)
    collector.begin(run)
  }

  /// Always true: ops.csv and the report count every operator.
  public func wantsOpEvents(in pass: PassInfo) -> Bool { true }

  public func handoff(_ event: HandoffEvent) {
    timeline?.handoff(event)
  }

  public func passBegan(_ pass: PassInfo, at time: Double) {
    timeline?.passBegan(pass, at: time)
    collector.passBegan(pass, at: time)
  }

  public func op(_ event: OpEvent) {
    timeline?.op(event)
    ops.op(event)
    collector.op(event)
  }

  public func passEnded(_ timing: PassTiming) {
    timeline?.passEnded(timing)
    steps.passEnded(timing)
    collector.passEnded(timing)
  }

  public func end() {
    timeline?.end()
    ended = true
  }

  /// What the report shows, as collected so far.
  package var reportData: ReportData { collector.finished(with: ops) }

  /// The decode steps the timeline drew in detail.
  package var tracedSteps: [Int] { timeline?.tracedDecodeSteps ?? [] }

  /// Writes the remaining files and commits every file, for the forecast
  /// the engine made of the run (`outcome`); returns the paths written.
  @discardableResult
  public func finish(
    outcome: ForecastOutcome, scenario: JSONValue?, toolVersion: String = LifeVersion.current,
    title: String? = nil
  ) throws(LifeError) -> [String] {
    try finish(
      forecast: outcome.json, model: outcome.workload.model.name, warnings: outcome.warnings,
      scenario: scenario, toolVersion: toolVersion, title: title)
  }

  /// Writes the remaining files and commits every file; returns the paths
  /// written, in the order timeline (unless shared), summary, steps, ops,
  /// report.
  ///
  /// - Parameters:
  ///   - forecast: the forecast JSON object (what `forecast --json`
  ///     prints), written as summary.json.
  ///   - model: the model's name, for the report.
  ///   - warnings: the run's warnings, for the report.
  ///   - scenario: the scenario JSON as given, echoed as `scenario` (null
  ///     when the run came from flags).
  ///   - toolVersion: echoed as `tool_version`.
  ///   - title: the report's title; by default the run's name.
  @discardableResult
  public func finish(
    forecast: JSONValue, model: String, warnings: [String], scenario: JSONValue?,
    toolVersion: String = LifeVersion.current, title: String? = nil
  ) throws(LifeError) -> [String] {
    guard ended else {
      discard()
      throw LifeError(.failure, at: .none, "the run did not finish; no outputs were written")
    }
    let dir = options.directory
    let data = reportData
    let summary: String
    do {
      summary = try SummaryFile.text(
        forecast: forecast, scenario: scenario, toolVersion: toolVersion)
    } catch {
      discard()
      throw error
    }
    let report = ReportPage.html(
      data, title: title ?? data.runName, model: model, warnings: warnings)

    var written: [String] = []
    if let timelineFile {
      try timelineFile.finish()
      written.append(timelineFile.path)
      // The other form of the timeline would be stale.
      let other = Self.path(dir, options.gzip ? FileName.timeline : FileName.timelineGzip)
      if FileManager.default.fileExists(atPath: other) {
        try? FileManager.default.removeItem(atPath: other)
      }
    }
    let summaryPath = Self.path(dir, FileName.summary)
    try AtomicFile.write(summary, to: summaryPath)
    written.append(summaryPath)
    try steps.output.commit()
    written.append(steps.output.path)
    let opsPath = Self.path(dir, FileName.ops)
    try AtomicFile.write(ops.csv, to: opsPath)
    written.append(opsPath)
    let reportPath = Self.path(dir, FileName.report)
    try AtomicFile.write(report, to: reportPath)
    written.append(reportPath)
    return written
  }

  /// Abandons every file not yet committed.
  public func discard() {
    timelineFile?.discard()
    steps.output.discard()
  }
}
