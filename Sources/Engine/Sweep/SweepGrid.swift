import Trace

/// The cartesian product of sweep axes in a fixed order: the first axis
/// varies slowest, the last fastest. Point i ↔ one value index per axis.
public struct SweepGrid: Sendable, Equatable {
  /// The axes, in `--vary` order.
  public var axes: [SweepAxis]
  /// The number of points: the product of the axes' value counts.
  public let count: Int

  /// The most points a grid may hold.
  public static let maxPoints = 1_000_000_000

  /// Creates a grid; refuses duplicate axes, empty axes and grids over
  /// ``maxPoints``.
  public init(axes: [SweepAxis], flag: String = "--vary") throws(LifeError) {
    var total = 1
    var seen: [SweepAxis.Name] = []
    for axis in axes {
      if seen.contains(axis.name) {
        throw LifeError.usage(
          flag, "axis varied twice", got: "'\(axis.name.rawValue)'", expected: "each name once")
      }
      seen.append(axis.name)
      guard !axis.values.isEmpty else {
        throw LifeError.usage(flag, "no values for \(axis.name.rawValue)")
      }
      let (product, overflow) = total.multipliedReportingOverflow(by: axis.values.count)
      guard !overflow, product <= Self.maxPoints else {
        throw LifeError.usage(
          flag, "sweep too large", got: "more than \(Self.maxPoints) points",
          expected: "fewer values, or --shard to spread it")
      }
      total = product
    }
    self.axes = axes
    self.count = total
  }

  /// The value index on each axis of point `index` (0 ≤ index < count).
  public func valueIndices(of index: Int) -> [Int] {
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
  public func index(of valueIndices: [Int]) -> Int {
    zip(axes, valueIndices).reduce(0) { $0 * $1.0.values.count + $1.1 }
  }

  /// Point `index`.
  public func point(_ index: Int) -> SweepPoint {
    let indices = valueIndices(of: index)
    return SweepPoint(
      index: index,
      values: zip(axes, indices).map { SweepPoint.Setting(name: $0.name, value: $0.values[$1]) })
  }
}
