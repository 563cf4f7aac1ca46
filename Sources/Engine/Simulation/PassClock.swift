import Trace

/// How one pass's time advances operator by operator under an overlap
/// model, with the pass's compute, memory and dispatch sums: the other half
/// of the timing kernel (``OpTiming``).
///
/// - `op` overlap: an operator lasts dispatch + max(compute, memory), and
///   operators follow each other.
/// - `phase` overlap (paper Eq. 1–3): within a segment (consecutive
///   operators on one device) compute and memory are two pipelines, each
///   summing dispatch + its own time; the segment ends when both are done.
///
/// Times are seconds from the start of the pass, so a pass's duration does
/// not depend on what ran before it.
struct PassClock: Sendable {
  /// The overlap model.
  let overlap: Overlap
  /// The pass's time so far: in `phase` overlap, up to the end of the last
  /// closed segment.
  private(set) var time: Double = 0
  /// Σ compute seconds, without dispatch.
  private(set) var tCompute: Double = 0
  /// Σ memory seconds, without dispatch.
  private(set) var tMemory: Double = 0
  /// Σ dispatch seconds.
  private(set) var tDispatch: Double = 0
  /// Σ operator energy above idle, joules.
  private(set) var energy: Double = 0
  /// Where the open segment started (`phase` overlap).
  private var segmentStart: Double = 0
  /// Σ (dispatch + compute) of the open segment (`phase` overlap).
  private var segmentCompute: Double = 0
  /// Σ (dispatch + memory) of the open segment (`phase` overlap).
  private var segmentMemory: Double = 0

  /// A clock at the start of a pass.
  init(overlap: Overlap) { self.overlap = overlap }

  /// One operator.
  @inline(__always)
  mutating func add(_ t: OpTiming) {
    switch overlap {
    case .op: time += t.dispatch + max(t.compute, t.memory)
    case .phase:
      segmentCompute += t.dispatch + t.compute
      segmentMemory += t.dispatch + t.memory
    }
    tCompute += t.compute
    tMemory += t.memory
    tDispatch += t.dispatch
    energy += t.energy
  }

  /// `count` operators of the same timing back to back: the same additions
  /// as `count` calls to ``add(_:)``, so sums agree to the last digit.
  @inline(__always)
  mutating func add(_ t: OpTiming, repeating count: Int) {
    for _ in 0..<max(0, count) { add(t) }
  }

  /// One operator, with where it lies: the spans of its dispatch, compute
  /// and memory, in seconds from the start of the run (`passStart` is the
  /// pass's start). Advances like ``add(_:)``.
  mutating func place(_ t: OpTiming, passStart: Double) -> OpPlacement {
    let placement: OpPlacement
    switch overlap {
    case .op:
      let start = passStart + time
      placement = OpPlacement(
        start: start, end: start + t.dispatch + max(t.compute, t.memory),
        dispatch: Span(start: start, duration: t.dispatch),
        compute: Span(start: start + t.dispatch, duration: t.compute),
        memory: Span(start: start + t.dispatch, duration: t.memory))
    case .phase:
      let computeStart = passStart + segmentStart + segmentCompute
      let memoryStart = passStart + segmentStart + segmentMemory
      let compute = Span(start: computeStart + t.dispatch, duration: t.compute)
      let memory = Span(start: memoryStart + t.dispatch, duration: t.memory)
      placement = OpPlacement(
        start: min(computeStart, memoryStart), end: max(compute.end, memory.end),
        dispatch: Span(start: computeStart, duration: t.dispatch), compute: compute,
        memory: memory)
    }
    add(t)
    return placement
  }

  /// Time passing outside any operator (a hand-off between devices).
  mutating func wait(_ seconds: Double) { time += seconds }

  /// Ends the open segment: in `phase` overlap its two pipelines end
  /// together, at the later of the two. The next segment starts there.
  mutating func closeSegment() {
    guard overlap == .phase else { return }
    time = segmentStart + max(segmentCompute, segmentMemory)
    segmentCompute = 0
    segmentMemory = 0
    segmentStart = time
  }

  /// Starts a segment at the current time without closing one (the first
  /// segment of a pass, or after a hand-off).
  mutating func openSegment() {
    segmentStart = time
    segmentCompute = 0
    segmentMemory = 0
  }
}

/// Where one operator lies on its device's lanes, seconds from the start of
/// the run.
struct OpPlacement: Sendable {
  /// Start of the operator (of its earliest span in `phase` overlap).
  var start: Double
  /// End of the operator (of its latest span).
  var end: Double
  /// The dispatch span.
  var dispatch: Span
  /// The compute span.
  var compute: Span
  /// The memory span.
  var memory: Span
}
