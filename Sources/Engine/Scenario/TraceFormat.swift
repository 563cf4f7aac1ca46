/// The file format of a run's timeline.
public enum TraceFormat: String, Sendable, CaseIterable {
  /// Chrome's trace-event JSON (`timeline.json`).
  case json
  /// Perfetto's protobuf trace format (`timeline.pftrace`).
  case perfetto
}
