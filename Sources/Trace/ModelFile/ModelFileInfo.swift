/// What a model file holds, from its header alone: the format, the model
/// (derived from GGUF metadata; a safetensors checkpoint leaves it to its
/// config.json), and every tensor with its role, type, shape and exact bytes.
package struct ModelFileInfo: Sendable, Equatable {
  /// The path as the user gave it.
  package var path: String
  /// The format.
  package var format: ModelFileFormat
  /// The model, for GGUF files.
  package var config: ModelConfig?
  /// Every tensor, in file order (for an index, in `weight_map` order).
  package var tensors: [ModelTensor]
  /// llama.cpp's name for `general.file_type` (`Q4_K_M`), when the file
  /// gives a known one.
  package var fileType: String?
  /// The GGUF header (metadata and tensor infos), for GGUF files.
  package var gguf: GGUFHeader?

  /// Bytes of all tensor data.
  package var totalBytes: Int { tensors.reduce(0) { $0 + $1.bytes } }

  /// Elements of all tensors (parameters).
  package var totalElements: Int { tensors.reduce(0) { $0 + $1.elements } }

  /// The tensors of `role`.
  package func tensors(role: TensorRole) -> [ModelTensor] { tensors.filter { $0.role == role } }
}
