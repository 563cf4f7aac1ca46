import Trace

/// What the next pass on a lane needs to know about the passes before it:
/// the device the last operator ran on (a pass that starts elsewhere hands
/// off first), the last pass's phase, the activations its last operator
/// wrote (what a hand-off copies) and the KV cache resident after it (what
/// a prefill → decode hand-off over a link copies too). A fresh lane has
/// run nothing.
package struct LaneState: Sendable, Equatable {
  /// Device index of the last operator; -1 before any.
  package var lastDevice: Int
  /// The last pass's phase; nil before any.
  package var lastPhase: Phase?
  /// Activation bytes the last operator wrote.
  package var lastWrittenActivations: Double
  /// KV-cache bytes resident after the last pass.
  package var kvResident: Double

  /// A lane state.
  package init(
    lastDevice: Int = -1, lastPhase: Phase? = nil, lastWrittenActivations: Double = 0,
    kvResident: Double = 0
  ) {
    self.lastDevice = lastDevice
    self.lastPhase = lastPhase
    self.lastWrittenActivations = lastWrittenActivations
    self.kvResident = kvResident
  }
}
