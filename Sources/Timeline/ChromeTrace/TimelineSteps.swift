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
  package static func selected(_ selection: StepSelection, generate: Int) -> TimelineSteps {
    if selection.ranges == nil { return .all }
    return .only(selection.text) { step in selection.contains(step, of: generate) }
  }

  /// The steps `choice` names out of `generate`: every step, the
  /// automatic choice, or a selection.
  package static func chosen(_ choice: StepChoice, generate: Int) -> TimelineSteps {
    switch choice {
    case .automatic: return .automatic
    case .selection(let selection): return .selected(selection, generate: generate)
    }
  }
}
