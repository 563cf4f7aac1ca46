import Foundation

/// Absolute percentage errors summarised: count, median and 90th
/// percentile.
package struct ErrorSummary: Sendable, Equatable {
  /// Rows summarised.
  package var count: Int
  /// Median absolute error, percent.
  package var median: Double
  /// 90th-percentile absolute error, percent.
  package var p90: Double

  /// The summary of `errors` (absolute, percent); nil when empty.
  package init?(_ errors: [Double]) {
    guard !errors.isEmpty else { return nil }
    let sorted = errors.sorted()
    count = sorted.count
    median = ErrorSummary.percentile(sorted, 0.5)
    p90 = ErrorSummary.percentile(sorted, 0.9)
  }

  /// The `q` quantile of sorted `values`, interpolated linearly between
  /// neighbours (the (n − 1)·q rank).
  package static func percentile(_ sorted: [Double], _ q: Double) -> Double {
    guard let first = sorted.first else { return .nan }
    guard sorted.count > 1 else { return first }
    let rank = Double(sorted.count - 1) * min(max(q, 0), 1)
    let lo = Int(rank.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    let f = rank - Double(lo)
    return sorted[lo] + (sorted[hi] - sorted[lo]) * f
  }

  /// |forecast − measured| / measured, percent.
  package static func absolutePercent(forecast: Double, measured: Double) -> Double {
    abs(forecast - measured) / measured * 100
  }
}
