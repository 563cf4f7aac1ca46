/// The kind of model file read.
package enum ModelFileFormat: Sendable, Equatable {
  /// A GGUF file of this version.
  case gguf(version: Int)
  /// One safetensors file.
  case safetensors
  /// `model.safetensors.index.json` and this many shards.
  case safetensorsIndex(shards: Int)
}

extension ModelFileFormat: CustomStringConvertible {
  /// `GGUF v3`, `safetensors`, `safetensors, 4 shards`.
  package var description: String {
    switch self {
    case .gguf(let version): return "GGUF v\(version)"
    case .safetensors: return "safetensors"
    case .safetensorsIndex(let shards):
      return "safetensors, \(shards) shard" + (shards == 1 ? "" : "s")
    }
  }
}
