/// A model under an operating condition: the producer of the op trace.
///
/// ```swift
/// let workload = try Workload(model: model, options: options)
/// var totals = WorkloadTotals()
/// workload.run(into: &totals)
/// ```
public struct Workload: Sendable {
  /// The model, after any `--attention` conversion.
  public let model: ModelConfig
  /// The options as given.
  public let options: WorkloadOptions
  /// The floating dtype activations are stored in between operators (the
  /// `--activations` dtype, or the config's when that is an integer type).
  public let activationType: DType
  /// The dtype GEMM and BMM inputs are in (`--activations`; integer types are
  /// quantized on the fly).
  public let matmulInputType: DType
  /// The KV-cache dtype.
  public let kvType: DType
  /// The weight storage of every Linear, resolved against the activations;
  /// with ``storedWeights``, the file's label (`Q4_K_M`).
  public let weights: WorkloadOptions.WeightChoice
  /// The file's own storage of each Linear, used when `--weights` is not
  /// given (or names what the file holds).
  package let storedWeights: StoredWeights?
  /// How the software running the model shapes the traffic beyond the
  /// workload options (set by a runtime; standard by default).
  package let accounting: WorkloadAccounting

  /// Validates the options against the model and resolves defaults.
  public init(model: ModelConfig, options: WorkloadOptions) throws(LifeError) {
    try self.init(model: model, options: options, accounting: .standard)
  }

  /// Validates the options against the model and resolves defaults, with
  /// the accounting a runtime implies.
  package init(model: ModelConfig, options: WorkloadOptions, accounting: WorkloadAccounting)
    throws(LifeError)
  {
    var model = model
    let configType = model.torchDType ?? .bf16
    let activations = options.activations ?? configType
    let float = activations.isInteger ? (configType.isInteger ? .bf16 : configType) : activations
    activationType = float
    matmulInputType = activations
    kvType = options.kv ?? float
    let stored = model.storedWeights
    if let stored, options.weights == nil || options.weights == stored.label {
      storedWeights = stored
    } else {
      storedWeights = nil
    }
    switch options.weights ?? stored?.label ?? .plain(configType) {
    case .plain(let d): weights = .plain(d)
    case .quantized(let f): weights = .quantized(f.resolved(activation: float))
    }
    let attention = ErrorLocation.option(.attention)
    switch options.attention {
    case .auto: break
    case .mha, .gqa, .mqa:
      guard model.mla == nil else {
        throw LifeError(
          .usage, at: attention, "the model already uses MLA", got: "'\(options.attention.text)'",
          expected: "auto")
      }
      let k: Int
      switch options.attention {
      case .gqa(let n): k = n
      case .mqa: k = 1
      default: k = model.heads
      }
      guard k >= 1, k <= model.heads, model.heads % k == 0 else {
        throw LifeError(
          .usage, at: attention, "KV heads must divide the attention heads",
          got: "'\(options.attention.text)'", expected: "gqa:K with K dividing \(model.heads)")
      }
      model.kvHeads = k
    case .mla:
      if model.mla == nil {
        // The paper's appendix 8.2 dims.
        model.mla = MLAConfig(
          qLoraRank: 128, kvLoraRank: 128, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128)
      }
    }
    if let chunk = options.chunk, chunk < 1 {
      throw LifeError(
        .usage, at: .option(.chunk), "out of range", got: "\(chunk)", expected: "≥ 1")
    }
    try Self.checkLimits(model: model, options: options)
    try Self.checkLimits(options)
    self.model = model
    self.options = options
    self.accounting = accounting
  }

  /// The most tokens in a run: (prompt + generate) × batch ≤ 2^40. Every
  /// count is a Double; shapes and token counts stay Ints, and within this
  /// limit and the config.json size limit (``ModelConfig/maxSize``, 2^24) no
  /// Int product of them can overflow (display shapes beyond it saturate).
  public static let maxTokens = 1 << 40

  static func checkLimits(_ options: WorkloadOptions) throws(LifeError) {
    let (prompt, o0) = options.depth.addingReportingOverflow(options.prompt)
    let (perSequence, o1) = prompt.addingReportingOverflow(options.generate)
    let (total, o2) = perSequence.multipliedReportingOverflow(by: options.batch)
    guard !o0, !o1, !o2, total <= maxTokens else {
      throw LifeError(
        .usage, at: .option(.prompt), "the run is beyond LIFE's token limit",
        got: "(\(options.depth) + \(options.prompt) + \(options.generate)) × \(options.batch)",
        expected: "(depth + prompt + generate) × batch ≤ 2^40 = \(maxTokens) tokens")
    }
  }

  /// Tokens per sequence in the cache at the end of the run: depth + prompt
  /// + generate.
  public var contextTokens: Int { options.depth + options.prompt + options.generate }

  /// The prefill passes in order: one, or one per chunk; none for a prompt
  /// of 0.
  public var prefillPasses: [PassInfo] {
    (0..<prefillPassCount).map { prefillPass(chunk: $0) }
  }

  /// Prompt tokens per prefill pass: the chunk, at most the prompt (0 for a
  /// prompt of 0); the last pass may have fewer.
  package var prefillChunkSize: Int { min(options.chunk ?? options.prompt, options.prompt) }

