/// `life compare RUN_DIR... --out DIR`: put finished runs side by side.
struct CompareRequest: Sendable, Equatable {
  /// The run directories (each written by `life simulate`), in order.
  var runs: [String]
  /// The output directory.
  var out: String
}
