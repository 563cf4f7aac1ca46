/// Receives an op trace as it is produced, one pass at a time. Nothing
/// requires the whole trace in memory: producers call ``beginPass(_:)``, then
/// ``consume(_:)`` for each operator of the pass in execution order, then
/// ``endPass(_:)``.
public protocol OpSink {
  /// A pass starts.
  mutating func beginPass(_ pass: PassInfo)
  /// One operator of the current pass.
  mutating func consume(_ record: OpRecord)
  /// The pass ends.
  mutating func endPass(_ pass: PassInfo)
}
