import Engine
import Foundation
import Trace

/// Which decode steps the timeline draws in detail (operators or layers).
/// The request slices, counters, summary and CSVs always cover every step;
/// the prefill is always drawn.
public struct TimelineSteps: Sendable {
  enum Rule: Sendable {
    case all
    case automatic
    case predicate(@Sendable (Int) -> Bool)
  }

  let rule: Rule
  /// How the selection was given, for the trace's metadata.
  public let text: String

  /// Every step.
  public static let all = TimelineSteps(rule: .all, text: "all")

  /// Every step while the trace stays within the event budget; otherwise the
  /// first steps, evenly spaced ones and the last. The default.
  public static let automatic = TimelineSteps(rule: .automatic, text: "auto")

  /// The steps (1-based) for which `predicate` is true; `text` describes
  /// them.
  public static func only(
    _ text: String, where predicate: @escaping @Sendable (_ step: Int) -> Bool
  ) -> TimelineSteps {
    TimelineSteps(rule: .predicate(predicate), text: text)
  }

  /// The steps a parsed selection (`all`, or a list such as
  /// `1-16,100,200,last`) names, out of `generate` steps.
  public static func selected(_ selection: StepSelection, generate: Int) -> TimelineSteps {
    if selection.ranges == nil { return .all }
    return .only(selection.text) { step in selection.contains(step, of: generate) }
  }

  /// Parses `all`, `auto`, or a comma-separated list of steps and ranges
  /// such as `1-16,100,200,last` (`last` is step `lastStep`; a range may end
  /// in `last`). Errors name `flag`.
  public static func parse(
    _ text: String, lastStep: Int, flag: String = "--trace-steps"
  ) throws(LifeError) -> TimelineSteps {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed == "auto" { return .automatic }
    guard let selection = StepSelection(trimmed) else {
      throw LifeError.usage(
        flag, "bad step list", got: "'\(text)'",
        expected: "all, auto, or steps and ranges such as 1-16,100,last")
    }
    return selected(selection, generate: lastStep)
  }
}
