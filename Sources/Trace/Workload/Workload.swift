/// A model under an operating condition: the producer of the op trace.
///
/// ```swift
/// let workload = try Workload(model: model, options: options)
/// var totals = WorkloadTotals()
/// workload.run(into: &totals)
/// ```
public struct Workload: Sendable {
  /// The model.
  public let model: ModelConfig
  /// The options as given.
  public let options: WorkloadOptions

  /// Validates the options against the model.
  public init(model: ModelConfig, options: WorkloadOptions) throws(LifeError) {
    self.model = model
    self.options = options
  }

  /// The prefill passes in order: one, or one per chunk; none for a prompt
  /// of 0.
  public var prefillPasses: [PassInfo] { [] }

  /// Decode step `step` (1-based, ≤ `options.generate`).
  public func decodePass(step: Int) -> PassInfo {
    PassInfo(
      phase: .decode, step: step, newTokens: 1, pastTokens: options.prompt + step - 1,
      batch: options.batch)
  }

  /// Emits one pass: `beginPass`, its operators in execution order, `endPass`.
  public func emit<S: OpSink>(_ pass: PassInfo, into sink: inout S) {
    sink.beginPass(pass)
    sink.endPass(pass)
  }

  /// Emits every pass: prefill (or its chunks), then each decode step.
  public func run<S: OpSink>(into sink: inout S) {
    for pass in prefillPasses { emit(pass, into: &sink) }
    if options.generate > 0 {
      for step in 1...options.generate { emit(decodePass(step: step), into: &sink) }
    }
  }
}
