/// One operator of one pass: what it computes and what it moves, with no
/// notion of hardware. The unit of the op trace.
///
/// Records are plain values of numbers and small enums so that millions of
/// them can stream from the workload model to the engine without allocation;
/// the human-readable ``name``, ``shapeText`` and ``dtypeText`` are built on
/// demand.
public struct OpRecord: Sendable, Equatable {
  /// The pass this operator belongs to.
  public var phase: Phase
  /// 0 in prefill; the 1-based decode step otherwise.
  public var step: Int
  /// The prefill chunk (0-based); 0 in decode.
  public var chunk: Int
  /// The decoder layer, or -1 for operators outside the layers (embedding,
  /// final norm, LM head).
  public var layer: Int
  /// Which operator of the layer or model this is (its name without the
  /// layer prefix).
  public var site: OpSite
  /// The operator kind.
  public var kind: OpKind
  /// Up to four shape dimensions, meaning per kind: GEMM `[m, k, n]`, BMM
  /// `[b, m, k, n]`, elementwise / norm / softmax `[rows, cols]`.
  public var shape: OpShape
  /// The dtype of the input activations (or of the data, for data movement).
  public var inputType: DType
  /// How the weights are stored, as plain bits (see ``weightType``).
  @usableFromInline var weight: WeightCode
  /// The dtype the arithmetic runs in: the key into a device's `peak_tops`.
  public var computeType: DType
  /// Ideal operations (a multiply-add is 2).
  public var ops: Double
  /// Operations after padding dynamic shapes to the tile (equal to ``ops``
  /// when no tile is set).
  public var opsPadded: Double
  /// Bytes read.
  public var read: BytesRead
  /// Bytes written.
  public var written: BytesWritten
  /// Kernel dispatches this operator costs (0 when fused into its
  /// neighbour's kernel).
  public var dispatchCalls: Int

  /// Creates a record.
  public init(
    phase: Phase, step: Int, chunk: Int = 0, layer: Int, site: OpSite, kind: OpKind,
    shape: OpShape, inputType: DType, weightType: WeightStorage = .none, computeType: DType,
    ops: Double, opsPadded: Double? = nil, read: BytesRead, written: BytesWritten,
    dispatchCalls: Int
  ) {
    self.phase = phase
    self.step = step
    self.chunk = chunk
    self.layer = layer
    self.site = site
    self.kind = kind
    self.shape = shape
    self.inputType = inputType
    self.weight = WeightCode(weightType)
    self.computeType = computeType
    self.ops = ops
    self.opsPadded = opsPadded ?? ops
    self.read = read
    self.written = written
    self.dispatchCalls = dispatchCalls
  }

  /// Creates a record whose weight storage is already coded (the hot path:
  /// no format lookup).
  init(
    phase: Phase, step: Int, chunk: Int, layer: Int, site: OpSite, kind: OpKind,
    shape: OpShape, inputType: DType, weight: WeightCode, computeType: DType,
    ops: Double, opsPadded: Double, read: BytesRead, written: BytesWritten,
    dispatchCalls: Int
  ) {
    self.phase = phase
    self.step = step
    self.chunk = chunk
    self.layer = layer
    self.site = site
    self.kind = kind
    self.shape = shape
    self.inputType = inputType
    self.weight = weight
    self.computeType = computeType
    self.ops = ops
    self.opsPadded = opsPadded
    self.read = read
    self.written = written
    self.dispatchCalls = dispatchCalls
  }

  /// The dtype the weights or second operand are stored in.
  public var weightType: WeightStorage {
    get { weight.storage }
    set { weight = WeightCode(newValue) }
  }

  /// Whether the weights are in a quantized format, with values to
  /// dequantize (GGUF's F16 and BF16 are not): a fast check, no format
  /// lookup.
  @inlinable public var hasQuantizedWeights: Bool {
    if case .quantized(_, let plainValues) = weight { return !plainValues }
    return false
  }

  /// All bytes moved: read plus written.
  public var bytes: Double { read.total + written.total }

  /// The operator's full name, e.g. `layers.3.self_attn.q_proj` or `lm_head`.
  public var name: String {
    layer >= 0 ? "layers.\(layer).\(site.rawValue)" : site.rawValue
  }
}

/// Up to four dimensions of an operator's shape; unused ones are 0.
public struct OpShape: Sendable, Equatable {
  /// The dimensions, in the order documented for the operator kind.
  public var d0: Int, d1: Int, d2: Int, d3: Int

  /// Creates a shape from up to four dimensions.
  public init(_ d0: Int, _ d1: Int = 0, _ d2: Int = 0, _ d3: Int = 0) {
    self.d0 = d0
    self.d1 = d1
    self.d2 = d2
    self.d3 = d3
  }

  /// The dimensions that are set.
  public var dims: [Int] { [d0, d1, d2, d3].filter { $0 != 0 } }

  /// `[m, k, n]`-style text.
  public var text: String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }
}

/// How an operator's second operand (its weights) is stored.
public enum WeightStorage: Sendable, Equatable {
  /// No weights (elementwise, softmax, attention BMM).
  case none
  /// A plain dtype.
  case plain(DType)
  /// A quantized weight format (group quantization, MX, GGUF).
  case quantized(WeightFormat)

  /// Display text: `bf16`, `int4:g128`, `Q4_K_M`, or `-`.
  public var text: String {
    switch self {
    case .none: return "-"
    case .plain(let d): return d.rawValue
    case .quantized(let f): return f.name
    }
  }
}
