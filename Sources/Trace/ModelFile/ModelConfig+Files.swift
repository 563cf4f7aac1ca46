import Foundation

/// Models from model files: a GGUF file, or a Hugging Face folder with its
/// safetensors headers.
extension ModelConfig {
  /// Whether `path` names a GGUF file: a `.gguf` name, or a file whose
  /// first bytes are the GGUF magic.
  static func isGGUF(path: String) -> Bool {
    if path.lowercased().hasSuffix(".gguf") { return true }
    guard !path.hasSuffix(".json"), !FileInput.isDirectory(path),
      let handle = FileHandle(forReadingAtPath: path)
    else { return false }
    defer { try? handle.close() }
    let magic = (try? handle.read(upToCount: 4)) ?? Data()
    return Array(magic) == Array("GGUF".utf8)
  }

  /// The model a GGUF file's header describes, with the file's own weights.
  package static func load(gguf path: String) throws(LifeError) -> ModelConfig {
    let info = try ModelFile.gguf(path: path)
    guard var config = info.config else {
      throw LifeError.file(path, path: nil, "describes no model", expected: "a GGUF model file")
    }
    config.storedWeights = try StoredWeights(file: info, model: config, scheme: nil)
    return config
  }

  /// A Hugging Face model folder: its config.json, with the weights of its
  /// safetensors headers (`model.safetensors`, or the index and its shards)
  /// when present, and its quantization (`quantization_config`, or ModelOpt's
  /// `hf_quant_config.json`).
  package static func load(folder: String, family: String? = nil) throws(LifeError)
    -> ModelConfig
  {
    let base = folder.hasSuffix("/") ? folder : folder + "/"
    let configPath = base + "config.json"
    guard FileInput.isDirectory(configPath) == false, (try? FileInput.readBytes(configPath)) != nil
    else {
      throw LifeError(
        .usage, at: .parameter(.model), "is a directory without a config.json",
        got: "'\(folder)'", expected: "a preset, a config.json path or a folder holding one")
    }
    let node = try JSONNode.load(file: configPath)
    let name = folder.split(separator: "/").last.map(String.init) ?? folder
    var config = try parse(node, name: name, family: family)
    var scheme = try QuantizationScheme.parse(config: node)
    let modelOpt = base + "hf_quant_config.json"
    if scheme == nil, FileManager.default.fileExists(atPath: modelOpt) {
      let parsed = try QuantizationScheme.parse(hfQuantConfig: try JSONNode.load(file: modelOpt))
      scheme = parsed
      config.storedWeights = StoredWeights(scheme: parsed, model: config)
    }
    let hasHeaders = ["model.safetensors.index.json", "model.safetensors"].contains {
      FileManager.default.fileExists(atPath: base + $0)
    }
    if hasHeaders {
      let info = try ModelFile.load(path: folder)
      config.storedWeights = try StoredWeights(file: info, model: config, scheme: scheme)
    }
    return config
  }
}
