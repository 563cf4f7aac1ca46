/// How a tensor's data is stored: a ggml type (GGUF) or a safetensors dtype.
package enum TensorType: Sendable, Hashable {
  case ggml(GGMLType)
  case safetensors(SafetensorsDType)

  /// The name as the file's own tools print it: `Q4_K`, `F32`, `BF16`.
  package var name: String {
    switch self {
    case .ggml(let t): return t.name
    case .safetensors(let d): return d.name
    }
  }

  /// Bits per element, block scales included.
  package var bitsPerWeight: Double {
    switch self {
    case .ggml(let t): return t.bitsPerWeight
    case .safetensors(let d): return Double(d.bits)
    }
  }
}
