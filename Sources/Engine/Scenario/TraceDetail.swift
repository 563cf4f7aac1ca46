/// How fine the timeline is.
public enum TraceDetail: String, Sendable, CaseIterable {
  /// Every operator.
  case op
  /// One slice per layer.
  case layer
  /// One slice per pass.
  case step
}
