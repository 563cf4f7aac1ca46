import Trace

/// The cartesian product of sweep axes in a fixed order: the first axis
/// varies slowest, the last fastest. Point i ↔ one value index per axis.
package struct SweepGrid: Sendable, Equatable {
  /// The axes, in `--vary` order.
  package var axes: [SweepAxis]
  /// The number of points: the product of the axes' value counts.
  package let count: Int

  /// The most points a grid may hold.
  package static let maxPoints = 1_000_000_000

  /// The most points one run forecasts: a larger grid runs in shards
  /// (``SweepShard``), each within this.
  package static let maxPointsPerRun = 1_000_000

  /// Creates a grid; refuses duplicate axes, empty axes and grids over
  /// ``maxPoints``.
  package init(axes: [SweepAxis]) throws(LifeError) {
    var total = 1
    var seen: [SweepAxis.Name] = []
    for axis in axes {
      if seen.contains(axis.name) {
        throw LifeError.usage(
          .sweepAxis(axis.name.name), "varied twice", expected: "each axis once")
      }
      seen.append(axis.name)
      guard !axis.values.isEmpty else {
        throw LifeError.usage(.sweepAxis(axis.name.name), "no values")
      }
      let (product, overflow) = total.multipliedReportingOverflow(by: axis.values.count)
      guard !overflow, product <= Self.maxPoints else {
        throw LifeError.usage(
          .parameter(.vary), "the grid is too large",
          got: overflow ? "more than \(Int.max) points" : "\(product) points",
          expected: "at most \(Self.maxPoints) points in a grid")
      }
      total = product
    }
    self.axes = axes
    self.count = total
  }

  /// Checks that one run of `shard` (the whole grid when nil) forecasts at
  /// most ``maxPointsPerRun`` points; the error says how many shards would.
  package func checkRunSize(shard: SweepShard?) throws(LifeError) {
    let points = shard?.range(total: count).count ?? count
    guard points > Self.maxPointsPerRun else { return }
    let shards = (count + Self.maxPointsPerRun - 1) / Self.maxPointsPerRun
    throw LifeError.usage(
      shard == nil ? .parameter(.vary) : .parameter(.shard), "too many points for one run",
      got: "\(points) of \(count) points",
      expected:
        "at most \(Self.maxPointsPerRun) per run: split the grid into \(shards) shards or more")
  }

  /// The value index on each axis of point `index` (0 ≤ index < count).
  package func valueIndices(of index: Int) -> [Int] {
    var rest = index
    var indices = [Int](repeating: 0, count: axes.count)
    for k in stride(from: axes.count - 1, through: 0, by: -1) {
      let n = axes[k].values.count
      indices[k] = rest % n
      rest /= n
    }
    return indices
  }

  /// The point index of one value index per axis.
  package func index(of valueIndices: [Int]) -> Int {
    zip(axes, valueIndices).reduce(0) { $0 * $1.0.values.count + $1.1 }
  }

  /// Point `index`.
  package func point(_ index: Int) -> SweepPoint {
    let indices = valueIndices(of: index)
    return SweepPoint(
      index: index,
      values: zip(axes, indices).map { SweepPoint.Setting(name: $0.name, value: $0.values[$1]) })
  }
}
