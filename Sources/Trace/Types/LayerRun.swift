/// Consecutive decoder layers of a pass whose operators are identical apart
/// from the layer index: the records of the first of them, as a range of a
/// pass's compact record buffer (``Workload/compactRecords(of:into:runs:)``),
/// and how many layers repeat them.
public struct LayerRun: Sendable, Equatable {
  /// The first layer's records in the buffer.
  public var range: Range<Int>
  /// Layers in the run (≥ 2).
  public var repeats: Int

  /// Creates a run.
  public init(range: Range<Int>, repeats: Int) {
    self.range = range
    self.repeats = repeats
  }
}
