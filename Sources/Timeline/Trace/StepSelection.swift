import Foundation
import Trace

/// Which decode steps the timeline draws in detail (operators or layers).
/// The request slices, counters, summary and CSVs always cover every step;
/// the prefill is always drawn.
public struct StepSelection: Sendable {
  enum Rule: Sendable {
    case all
    case automatic
    case predicate(@Sendable (Int) -> Bool)
  }

  let rule: Rule
  /// How the selection was given, for the trace's metadata.
  public let text: String

  /// Every step.
  public static let all = StepSelection(rule: .all, text: "all")

  /// Every step while the trace stays within the event budget; otherwise the
  /// first steps, evenly spaced ones and the last. The default.
  public static let automatic = StepSelection(rule: .automatic, text: "auto")

  /// The steps (1-based) for which `predicate` is true; `text` describes
  /// them.
  public static func only(
    _ text: String, where predicate: @escaping @Sendable (_ step: Int) -> Bool
  ) -> StepSelection {
    StepSelection(rule: .predicate(predicate), text: text)
  }

  /// Parses `all`, `auto`, or a comma-separated list of steps and ranges
  /// such as `1-16,100,200,last` (`last` is step `lastStep`; a range may end
  /// in `last`). Errors name `flag`.
  public static func parse(
    _ text: String, lastStep: Int, flag: String = "--trace-steps"
  ) throws(LifeError) -> StepSelection {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed == "all" { return .all }
    if trimmed == "auto" { return .automatic }
    let expected = "all, auto, or steps and ranges such as 1-16,100,last"
    func bound(_ s: Substring) throws(LifeError) -> Int {
      let word = s.trimmingCharacters(in: .whitespaces)
      if word == "last" { return lastStep }
      guard let n = Int(word), n >= 1 else {
        throw LifeError.usage(flag, "bad step", got: "'\(word)'", expected: expected)
      }
      return n
    }
    var ranges: [ClosedRange<Int>] = []
    for item in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
      let parts = item.split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 1 || parts.count == 2 else {
        throw LifeError.usage(flag, "bad step range", got: "'\(item)'", expected: expected)
      }
      let low = try bound(parts[0])
      let high = parts.count == 2 ? try bound(parts[1]) : low
      guard low <= high else {
        throw LifeError.usage(flag, "step range runs backwards", got: "'\(item)'", expected: expected)
      }
      ranges.append(low...high)
    }
    let frozen = ranges
    return .only(trimmed) { step in frozen.contains { $0.contains(step) } }
  }
}
