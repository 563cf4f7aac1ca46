import Foundation
import Trace

/// `--shard I/N`: the I-th (1-based) of N disjoint contiguous slices of a
/// grid. Slice I holds points ⌊(I−1)·total/N⌋ ..< ⌊I·total/N⌋, so the N
/// slices cover the grid exactly once.
package struct SweepShard: Sendable, Equatable {
  /// 1-based slice number.
  package var index: Int
  /// Number of slices.
  package var count: Int

  /// Creates a shard; refuses I outside 1...N or N < 1.
  package init(index: Int, count: Int) throws(LifeError) {
    guard count >= 1, index >= 1, index <= count else {
      throw LifeError.usage(
        .parameter(.shard), "shard out of range", got: "'\(index)/\(count)'",
        expected: "I/N with 1 ≤ I ≤ N")
    }
    self.index = index
    self.count = count
  }

  /// Parses `I/N`.
  package static func parse(_ text: String) throws(LifeError) -> SweepShard {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard parts.count == 2, case .success(let i) = NumberText.integer(parts[0]),
      case .success(let n) = NumberText.integer(parts[1])
    else {
      throw LifeError.usage(
        .parameter(.shard), "not a shard", got: "'\(text)'", expected: "I/N, e.g. 3/8")
    }
    return try SweepShard(index: i, count: n)
  }

  /// The point indices of this slice of a grid of `total` points.
  package func range(total: Int) -> Range<Int> {
    let t = Int64(total)
    let lo = Int((Int64(index - 1) * t) / Int64(count))
    let hi = Int((Int64(index) * t) / Int64(count))
    return lo..<hi
  }
}
