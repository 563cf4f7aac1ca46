/// Builds the operators of one pass and hands them to a sink. Internal: the
/// library surface is ``Workload/emit(_:into:)``.
struct PassEmitter<S: OpSink> {
  let w: Workload
  let pass: PassInfo
  var sink: S
  /// The current layer (-1 outside the layers).
  var layer = -1
  /// The workload's quantized format and its code, looked up once per pass.
  let quantized: (format: WeightFormat, code: WeightCode)?
  /// Build each run of alike layers once (``Workload/layersAlike(_:_:)``),
  /// recording it in ``runs``.
  var compact = false
  /// The runs of alike layers built once (when ``compact``).
  var runs: [LayerRun] = []
  /// Records handed to the sink so far.
  var count = 0
  /// Rows of this pass: Σ new tokens × sequences over its groups.
  let rows: Int
  /// ``rows`` as a Double.
  let tokenRows: Double
  /// Distinct positions whose RoPE tables the pass reads: the new tokens of
  /// each group (sequences of one group share their positions).
  let positions: Double

  init(workload: Workload, pass: PassInfo, sink: S) {
    self.w = workload
    self.pass = pass
    self.sink = sink
    rows = pass.rows
    tokenRows = pass.tokensProcessed
    positions = pass.sequences.reduce(0) { $0 + Double($1.newTokens) }
    if case .quantized(let f) = workload.weights {
      quantized = (f, WeightCode(.quantized(f)))
    } else {
      quantized = nil
    }
  }

  var model: ModelConfig { w.model }
  var fused: Bool { w.options.fusion == .fused }
  var a: Double { w.activationType.bytes }
  var act: DType { w.activationType }
  var nonlinear: WorkloadOptions.Nonlinear { w.options.nonlinear }

  /// Hands one record to the sink.
  mutating func add(
    _ site: OpSite, _ kind: OpKind, _ shape: OpShape, _ cost: OpCost, dispatch: Int,
    weight: WeightStorage = .none, compute: DType? = nil, input: DType? = nil,
    code known: WeightCode? = nil
  ) {
    let code: WeightCode
    if let known {
      code = known
    } else {
      switch weight {
      case .none: code = .none
      case .plain(let d): code = .plain(d)
      case .quantized(let f):
        if let quantized, quantized.format == f {
          code = quantized.code
        } else {
          code = WeightCode(weight)
        }
      }
    }
    count += 1
    sink.consume(
      OpRecord(
        phase: pass.phase, step: pass.step, chunk: pass.chunk, layer: layer, site: site, kind: kind,
        shape: shape, inputType: input ?? act, weight: code, computeType: compute ?? act,
        ops: cost.ops, opsPadded: cost.opsPadded, read: cost.read, written: cost.written,
        dispatchCalls: dispatch))
  }

  /// Dispatches of an operator that is its own kernel in eager mode and is
  /// folded into a neighbour when fused.
  func eagerOnly() -> Int { fused ? 0 : 1 }

