/// One tensor of a model file, as the workload needs it: its role, its
/// storage type, its shape and its exact bytes.
package struct ModelTensor: Sendable, Equatable {
  /// The name as the file gives it.
  package var name: String
  /// How its data is stored.
  package var type: TensorType
  /// Its shape, outermost first (PyTorch order: a Linear's weight is
  /// [out, in]); GGUF's innermost-first dimensions are reversed.
  package var shape: [Int]
  /// Elements: the product of the shape.
  package var elements: Int
  /// Exact bytes of its data.
  package var bytes: Int
  /// What it is for.
  package var role: TensorRole
  /// The decoder layer, if it belongs to one.
  package var layer: Int?
  /// The expert, when the file stores one tensor per expert.
  package var expert: Int?
  /// Whether it is a bias (`.bias`) rather than a weight.
  package var isBias: Bool
  /// Whether it holds a quantized Linear's scales or zero points rather than
  /// its values.
  package var isCompanion: Bool = false
}

extension ModelTensor {
  /// A GGUF tensor info.
  init(_ info: GGUFTensorInfo) {
    let parsed = TensorRole.parse(gguf: info.name)
    self.init(
      name: info.name, type: .ggml(info.type), shape: info.shape, elements: info.elements,
      bytes: info.bytes, role: parsed.role, layer: parsed.layer, expert: parsed.expert,
      isBias: parsed.isBias)
  }

  /// A safetensors tensor; `gemmaNorms` as in ``TensorRole/parse(huggingFace:gemmaNorms:)``.
  init(_ tensor: SafetensorsTensor, gemmaNorms: Bool) {
    let parsed = TensorRole.parse(huggingFace: tensor.name, gemmaNorms: gemmaNorms)
    self.init(
      name: tensor.name, type: .safetensors(tensor.dtype), shape: tensor.shape,
      elements: tensor.elements, bytes: tensor.bytes, role: parsed.role, layer: parsed.layer,
      expert: parsed.expert, isBias: parsed.isBias, isCompanion: parsed.isCompanion)
  }
}
