import Engine
import Foundation
import Trace

/// All outputs of a run, fed by one event stream: timeline.json (or
/// timeline.json.gz), steps.csv, ops.csv, report.html and summary.json.
///
/// Give it to the engine as its ``EventSink``; when the run has ended call
/// ``finish(outcome:scenario:toolVersion:title:)``. The files are one set,
/// committed together with a `manifest.json` (``OutputTransaction``): the
/// directory holds the previous set or the new one, never a mix, and a set
/// that is never finished (an error, a kill) leaves the directory as it
/// was. Files other than the set's are never touched. A write that fails
/// (a full disk) stops the run at the end of the pass it happened in.
public final class OutputSet: EventSink {
  /// Names of the files an output set writes.
  package enum FileName {
    package static let timeline = "timeline.json"
    package static let timelineGzip = "timeline.json.gz"
    package static let timelinePerfetto = "timeline.pftrace"
    package static let summary = "summary.json"
    package static let steps = "steps.csv"
    package static let ops = "ops.csv"
    package static let report = "report.html"
    /// The timeline's name in `format` (gzip applies to JSON only).
    package static func timelineName(format: TraceFormat, gzip: Bool) -> String {
      switch format {
      case .json: return gzip ? timelineGzip : timeline
      case .perfetto: return timelinePerfetto
      }
    }
    /// Every name a run's set (with a comparison's files) may hold.
    package static let all = [
      timeline, timelineGzip, timelinePerfetto, summary, steps, ops, report, CompareFiles.csv,
      CompareFiles.html,
    ]
  }

  /// The options in use.
  public let options: OutputOptions
  /// The set's transaction; committed by ``finish(outcome:scenario:toolVersion:title:)``
  /// when this output set opened it.
  private let transaction: OutputTransaction
  private let ownsTransaction: Bool
  private let timelineFile: TimelineFile?
  private let timeline: TimelineWriter?
  private let steps: StepsTable
  private var ops = OpsTable()
  private var collector = ReportCollector()
  private var ended = false

  /// Opens the streamed outputs (timeline and steps.csv) in
  /// `options.directory` (created when missing, and locked for the run: a
  /// second run into it is an error).
  public convenience init(options: OutputOptions) throws(LifeError) {
    let transaction = try OutputTransaction(directory: options.directory, owned: FileName.all)
    try self.init(
      options: options, sharedTimeline: nil, transaction: transaction, ownsTransaction: true)
  }

  /// Opens the outputs as files of `transaction`'s set, drawing the run
  /// into `sharedTimeline` (a timeline that several runs share, e.g. a
  /// scenario and its `compare` variants) instead of a timeline of its own.
  /// The caller finishes the shared file and commits the transaction;
  /// ``finish(outcome:scenario:toolVersion:title:)`` then returns the other
  /// files only.
  package convenience init(
    options: OutputOptions, sharedTimeline: TimelineFile?, transaction: OutputTransaction
  ) throws(LifeError) {
    try self.init(
      options: options, sharedTimeline: sharedTimeline, transaction: transaction,
      ownsTransaction: false)
  }

  private init(
    options: OutputOptions, sharedTimeline: TimelineFile?, transaction: OutputTransaction,
    ownsTransaction: Bool
  ) throws(LifeError) {
    self.options = options
    self.transaction = transaction
    self.ownsTransaction = ownsTransaction
    if let sharedTimeline {
      timelineFile = nil
      timeline = TimelineWriter(
        file: sharedTimeline, layout: options.layout, detail: options.detail,
        steps: options.steps, generate: options.generate, eventBudget: options.eventBudget)
    } else if options.timeline {
      let file = try TimelineFile(
        path: transaction.path(FileName.timelineName(format: options.format, gzip: options.gzip)),
        format: options.format, gzip: options.gzip, in: transaction)
      timelineFile = file
      timeline = TimelineWriter(
        file: file, layout: options.layout, detail: options.detail, steps: options.steps,
        generate: options.generate, eventBudget: options.eventBudget)
    } else {
      timelineFile = nil
      timeline = nil
    }
    steps = try StepsTable(path: transaction.path(FileName.steps), in: transaction)
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

  /// The first write of the timeline or steps.csv that failed.
  public var failure: LifeError? { timeline?.failure ?? steps.output.failure }

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
      document: outcome.document, model: outcome.workload.model.name,
      warnings: outcome.warnings, scenario: scenario, toolVersion: toolVersion, title: title,
      evidence: outcome.report.evidence)
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
    try finish(
      document: .value(forecast), model: model, warnings: warnings, scenario: scenario,
      toolVersion: toolVersion, title: title)
  }

  /// ``finish(forecast:model:warnings:scenario:toolVersion:title:)`` with the
  /// forecast as a document, written into summary.json as it is made, and
  /// the evidence whose likely ranges the report draws.
  func finish(
    document forecast: JSONDocument, model: String, warnings: [String], scenario: JSONValue?,
    toolVersion: String, title: String?, evidence: ForecastEvidence? = nil
  ) throws(LifeError) -> [String] {
    guard ended else {
      discard()
      throw LifeError(.failure, at: .none, "the run did not finish; no outputs were written")
    }
    var data = reportData
    data.prefillBasis = evidence?.prefill
    data.decodeBasis = evidence?.decode
    let summary: JSONDocument
    do {
      summary = try SummaryFile.document(
        forecast: forecast, scenario: scenario, toolVersion: toolVersion)
    } catch {
      discard()
      throw error
    }
    let report = ReportPage.html(
      data, title: title ?? data.runName, model: model, warnings: warnings)

    var written: [String] = []
    do {
      if let timelineFile {
        try timelineFile.finish()
        written.append(timelineFile.path)
      }
      let summaryFile = try AtomicFile(name: FileName.summary, in: transaction)
      SummaryFile.write(summary, to: summaryFile)
      try summaryFile.commit()
      written.append(transaction.path(FileName.summary))
      try steps.output.commit()
      written.append(steps.output.path)
      try AtomicFile.write(ops.csv, name: FileName.ops, in: transaction)
      written.append(transaction.path(FileName.ops))
      try AtomicFile.write(report, name: FileName.report, in: transaction)
      written.append(transaction.path(FileName.report))
      if ownsTransaction { try transaction.commit() }
    } catch {
      discard()
      throw error
    }
    return written
  }

  /// Abandons every file not yet committed (and the set, when this output
  /// set opened it).
  public func discard() {
    timelineFile?.discard()
    steps.output.discard()
    if ownsTransaction { transaction.discard() }
  }
}