  /// A Linear `[m, k] × [k, n]` with everything that rides on it: on-the-fly
  /// activation quantization, weight dequantization and LoRA (records of
  /// their own kinds with no dispatch of their own, except an eager
  /// quantize), and the GEMM. `copies` scales the weights read (MoE experts
  /// touched); `readInput`/`writeOutput` drop activation traffic that a
  /// fusion keeps on chip; `dispatch` is the GEMM's own count; `groups`
  /// independent products with weights of their own (MLA's per-head
  /// absorbed matrices) scale everything.
  mutating func linear(
    _ site: OpSite, m: Int, k: Int, n: Int, bias: Bool = false, kind: OpKind = .gemm,
    copies: Double = 1, plainWeights: Bool = false, readInput: Bool = true,
    writeOutput: Bool = true, dispatch: Int = 1, lora: Bool = false, groups: Int = 1
  ) {
    let input = w.matmulInputType
    let integerInput = input.isInteger
    let g = Double(groups)
    if integerInput && readInput {
      add(
        site, .quantize, OpShape(m, k),
        Dequantize.quantize(elements: product(m, k) * g, from: act, to: input),
        dispatch: eagerOnly(), compute: act)
    }
    let stored = plainWeights ? nil : w.storedWeights?.entry(layer: layer, site: site)
    let choice = plainWeights ? .plain(act) : stored?.choice ?? w.weights
    let storage = choice.storage
    let valueBytes = choice.valueBytesPerWeight
    let format = choice.quantizedFormat
    let code = stored?.code
    var cost = Linear.cost(
      m: m, k: k, n: n, bias: bias, activationBytes: integerInput ? input.bytes : a,
      weightBytesPerElement: valueBytes, outputBytes: a)
    cost.read.weights *= copies
    if groups != 1 { cost = cost.scaled(by: g) }
    if !readInput { cost.read.activations = 0 }
    if !writeOutput { cost.written.activations = 0 }
    let compute: DType = integerInput ? input : act
    add(
      site, kind, OpShape(m, k, n), cost, dispatch: dispatch, weight: storage, compute: compute,
      input: integerInput ? input : act, code: code)
    if let format, format.dequantOpsPerWeight > 0 || format.overheadBytesPerWeight > 0 {
      var d = Dequantize.weights(k: k, n: n, format: format).scaled(by: g)
      d.ops *= copies
      d.opsPadded *= copies
      d.read.weights *= copies
      add(
        site, .dequantize, OpShape(k, n), d, dispatch: 0, weight: storage, compute: act,
        code: code)
    }
    if lora, let r = w.options.loraRank, w.options.loraMerge == .dynamic {
      add(
        site, .lora, OpShape(k, r, n), LoRALinear.perCall(k: k, n: n, rank: r, bytes: a),
        dispatch: 0, weight: .plain(act), compute: act)
    }
  }

  /// A norm over `rowCount × cols` (its own kernel in both modes).
  mutating func norm(
    _ site: OpSite, rowCount: Double, cols: Int, dispatch: Int = 1, bytes: Bool = true
  ) {
    var cost = Norm.cost(rows: rowCount, cols: cols, bytes: a)
    if !bytes { cost = OpCost(ops: cost.ops, read: BytesRead(weights: cost.read.weights)) }
    add(site, .norm, OpShape(safeInt(rowCount), cols), cost, dispatch: dispatch)
  }

  /// An online Hadamard transform of `vectors` vectors of length `size`
  /// (`--rotation hadamard`): its own kernel in eager mode; fused into the
  /// prologue of the GEMM or attention kernel that consumes it (no bytes of
  /// its own) otherwise.
  mutating func hadamard(_ site: OpSite, vectors: Double, size: Int) {
    guard w.options.rotation == .hadamard else { return }
    var cost = Hadamard.cost(vectors: vectors, size: size, bytes: a)
    if fused { cost = OpCost(ops: cost.ops) }
    add(site, .hadamard, OpShape(safeInt(vectors), size), cost, dispatch: eagerOnly())
  }

  /// A residual add over `rows × hidden`: its own kernel in eager mode;
  /// fused into the producing GEMM's epilogue (reads the residual, writes
  /// nothing extra) otherwise.
  mutating func residual(_ site: OpSite) {
    let elements = product(rows, model.hidden)
    var cost = Elementwise.cost(elements: elements, bytes: a)
    if fused { cost = OpCost(ops: elements, read: BytesRead(activations: elements * a)) }
    add(site, .elementwise, OpShape(rows, model.hidden), cost, dispatch: eagerOnly())
  }
}

/// `a × b` for display shapes, saturating at `Int.max` instead of trapping.
func saturating(_ a: Int, _ b: Int) -> Int {
  let (value, overflow) = a.multipliedReportingOverflow(by: b)
  return overflow ? Int.max : value
}

/// A Double count as an Int for display shapes, saturating instead of
/// trapping.
func safeInt(_ value: Double) -> Int {
  guard value.isFinite else { return 0 }
  return value >= 9.0e18 ? Int.max : Int(value)
}
