import Foundation
import LifeTestSupport
import Testing
import Trace

/// `--model` with real model files: GGUF files written by the `gguf` Python
/// package, and Hugging Face folders with safetensors headers written here.
/// Every byte count is checked against the file's own tensor sizes.
@Suite(.serialized) struct ModelFileCommandTests {
  static let fixtureScript =
    LifeBinary.packageRoot.appendingPathComponent(
      "Tests/TraceTests/ModelFile/Fixtures/write_gguf_fixtures.py"
    ).path

  static func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "life-modelfile-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func json(_ r: LifeBinary.Result) throws -> JSONNode {
    try JSONNode.parse(r.out, file: "stdout")
  }

  @Test(
    .enabled(if: ExternalTools.runPythonGGUF, Comment(rawValue: ExternalTools.pythonGGUFSkipNote)))
  func ggufFilesAreForecastWithTheirOwnBytes() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let python = try #require(ExternalTools.executable("python3"))
    let written = try ExternalTools.run(python, [Self.fixtureScript, dir.path])
    try #require(written.status == 0, "\(written.err)")
    let manifest = try JSONNode.load(file: dir.appendingPathComponent("manifest.json").path)
    let expected: [(file: String, weights: String)] = [
      ("llama-q4_k_m.gguf", "Q4_K_M"), ("llama-q4_0.gguf", "Q4_0"), ("moe.gguf", "Q4_K_M"),
    ]
    for (file, weights) in expected {
      let path = dir.appendingPathComponent(file).path
      var total = 0
      for tensor in try manifest.required("files").required(file).required("tensors").items() {
        total += try tensor.required("bytes").int()
      }
      let r = try LifeBinary.run([
        "forecast", "--model", path, "--device", "rtx-4090", "--prompt", "256", "--generate",
        "4", "--json",
      ])
      try #require(r.code == 0, "\(r)")
      let root = try Self.json(r)
      #expect(try root.required("footprint").required("weights_bytes").double() == Double(total))
      let info = try root.required("model").required("weights_file")
      #expect(try info.required("bytes").int() == total, "\(file)")
      #expect(try info.required("path").string() == path)
      #expect(try root.required("options").required("weights").string() == weights, "\(file)")
      // GGUF weights select llama.cpp on the device's backend.
      #expect(try root.required("runtime").string() == "llama.cpp-cuda")
      #expect(try root.required("verify_command").string().contains("-m \(path) "))
    }
    // The text says what the file holds.
    let text = try LifeBinary.run([
      "forecast", "--model", dir.appendingPathComponent("llama-q4_k_m.gguf").path, "--device",
      "rtx-4090", "--prompt", "64", "--generate", "2",
    ])
    #expect(text.code == 0, "\(text)")
    #expect(text.out.contains("weights     Q4_K_M (llama-q4_k_m.gguf, GGUF v3): Q4_K: "))
    // `workload` costs the same bytes.
    let workload = try LifeBinary.run([
      "workload", "--model", dir.appendingPathComponent("llama-q4_0.gguf").path, "--prompt",
      "16", "--json",
    ])
    #expect(workload.code == 0, "\(workload)")
    let q40 = try dir.appendingPathComponent("llama-q4_0.gguf").resourceValues(
      forKeys: [.fileSizeKey])
    let footprint = try Self.json(workload).required("footprint").required("weights_bytes")
    #expect(try footprint.double() < Double(q40.fileSize ?? 0))
    // A given --weights replaces the file's and says so.
    let replaced = try LifeBinary.run([
      "forecast", "--model", dir.appendingPathComponent("llama-q4_0.gguf").path, "--device",
      "rtx-4090", "--weights", "Q8_0", "--prompt", "64", "--generate", "2",
    ])
    #expect(replaced.code == 0 && replaced.err.contains("every Linear is costed as Q8_0"))
  }

  /// A tiny Llama: hidden 64, 4 heads of 16, 2 KV heads, MLP 128, 2 layers,
  /// vocabulary 256.
  static let config = """
    {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 64,
     "intermediate_size": 128, "num_attention_heads": 4, "num_key_value_heads": 2,
     "num_hidden_layers": 2, "vocab_size": 256, "max_position_embeddings": 2048,
     "torch_dtype": "bfloat16", "tie_word_embeddings": false%@}
    """

  /// Writes a safetensors file: the 8-byte header length, the header, then
  /// the tensors' data (zeros, as a sparse file).
  static func writeSafetensors(_ tensors: [(String, String, [Int], Int)], to url: URL) throws {
    var offset = 0
    var entries: [String] = []
    for (name, dtype, shape, bytes) in tensors {
      let dims = shape.map(String.init).joined(separator: ",")
      entries.append(
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":[\(dims)],\"data_offsets\":[\(offset),\(offset + bytes)]}"
      )
      offset += bytes
    }
    var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
    while header.count % 8 != 0 { header.append(0x20) }
    var bytes: [UInt8] = []
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes += header
    FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: UInt64(bytes.count + offset))
    try handle.close()
  }

  /// The tiny Llama's tensors in bf16, or with AWQ-packed Linears.
  static func tensors(awq: Bool) -> [(String, String, [Int], Int)] {
    var out: [(String, String, [Int], Int)] = [
      ("model.embed_tokens.weight", "BF16", [256, 64], 256 * 64 * 2),
      ("model.norm.weight", "BF16", [64], 128),
      ("lm_head.weight", "BF16", [256, 64], 256 * 64 * 2),
    ]
    let linears: [(String, Int, Int)] = [
      ("self_attn.q_proj", 64, 64), ("self_attn.k_proj", 64, 32), ("self_attn.v_proj", 64, 32),
      ("self_attn.o_proj", 64, 64), ("mlp.gate_proj", 64, 128), ("mlp.up_proj", 64, 128),
      ("mlp.down_proj", 128, 64),
    ]
    for l in 0..<2 {
      let p = "model.layers.\(l)."
      out.append((p + "input_layernorm.weight", "BF16", [64], 128))
      out.append((p + "post_attention_layernorm.weight", "BF16", [64], 128))
      for (name, k, n) in linears {
        if awq {
          // AutoAWQ GEMM: qweight [k, n/8] int32, scales [k/32, n] fp16,
          // qzeros [k/32, n/8] int32 (group 32).
          out.append((p + name + ".qweight", "I32", [k, n / 8], k * n / 2))
          out.append((p + name + ".scales", "F16", [k / 32, n], k / 32 * n * 2))
          out.append((p + name + ".qzeros", "I32", [k / 32, n / 8], k / 32 * n / 2))
        } else {
          out.append((p + name + ".weight", "BF16", [n, k], n * k * 2))
        }
      }
    }
    return out
  }

  @Test func aHuggingFaceFolderIsForecastWithItsHeadersBytes() throws {
    for awq in [false, true] {
      let dir = try Self.scratch()
      defer { try? FileManager.default.removeItem(at: dir) }
      let quantization =
        awq
        ? #", "quantization_config": {"quant_method": "awq", "bits": 4, "group_size": 32, "zero_point": true, "version": "gemm"}"#
        : ""
      try Self.config.replacingOccurrences(of: "%@", with: quantization).write(
        to: dir.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
      let tensors = Self.tensors(awq: awq)
      try Self.writeSafetensors(tensors, to: dir.appendingPathComponent("model.safetensors"))
      let total = tensors.reduce(0) { $0 + $1.3 }
      let r = try LifeBinary.run([
        "forecast", "--model", dir.path, "--device", "rtx-4090", "--prompt", "128", "--generate",
        "2", "--json",
      ])
      try #require(r.code == 0, "\(r)")
      let root = try Self.json(r)
      #expect(try root.required("footprint").required("weights_bytes").double() == Double(total))
      let info = try root.required("model").required("weights_file")
      #expect(try info.required("source").string() == "model.safetensors, safetensors")
      // AWQ with groups of 32: 4 + (16 + 4) / 32 = 4.625 bits per weight.
      #expect(
        try root.required("options").required("weights").string()
          == (awq ? "awq-int4:g32" : "bf16"))
      #expect(try root.required("runtime").string() == "ideal")
    }
  }

  @Test func aQuantizationConfigAloneSetsTheFormat() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let quantization =
      #", "quantization_config": {"quant_method": "gptq", "bits": 4, "group_size": 128, "sym": true}"#
    let path = dir.appendingPathComponent("config.json")
    try Self.config.replacingOccurrences(of: "%@", with: quantization).write(
      to: path, atomically: true, encoding: .utf8)
    let r = try LifeBinary.run(["workload", "--model", path.path, "--prompt", "16", "--json"])
    try #require(r.code == 0, "\(r)")
    let root = try Self.json(r)
    #expect(try root.required("options").required("weights").string() == "gptq-int4:g128")
    // No header gives exact bytes: `bytes` is null and no tensor was counted.
    let info = try root.required("model").required("weights_file")
    #expect(try info.optional("bytes") == nil)
    #expect(try info.required("tensors").int() == 0)
  }

  @Test func badModelFilesAreClearErrors() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A GGUF header cut short after its tensor count.
    let cut = dir.appendingPathComponent("cut.gguf")
    var bytes = Array("GGUF".utf8) + [3, 0, 0, 0]
    bytes += [1, 0, 0, 0, 0, 0, 0, 0]
    FileManager.default.createFile(atPath: cut.path, contents: Data(bytes))
    let r = try LifeBinary.run(["workload", "--model", cut.path, "--prompt", "8"])
    #expect(r.code == 1, "\(r)")
    #expect(r.err.hasPrefix("error: \(cut.path)"), "\(r.err)")
    // A header claiming 2^40 tensors ends where the bytes do, allocating nothing for them.
    let absurd = dir.appendingPathComponent("absurd.gguf")
    bytes =
      Array("GGUF".utf8) + [3, 0, 0, 0] + [0, 0, 0, 0, 0, 1, 0, 0] + [0, 0, 0, 0, 0, 0, 0, 0]
    FileManager.default.createFile(atPath: absurd.path, contents: Data(bytes))
    let a = try LifeBinary.run(["workload", "--model", absurd.path, "--prompt", "8"])
    #expect(a.code == 1 && a.err.contains(absurd.path), "\(a)")
    // Packed values with no quantization_config to say their bits.
    let folder = dir.appendingPathComponent("packed")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Self.config.replacingOccurrences(of: "%@", with: "").write(
      to: folder.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
    try Self.writeSafetensors(
      Self.tensors(awq: true), to: folder.appendingPathComponent("model.safetensors"))
    let p = try LifeBinary.run(["workload", "--model", folder.path, "--prompt", "8"])
    #expect(p.code == 1 && p.err.contains("quantization_config"), "\(p)")
    // A folder with no config.json is a usage error.
    let empty = dir.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let e = try LifeBinary.run(["workload", "--model", empty.path, "--prompt", "8"])
    #expect(e.code == 2 && e.err.contains("without a config.json"), "\(e)")
  }
}
