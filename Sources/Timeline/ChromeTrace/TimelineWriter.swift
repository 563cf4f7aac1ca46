import Engine
import Trace

/// Draws one run's event stream into a ``TimelineFile`` as the events
/// arrive: a process per device (operator, dispatch, compute, memory and
/// hand-off threads), a `request` process with the prefill and decode-step
/// slices and the counters, and flows for hand-offs. Memory use does not
/// grow with the number of operators.
///
/// Times are rounded once to integer nanoseconds and written as
/// microseconds, and consecutive slices on a thread are kept from
/// overlapping, so every thread nests as Perfetto requires.
package final class TimelineWriter: EventSink {
  let file: TimelineFile
  let layout: TimelineLayout
  let detail: TraceDetail
  let selection: TimelineSteps
  let generate: Int
  let eventBudget: Int
  /// Whether the writer draws a forecast's `request` process (its prefill
  /// and decode-step slices and counters). A serving run draws its own
  /// scheduler and request processes and lets this writer draw only the
  /// devices; then every pass it is given is drawn in detail.
  let requestTrack: Bool

  var run: RunInfo?
  var overlap: Overlap = .op
  /// Per thread: the end of its last top-level slice (for the no-overlap
  /// clamp) and whether it is named.
  var threads: ThreadTable
  var tracing = false
  var plan: Set<Int>?
  var runStartEvents = 0
  var passStartEvents = 0
  var maxPassEvents = 0
  var tracedSteps: [Int] = []
  var prefillChunks: [PassTiming] = []
  var layerGroups: [Int: LayerGroup] = [:]
  var flowCount = 0
  var opArgsCache = OpArgsCache()

  /// Creates a writer of one run into `file`.
  ///
  /// - Parameters:
  ///   - layout: pid base and process-name prefix of this run.
  ///   - detail: operators, layers or steps only.
  ///   - steps: which decode steps to draw in detail.
  ///   - generate: the run's number of decode steps (for the automatic
  ///     selection, which keeps the last step).
  ///   - eventBudget: with ``TimelineSteps/automatic``, about how many events
  ///     the run may write.
  package init(
    file: TimelineFile, layout: TimelineLayout = TimelineLayout(), detail: TraceDetail = .op,
    steps: TimelineSteps = .automatic, generate: Int, eventBudget: Int = 500_000,
    requestTrack: Bool = true
  ) {
    self.file = file
    self.layout = layout
    self.detail = detail
    self.selection = requestTrack ? steps : .all
    self.generate = generate
    self.eventBudget = eventBudget
    self.requestTrack = requestTrack
    self.threads = ThreadTable(pidBase: layout.pidBase)
  }

  /// The first write of the timeline that failed (a full disk).
  package var failure: LifeError? { file.failure }

  /// The decode steps drawn in detail so far, ascending.
  package var tracedDecodeSteps: [Int] { tracedSteps }

  package func begin(_ run: RunInfo) {
    self.run = run
    overlap = run.overlap
    runStartEvents = file.eventCount
    let requestPid = layout.requestPid
    process(
      requestPid, name: layout.namePrefix + (requestTrack ? "request" : "scheduler"),
      sortIndex: requestPid)
    for (index, entry) in run.devices.enumerated() {
      let pid = layout.devicePid(index)
      let name = "\(layout.namePrefix)\(entry.device.name) (\(entry.device.kind.rawValue))"
      process(pid, name: name, sortIndex: pid)
    }
  }

  package func wantsOpEvents(in pass: PassInfo) -> Bool {
    detail != .step && isSelected(pass)
  }

  package func passBegan(_ pass: PassInfo, at time: Double) {
    tracing = detail != .step && decideSelected(pass)
    if tracing, pass.phase == .decode || !requestTrack { tracedSteps.append(pass.step) }
    passStartEvents = file.eventCount
  }

  package func op(_ event: OpEvent) {
    guard tracing else { return }
    switch detail {
    case .op: drawOp(event)
    case .layer: addToLayer(event)
    case .step: break
    }
  }

  package func passEnded(_ timing: PassTiming) {
    flushLayers()
    if tracing { maxPassEvents = max(maxPassEvents, file.eventCount - passStartEvents) }
    tracing = false
    if requestTrack { drawPass(timing) }
    drawPower(timing)
  }

  package func end() {
    flushLayers()
    if requestTrack && !prefillChunks.isEmpty { drawPrefill() }
    var meta = TraceArgs()
    meta.string("name", run?.name ?? "")
    meta.int("pid_base", layout.pidBase)
    meta.string("name_prefix", layout.namePrefix)
    meta.string("overlap", overlap.rawValue)
    meta.string("detail", detail.rawValue)
    meta.string("steps", selection.text)
    meta.int("event_budget", eventBudget)
    meta.string("traced_steps", StepSampler.rangesText(tracedSteps))
    meta.int("events", file.eventCount - runStartEvents)
    file.addRunMetadata(meta.json)
  }
}

extension TimelineWriter {
  /// Whether `pass` is drawn in detail, without deciding an automatic plan.
  func isSelected(_ pass: PassInfo) -> Bool {
    if pass.phase == .prefill { return true }
    switch selection.rule {
    case .all: return true
    case .predicate(let chosen): return chosen(pass.step)
    case .automatic: return plan.map { $0.contains(pass.step) } ?? true
    }
  }

  /// Whether `pass` is drawn in detail; under the automatic selection, the
  /// first decode step after a traced pass fixes the plan from the events
  /// one pass costs and the budget left.
  func decideSelected(_ pass: PassInfo) -> Bool {
    guard pass.phase == .decode, case .automatic = selection.rule else { return isSelected(pass) }
    if plan == nil, maxPassEvents > 0 {
      let last = max(pass.step, generate)
      let used = file.eventCount - runStartEvents
      // Request slices and counters of the remaining steps are always drawn.
      let reserve = 8 * (last - pass.step + 1)
      let affordable = max(0, eventBudget - used - reserve) / maxPassEvents
      plan = Set(StepSampler.choose(from: pass.step, through: last, count: affordable))
    }
    return isSelected(pass)
  }
}
