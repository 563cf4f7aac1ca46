/// The kind of model file read.
package enum ModelFileFormat: Sendable, Equatable {
  /// A GGUF file of this version.
  case gguf(version: Int)
  /// One safetensors file.
  case safetensors
  /// `model.safetensors.index.json` and this many shards.
  case safetensorsIndex(shards: Int)
}
