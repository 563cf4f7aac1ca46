/// How much of each traced pass the timeline draws.
public enum TraceDetail: String, Sendable, CaseIterable {
  /// Every operator: operator, dispatch, compute and memory lanes.
  case op
  /// One slice per decoder layer (and per run of operators outside the
  /// layers), aggregating its operators.
  case layer
  /// Only the request's prefill and decode-step slices, hand-offs and
  /// counters.
  case step
}
