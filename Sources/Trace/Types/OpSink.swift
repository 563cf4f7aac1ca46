/// Receives an op trace as it is produced, one pass at a time. Nothing
/// requires the whole trace in memory: producers call ``beginPass(_:)``, then
/// ``consume(_:)`` for each operator of the pass in execution order, then
/// ``endPass(_:)``.
///
/// Runs of decoder layers whose operators are identical apart from the layer
/// index may arrive through ``consume(layers:repeating:)`` instead: one
/// layer's records and how many layers repeat them. Its default
/// implementation expands them into ``consume(_:)`` calls, so a sink that
/// does not implement it sees exactly the per-operator stream.
public protocol OpSink {
  /// A pass starts.
  mutating func beginPass(_ pass: PassInfo)
  /// One operator of the current pass.
  mutating func consume(_ record: OpRecord)
  /// `count` consecutive decoder layers with the same operators: `layer`
  /// holds the first layer's records; the i-th repetition (0-based) is the
  /// same records with `layer` increased by i. Equivalent to `count` passes
  /// over `layer` through ``consume(_:)``, which is what the default does.
  mutating func consume(layers layer: ArraySlice<OpRecord>, repeating count: Int)
  /// The pass ends.
  mutating func endPass(_ pass: PassInfo)
  /// Whether the sink wants no more passes (its run failed): producers
  /// check after each pass and stop. False by default.
  var isStopped: Bool { get }
}

extension OpSink {
  /// Never stopped: every pass is wanted.
  public var isStopped: Bool { false }

  /// Expands the run into ``consume(_:)`` calls, layer by layer, in
  /// execution order.
  @inlinable
  public mutating func consume(layers layer: ArraySlice<OpRecord>, repeating count: Int) {
    consumeExpanded(layers: layer, repeating: count)
  }

  /// What the default ``consume(layers:repeating:)`` does; for sinks that
  /// implement it and fall back in some passes.
  @inlinable
  public mutating func consumeExpanded(layers layer: ArraySlice<OpRecord>, repeating count: Int) {
    guard count > 0 else { return }
    for i in 0..<count {
      for var record in layer {
        record.layer += i
        consume(record)
      }
    }
  }
}
