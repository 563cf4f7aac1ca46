import Trace

/// Which of several compared runs wins on TTFT and on mean TPOT, by how
/// much against the runner-up, and what bounds the winner's phase: the
/// sentences the compare page and `simulate` print for a scenario's
/// variants.
package struct CompareVerdict: Sendable, Equatable {
  /// One metric's winner.
  package struct Win: Sendable, Equatable {
    /// The winner's and the runner-up's labels and values.
    package var winner: String
    package var value: Double
    package var runnerUp: String
    package var runnerUpValue: Double
    /// What bounds the winner's phase (`compute`, `memory`, ...).
    package var bound: String

    /// runner-up ÷ winner (≥ 1).
    package var factor: Double { value > 0 ? runnerUpValue / value : 1 }
  }

  /// The TTFT winner; nil with fewer than two runs.
  package var ttft: Win?
  /// The mean-TPOT winner; nil with fewer than two runs that decode.
  package var tpot: Win?

  /// Runs closer than this fraction are called even.
  static let even = 0.02

  /// The verdict over `rows` (labels as the compare table shows them).
  package init(_ rows: [CompareRow]) {
    func win(_ values: [(CompareRow, Double)], bound: (CompareRow) -> String) -> Win? {
      let sorted = values.enumerated().sorted {
        ($0.element.1, $0.offset) < ($1.element.1, $1.offset)
      }
      .map(\.element)
      guard sorted.count >= 2 else { return nil }
      return Win(
        winner: sorted[0].0.label, value: sorted[0].1, runnerUp: sorted[1].0.label,
        runnerUpValue: sorted[1].1, bound: bound(sorted[0].0))
    }
    ttft = win(rows.map { ($0, $0.ttftMs) }, bound: \.boundPrefill)
    tpot = win(
      rows.compactMap { r in r.tpotMsMean.map { (r, $0) } }, bound: \.boundDecode)
  }

  /// The sentences, one per metric.
  package var sentences: [String] {
    func sentence(_ w: Win, metric: String, phase: String) -> String {
      let value = Self.ms(w.value), other = Self.ms(w.runnerUpValue)
      if w.factor < 1 + Self.even {
        return "\(metric): \(w.winner) (\(value)) and \(w.runnerUp) (\(other)) are even."
      }
      return "\(metric): \(w.winner) wins with \(value), "
        + String(format: "%.2f", w.factor) + "× faster than \(w.runnerUp) (\(other));"
        + " its \(phase) is \(w.bound)-bound."
    }
    var out: [String] = []
    if let ttft { out.append(sentence(ttft, metric: "Time to first token", phase: "prefill")) }
    if let tpot { out.append(sentence(tpot, metric: "Time per output token", phase: "decode")) }
    return out
  }

  /// `<p>` per sentence, escaped.
  package var html: String {
    guard !sentences.isEmpty else { return "" }
    return "<div id=\"verdict\">\n"
      + sentences.map { "<p>\(Markup.escape($0))</p>\n" }.joined() + "</div>\n"
  }

  static func ms(_ v: Double) -> String {
    v >= 1000 ? String(format: "%.2f s", v / 1000) : String(format: "%.1f ms", v)
  }
}
