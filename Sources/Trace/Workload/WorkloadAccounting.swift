/// How the software running a model shapes its traffic beyond the workload
/// options: what a runtime knows about its own kernels (llama.cpp keeps
/// unfused attention scores in F32 and attends over a cache padded to 256
/// cells). The standard accounting changes nothing.
package struct WorkloadAccounting: Sendable, Equatable, Hashable {
  /// The dtype of the attention scores an unfused attention writes and
  /// reads back; nil: the activation dtype.
  package var scoreType: DType?
  /// Attention covers the cache padded up to a multiple of this many cells
  /// (masked cells are still read and multiplied); nil: exactly the keys.
  package var kvPadding: Int?

  /// Creates an accounting.
  package init(scoreType: DType? = nil, kvPadding: Int? = nil) {
    self.scoreType = scoreType
    self.kvPadding = kvPadding
  }

  /// No change to the workload options' accounting.
  package static let standard = WorkloadAccounting()
}
