/// Sums over the operators of one pass (or of the whole prefill).
package struct PassTotals: Sendable, Equatable {
  /// Ideal operations.
  package var ops: Double = 0
  /// Tile-padded operations.
  package var opsPadded: Double = 0
  /// Bytes read, split.
  package var read = BytesRead()
  /// Bytes written, split.
  package var written = BytesWritten()
  /// Kernel dispatches.
  package var dispatchCalls = 0
  /// Operations by kind, indexed by `OpKind.slot`.
  var kindOps = [Double](repeating: 0, count: OpKind.slotCount)
  /// Bytes read + written by kind, indexed by `OpKind.slot`.
  var kindBytes = [Double](repeating: 0, count: OpKind.slotCount)
  /// Bit `slot` is set when ``opsByKind`` has an entry for that kind.
  var kindOpsSeen: UInt32 = 0
  /// Bit `slot` is set when ``bytesByKind`` has an entry for that kind.
  var kindBytesSeen: UInt32 = 0

  /// Operations by kind (kinds seen only).
  package var opsByKind: [OpKind: Double] {
    get { Self.dictionary(kindOps, seen: kindOpsSeen) }
    set { (kindOps, kindOpsSeen) = Self.table(newValue) }
  }

  /// Bytes read + written by kind (kinds seen only).
  package var bytesByKind: [OpKind: Double] {
    get { Self.dictionary(kindBytes, seen: kindBytesSeen) }
    set { (kindBytes, kindBytesSeen) = Self.table(newValue) }
  }

  /// Empty totals.
  package init() {}

  /// Adds one record.
  package mutating func add(_ r: OpRecord) {
    ops += r.ops
    opsPadded += r.opsPadded
    read += r.read
    written += r.written
    dispatchCalls += r.dispatchCalls
    let slot = r.kind.slot
    kindOps[slot] += r.ops
    kindBytes[slot] += r.bytes
    let bit: UInt32 = 1 << UInt32(slot)
    kindOpsSeen |= bit
    kindBytesSeen |= bit
  }

  /// Adds `count` repetitions of `layer`'s records, in that order: the same
  /// additions as `count` passes of ``add(_:)-(OpRecord)`` over them, with
  /// the sums held in locals.
  package mutating func add(layer: ArraySlice<OpRecord>, repeating count: Int) {
    guard count > 0 else { return }
    var seen: UInt32 = 0
    for r in layer { seen |= 1 << UInt32(r.kind.slot) }
    kindOpsSeen |= seen
    kindBytesSeen |= seen
    var ops = self.ops
    var opsPadded = self.opsPadded
    var read = self.read
    var written = self.written
    var calls = dispatchCalls
    // Through buffer pointers: fields are read in place, records not copied.
    kindOps.withUnsafeMutableBufferPointer { kindOps in
      kindBytes.withUnsafeMutableBufferPointer { kindBytes in
        layer.withUnsafeBufferPointer { records in
          for _ in 0..<count {
            for j in 0..<records.count {
              ops += records[j].ops
              opsPadded += records[j].opsPadded
              read += records[j].read
              written += records[j].written
              calls += records[j].dispatchCalls
              let slot = records[j].kind.slot
              kindOps[slot] += records[j].ops
              kindBytes[slot] += records[j].bytes
            }
          }
        }
      }
    }
    self.ops = ops
    self.opsPadded = opsPadded
    self.read = read
    self.written = written
    dispatchCalls = calls
  }

  /// Adds another pass's totals.
  package mutating func add(_ other: PassTotals) {
    ops += other.ops
    opsPadded += other.opsPadded
    read += other.read
    written += other.written
    dispatchCalls += other.dispatchCalls
    for slot in 0..<OpKind.slotCount {
      let bit: UInt32 = 1 << UInt32(slot)
      if other.kindOpsSeen & bit != 0 { kindOps[slot] += other.kindOps[slot] }
      if other.kindBytesSeen & bit != 0 { kindBytes[slot] += other.kindBytes[slot] }
    }
    kindOpsSeen |= other.kindOpsSeen
    kindBytesSeen |= other.kindBytesSeen
  }

  static func dictionary(_ values: [Double], seen: UInt32) -> [OpKind: Double] {
    var out: [OpKind: Double] = [:]
    for kind in OpKind.allCases where seen & (1 << UInt32(kind.slot)) != 0 {
      out[kind] = values[kind.slot]
    }
    return out
  }

  static func table(_ values: [OpKind: Double]) -> ([Double], UInt32) {
    var table = [Double](repeating: 0, count: OpKind.slotCount)
    var seen: UInt32 = 0
    for (kind, value) in values {
      table[kind.slot] = value
      seen |= 1 << UInt32(kind.slot)
    }
    return (table, seen)
  }
}

/// The totals of one decode step.
package struct StepTotals: Sendable, Equatable {
  /// The 1-based step.
  package var step: Int
  /// Keys attended to: prompt + step.
  package var kvLength: Int
  /// The sums.
  package var totals: PassTotals
}
