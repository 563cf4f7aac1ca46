/// One request to a serving engine: when it arrives, how long its prompt
/// is, and how many tokens it generates (the first, from prefill, included:
/// a request is one prefill and `outputTokens − 1` decode steps).
package struct ServeRequest: Sendable, Equatable {
  /// 0-based: the line's order in a requests file, or the generated order.
  package var id: Int
  /// Arrival, seconds from the start.
  package var arrival: Double
  /// Prompt tokens (≥ 1).
  package var promptTokens: Int
  /// Generated tokens, the first included (≥ 1).
  package var outputTokens: Int

  /// A request.
  package init(id: Int, arrival: Double, promptTokens: Int, outputTokens: Int) {
    self.id = id
    self.arrival = arrival
    self.promptTokens = promptTokens
    self.outputTokens = outputTokens
  }

  /// The most tokens one request may hold (prompt + output): 2^30.
  package static let maxTokens = 1 << 30

  /// The most requests one run may have: 10^6.
  package static let maxCount = 1_000_000
}
