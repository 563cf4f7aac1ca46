import Foundation
import Trace

/// A quantity `life calibrate --fit` can fit.
package enum CalibrationParameter: String, Sendable, CaseIterable, Equatable {
  /// The global compute efficiency (fraction of peak TOPS).
  case compute
  /// The global memory efficiency (fraction of peak bandwidth).
  case memory
  /// The dispatch latency per kernel call, in microseconds.
  case dispatch
  /// A compute-efficiency curve over tokens per pass (one knot per distinct
  /// prefill token count, or log2-spaced knots when there are many).
  case computeCurve = "compute-curve"

  /// The default `--fit`: compute, memory and dispatch.
  package static let defaultFit: [CalibrationParameter] = [.compute, .memory, .dispatch]

  /// Parses a list such as `compute,memory,dispatch`: the one parser of
  /// `--fit`. Errors are at ``RunParameter/fit`` and suggest a close
  /// spelling.
  package static func parseList(_ text: String) throws(LifeError) -> [CalibrationParameter] {
    let fit = InputOrigin.parameter(.fit)
    let names = allCases.map(\.rawValue)
    var result: [CalibrationParameter] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let name = part.trimmingCharacters(in: .whitespaces).lowercased()
      guard let p = CalibrationParameter(rawValue: name) else {
        throw LifeError.usage(
          fit, "invalid value '\(name)'", got: "'\(text)'",
          expected: "a comma-separated list of " + names.joined(separator: ", "),
          suggestion: DidYouMean.suggest(name, among: names))
      }
      if result.contains(p) {
        throw LifeError.usage(
          fit, "'\(name)' is listed twice", got: "'\(text)'",
          expected: "a comma-separated list of " + names.joined(separator: ", "))
      }
      result.append(p)
    }
    if result.contains(.compute) && result.contains(.computeCurve) {
      throw LifeError.usage(
        fit,
        "compute and compute-curve cannot both be fitted: the curve replaces the global"
          + " compute efficiency", got: "'\(text)'", expected: "one of them")
    }
    return result
  }
}