  /// How many prefill passes there are: ⌈prompt / chunk⌉, 0 for a prompt of
  /// 0.
  package var prefillPassCount: Int {
    let size = prefillChunkSize
    return size > 0 ? (options.prompt + size - 1) / size : 0
  }

  /// Prefill pass `i` (0-based, below ``prefillPassCount``), without listing
  /// the others.
  package func prefillPass(chunk i: Int) -> PassInfo {
    let size = prefillChunkSize
    return PassInfo(
      phase: .prefill, step: 0, chunk: i, chunks: prefillPassCount,
      newTokens: min(size, options.prompt - i * size), pastTokens: options.depth + i * size,
      batch: options.batch)
  }

  /// Decode step `step` (1-based, ≤ `options.generate`).
  public func decodePass(step: Int) -> PassInfo {
    PassInfo(
      phase: .decode, step: step, newTokens: 1,
      pastTokens: options.depth + options.prompt + step - 1, batch: options.batch)
  }

  /// Emits one pass: `beginPass`, its operators in execution order, `endPass`.
  ///
  /// Inlinable, like ``run(into:)``: the operators are built here into a
  /// plain array (``compactRecords(of:into:runs:)``) and handed to `sink` in
  /// the caller's module, where `S` is known, so the sink's `consume` is
  /// specialised rather than called through a witness table per operator.
  /// Runs of identical layers go to ``OpSink/consume(layers:repeating:)``.
  @inlinable
  public func emit<S: OpSink>(_ pass: PassInfo, into sink: inout S) {
    var buffer: [OpRecord] = []
    var runs: [LayerRun] = []
    emit(pass, into: &sink, buffer: &buffer, runs: &runs)
  }

  /// Emits every pass: prefill (or its chunks), then each decode step.
  @inlinable
  public func run<S: OpSink>(into sink: inout S) {
    var buffer: [OpRecord] = []
    var runs: [LayerRun] = []
    for pass in prefillPasses {
      emit(pass, into: &sink, buffer: &buffer, runs: &runs)
      if sink.isStopped { return }
    }
    if options.generate > 0 {
      for step in 1...options.generate {
        emit(decodePass(step: step), into: &sink, buffer: &buffer, runs: &runs)
        if sink.isStopped { return }
      }
    }
  }

  @inlinable
  func emit<S: OpSink>(
    _ pass: PassInfo, into sink: inout S, buffer: inout [OpRecord], runs: inout [LayerRun]
  ) {
    compactRecords(of: pass, into: &buffer, runs: &runs)
    sink.beginPass(pass)
    var i = 0
    for run in runs {
      while i < run.range.lowerBound {
        sink.consume(buffer[i])
        i += 1
      }
      sink.consume(layers: buffer[run.range], repeating: run.repeats)
      i = run.range.upperBound
    }
    while i < buffer.count {
      sink.consume(buffer[i])
      i += 1
    }
    sink.endPass(pass)
  }

  /// Replaces the contents of `records` with the operators of `pass`, in
  /// execution order (its capacity is kept, so a buffer reused across passes
  /// allocates once).
  package func records(of pass: PassInfo, into records: inout [OpRecord]) {
    var runs: [LayerRun] = []
    build(pass, into: &records, runs: &runs, compact: false)
  }

  /// Like ``records(of:into:)``, but each run of consecutive layers whose
  /// operators are identical apart from the layer index
  /// (``layersAlike(_:_:)``) is built once: `records` holds the first
  /// layer's operators and `runs` says where they are and how many layers
  /// repeat them. Expanding every run (the i-th repetition with `layer + i`)
  /// gives exactly ``records(of:into:)``.
  @usableFromInline package func compactRecords(
    of pass: PassInfo, into records: inout [OpRecord], runs: inout [LayerRun]
  ) {
    build(pass, into: &records, runs: &runs, compact: true)
  }

  func build(
    _ pass: PassInfo, into records: inout [OpRecord], runs: inout [LayerRun], compact: Bool
  ) {
    records.removeAll(keepingCapacity: true)
    runs.removeAll(keepingCapacity: true)
    var emitter = PassEmitter(workload: self, pass: pass, sink: RecordBuffer(records: records))
    records = []
    emitter.compact = compact
    emitter.runs = runs
    runs = []
    emitter.emitModel()
    records = emitter.sink.records
    runs = emitter.runs
  }

  /// Whether decoder layers `a` and `b` produce the same operators apart
  /// from the layer index: the same sliding window (which sets the keys
  /// attended to and the KV cache resident) and the same MLP (dense or
  /// mixture of experts). Everything else a layer's operators depend on is
  /// the same for every layer.
  package func layersAlike(_ a: Int, _ b: Int) -> Bool {
    guard window(layer: a) == window(layer: b) else { return false }
    if let classes = storedWeights?.layerClass, a < classes.count, b < classes.count,
      classes[a] != classes[b]
    {
      return false
    }
    if let moe = model.moe { return moe.isSparse(layer: a) == moe.isSparse(layer: b) }
    return true
  }
}

/// An ``OpSink`` that keeps the records of one pass.
struct RecordBuffer: OpSink {
  var records: [OpRecord]
  mutating func beginPass(_ pass: PassInfo) {}
  mutating func consume(_ record: OpRecord) { records.append(record) }
  mutating func endPass(_ pass: PassInfo) {}
}
