import Foundation

/// Reads model files' headers: GGUF, safetensors, and sharded safetensors
/// through `model.safetensors.index.json`. Tensor data is never read.
package enum ModelFile {
  /// Reads `path`: a `.gguf` file, a `.safetensors` file, a
  /// `model.safetensors.index.json`, or a folder holding the index or
  /// `model.safetensors`. Other files are recognised by the GGUF magic.
  package static func load(path: String) throws(LifeError) -> ModelFileInfo {
    if FileInput.isDirectory(path) {
      let folder = path.hasSuffix("/") ? path : path + "/"
      for name in ["model.safetensors.index.json", "model.safetensors"]
      where FileManager.default.fileExists(atPath: folder + name) {
        return try load(path: folder + name)
      }
      throw LifeError.file(
        path, path: nil, "is a directory without safetensors weights",
        expected: "a folder holding model.safetensors or model.safetensors.index.json")
    }
    let lower = path.lowercased()
    if lower.hasSuffix(".gguf") { return try gguf(path: path) }
    if lower.hasSuffix(".safetensors") { return try safetensors(path: path) }
    if lower.hasSuffix(".json") { return try safetensorsIndex(path: path) }
    var reader = try HeaderReader.open(path: path, limit: 4)
    defer { reader.close() }
    if reader.size >= 4, Array(try reader.bytes(4, at: "header.magic")) == Array("GGUF".utf8) {
      return try gguf(path: path)
    }
    throw LifeError.file(
      path, path: nil, "not a model file",
      expected: "a .gguf file, a .safetensors file or model.safetensors.index.json")
  }

  /// A GGUF file: its header, the model it describes, its tensors.
  package static func gguf(path: String) throws(LifeError) -> ModelFileInfo {
    let header = try GGUFHeader.read(path: path)
    let meta = GGUFMetadata(header: header, file: path)
    if let splits = try meta.int("split.count", min: 0, max: Int.max), splits > 1 {
      throw meta.error(
        "split.count", "split GGUF files are not supported", got: String(splits),
        expected: "one file (merge the parts into one first, with llama.cpp's gguf-split tool)")
    }
    let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    let config = try ModelConfig.derived(from: header, file: path, name: name)
    let fileType = try meta.int("general.file_type", min: 0, max: Int.max).flatMap(
      GGUFFileType.name)
    return ModelFileInfo(
      path: path, format: .gguf(version: header.version), config: config,
      tensors: header.tensors.map(ModelTensor.init), fileType: fileType, gguf: header)
  }

  /// One safetensors file.
  package static func safetensors(path: String) throws(LifeError) -> ModelFileInfo {
    let header = try SafetensorsHeader.read(path: path)
    return ModelFileInfo(
      path: path, format: .safetensors, config: nil,
      tensors: modelTensors(header.tensors), fileType: nil, gguf: nil)
  }

  /// `model.safetensors.index.json` and its shards.
  package static func safetensorsIndex(path: String) throws(LifeError) -> ModelFileInfo {
    let index = try SafetensorsIndex.read(path: path)
    return ModelFileInfo(
      path: path, format: .safetensorsIndex(shards: index.shards.count), config: nil,
      tensors: modelTensors(index.entries.map(\.tensor)), fileType: nil, gguf: nil)
  }

  private static func modelTensors(_ tensors: [SafetensorsTensor]) -> [ModelTensor] {
    let gemmaNorms = tensors.contains { $0.name.contains("pre_feedforward_layernorm") }
    return tensors.map { ModelTensor($0, gemmaNorms: gemmaNorms) }
  }
}
