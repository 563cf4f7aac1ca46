/// Consecutive decoder layers of a pass whose operators are identical apart
/// from the layer index: the records of the first of them, as a range of a
/// pass's compact record buffer (``Workload/compactRecords(of:into:runs:)``),
/// and how many layers repeat them.
@usableFromInline package struct LayerRun: Sendable, Equatable {
  /// The first layer's records in the buffer.
  @usableFromInline package var range: Range<Int>
  /// Layers in the run (≥ 2).
  @usableFromInline package var repeats: Int

  /// Creates a run.
  @usableFromInline package init(range: Range<Int>, repeats: Int) {
    self.range = range
    self.repeats = repeats
  }
}
