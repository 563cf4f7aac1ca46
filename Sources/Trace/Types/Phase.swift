/// The two phases of inference.
public enum Phase: String, Sendable, CaseIterable, Hashable {
  /// The pass (or chunked passes) over the prompt; it yields the first token.
  case prefill
  /// One pass per generated token.
  case decode
}
