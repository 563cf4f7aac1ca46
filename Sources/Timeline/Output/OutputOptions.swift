import Engine

/// What ``OutputSet`` writes and where.
public struct OutputOptions: Sendable {
  /// The output directory; it must exist. Only our own files in it are
  /// replaced.
  public var directory: String
  /// The run's number of decode steps (`--generate`).
  public var generate: Int
  /// Timeline detail (`--trace-detail`).
  public var detail: TraceDetail
  /// Decode steps drawn in detail (`--trace-steps`).
  public var steps: TimelineSteps
  /// About how many timeline events a run may write under the automatic
  /// step selection.
  public var eventBudget: Int
  /// Write timeline.json.gz instead of timeline.json (`--gzip`).
  public var gzip: Bool
  /// The timeline's format (`--trace-format`): timeline.json or
  /// timeline.pftrace.
  public var format: TraceFormat
  /// Write the timeline at all (false: summary, CSVs and report only).
  public var timeline: Bool
  /// Pid base and process-name prefix of this run in the timeline.
  public var layout: TimelineLayout

  /// Creates options; the defaults are the CLI's.
  public init(
    directory: String, generate: Int, detail: TraceDetail = .op,
    steps: TimelineSteps = .automatic, eventBudget: Int = 500_000, gzip: Bool = false,
    format: TraceFormat = .json, timeline: Bool = true, layout: TimelineLayout = TimelineLayout()
  ) {
    self.directory = directory
    self.generate = generate
    self.detail = detail
    self.steps = steps
    self.eventBudget = eventBudget
    self.gzip = gzip
    self.format = format
    self.timeline = timeline
    self.layout = layout
  }
}
