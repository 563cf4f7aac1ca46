/// What a weight choice stores: the one place that turns a plain dtype or a
/// quantized format into the bytes a Linear reads.
extension WorkloadOptions.WeightChoice {
  /// The storage a record carries.
  package var storage: WeightStorage {
    switch self {
    case .plain(let d): return .plain(d)
    case .quantized(let f): return .quantized(f)
    }
  }

  /// The quantized format, or nil for a plain dtype.
  package var quantizedFormat: WeightFormat? {
    if case .quantized(let f) = self { return f }
    return nil
  }

  /// Bytes of the values alone per weight (a GEMM's weight read; scales and
  /// zeros belong to the dequantization).
  package var valueBytesPerWeight: Double {
    switch self {
    case .plain(let d): return d.bytes
    case .quantized(let f): return f.valueBits / 8
    }
  }

  /// Bytes per weight as stored, scales and zeros included.
  package var bytesPerWeight: Double {
    switch self {
    case .plain(let d): return d.bytes
    case .quantized(let f): return f.bitsPerWeight / 8
    }
  }
}
