/// What one operator costs, hardware-agnostic: ideal and padded operations and
/// the bytes it moves. The operator functions in this folder return these; the
/// workload builder turns them into ``OpRecord``s.
package struct OpCost: Sendable, Equatable {
  /// Ideal operations (a multiply-add is 2).
  package var ops: Double
  /// Operations after padding dynamic shapes to a tile.
  package var opsPadded: Double
  /// Bytes read.
  package var read: BytesRead
  /// Bytes written.
  package var written: BytesWritten

  /// Creates a cost; `opsPadded` defaults to `ops`.
  package init(
    ops: Double, opsPadded: Double? = nil, read: BytesRead = BytesRead(),
    written: BytesWritten = BytesWritten()
  ) {
    self.ops = ops
    self.opsPadded = opsPadded ?? ops
    self.read = read
    self.written = written
  }

  /// No work.
  package static let zero = OpCost(ops: 0)

  /// The cost of `factor` identical copies (a grouped operator).
  package func scaled(by factor: Double) -> OpCost {
    OpCost(
      ops: ops * factor, opsPadded: opsPadded * factor,
      read: BytesRead(
        activations: read.activations * factor, weights: read.weights * factor, kv: read.kv * factor
      ),
      written: BytesWritten(activations: written.activations * factor, kv: written.kv * factor))
  }

  /// The sum of two costs.
  package static func + (lhs: OpCost, rhs: OpCost) -> OpCost {
    var r = lhs.read
    r += rhs.read
    var w = lhs.written
    w += rhs.written
    return OpCost(
      ops: lhs.ops + rhs.ops, opsPadded: lhs.opsPadded + rhs.opsPadded, read: r, written: w)
  }
}

/// Multiplies sizes as Doubles so no product of shapes can overflow `Int`.
@inline(__always) func product(_ values: Int...) -> Double {
  values.reduce(1.0) { $0 * Double($1) }
}
