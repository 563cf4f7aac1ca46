import Foundation
import Trace

/// Which decode steps a trace shows: `all`, or a list like
/// `1-16,100,200,last` (numbers, ranges `A-B`, and `last` for step G, also
/// as a range end: `100-last`).
package struct StepSelection: Sendable, Equatable {
  /// One end of a range.
  package enum End: Sendable, Equatable {
    /// A 1-based step.
    case step(Int)
    /// The last step, G.
    case last

    func value(of generate: Int) -> Int {
      switch self {
      case .step(let n): return n
      case .last: return generate
      }
    }
  }

  /// Every step.
  package static let all = StepSelection(ranges: nil)

  /// Inclusive ranges; nil means every step.
  package var ranges: [(from: End, to: End)]?

  init(ranges: [(from: End, to: End)]?) { self.ranges = ranges }

  package static func == (lhs: StepSelection, rhs: StepSelection) -> Bool {
    switch (lhs.ranges, rhs.ranges) {
    case (nil, nil): return true
    case (let a?, let b?):
      return a.count == b.count && zip(a, b).allSatisfy { $0.from == $1.from && $0.to == $1.to }
    default: return false
    }
  }

  /// Parses `all` or a comma-separated list (case-insensitive, spaces
  /// around items allowed); nil when the text is not one.
  package init?(_ text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    if trimmed == "all" {
      self.init(ranges: nil)
      return
    }
    func end(_ s: Substring) -> End? {
      let t = s.trimmingCharacters(in: .whitespaces)
      if t == "last" { return .last }
      guard let n = Int(t), n >= 1 else { return nil }
      return .step(n)
    }
    var ranges: [(from: End, to: End)] = []
    for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
      let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
      switch bounds.count {
      case 1:
        guard let e = end(bounds[0]) else { return nil }
        ranges.append((e, e))
      case 2:
        guard let a = end(bounds[0]), let b = end(bounds[1]) else { return nil }
        if case .step(let x) = a, case .step(let y) = b, x > y { return nil }
        if a == .last, b != .last { return nil }
        ranges.append((a, b))
      default:
        return nil
      }
    }
    self.init(ranges: ranges)
  }

  /// Whether decode step `step` (1-based) of `generate` steps is selected.
  package func contains(_ step: Int, of generate: Int) -> Bool {
    guard step >= 1, step <= generate else { return false }
    guard let ranges else { return true }
    return ranges.contains {
      step >= $0.from.value(of: generate) && step <= $0.to.value(of: generate)
    }
  }

  /// The text form: `all` or the list.
  package var text: String {
    guard let ranges else { return "all" }
    func t(_ e: End) -> String {
      switch e {
      case .step(let n): return String(n)
      case .last: return "last"
      }
    }
    return ranges.map { $0.from == $0.to ? t($0.from) : t($0.from) + "-" + t($0.to) }.joined(
      separator: ",")
  }
}

/// A parsed `--trace-steps` or `trace.steps`: `auto` (every step while the
/// timeline stays within its event budget) or a ``StepSelection``. The one
/// grammar of step lists.
package enum StepChoice: Sendable, Equatable {
  /// Chosen by the timeline's event budget.
  case automatic
  /// The steps a list names.
  case selection(StepSelection)

  /// What a step list may be, for errors.
  package static let expected =
    "auto, all, or comma-separated steps and ranges such as 1-16,100,last (N ≥ 1, N-M with"
    + " N ≤ M, last, N-last)"

  /// Parses `auto`, `all` or a list; errors are at ``RunParameter/traceSteps``.
  package static func parse(_ text: String) throws(LifeError) -> StepChoice {
    if text.trimmingCharacters(in: .whitespaces).lowercased() == "auto" { return .automatic }
    guard let selection = StepSelection(text) else {
      throw LifeError.usage(
        .parameter(.traceSteps), "invalid step list", got: "'\(text)'", expected: expected)
    }
    return .selection(selection)
  }
}
