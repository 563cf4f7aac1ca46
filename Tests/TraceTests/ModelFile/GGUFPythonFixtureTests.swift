import Foundation
import LifeTestSupport
import Testing

@testable import Trace

/// GGUF files written by the `gguf` Python package (Fixtures/
/// write_gguf_fixtures.py), checked against what its own GGUFReader reports.
@Suite(
  .enabled(if: ExternalTools.runPythonGGUF, Comment(rawValue: ExternalTools.pythonGGUFSkipNote)))
struct GGUFPythonFixtureTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/write_gguf_fixtures.py").path

  /// Runs the script into a fresh directory; returns it and the manifest.
  func writeFixtures() throws -> (URL, JSONValue) {
    guard let python = ExternalTools.executable("python3") else {
      throw ExternalTools.ToolError(
        description: "python3 not found; \(ExternalTools.pythonGGUFSkipNote)")
    }
    let dir = try temporaryDirectory()
    let result = try ExternalTools.run(python, [Self.script, dir.path])
    guard result.status == 0 else {
      throw ExternalTools.ToolError(
        description: "write_gguf_fixtures.py failed (\(result.status)): \(result.err)")
    }
    let text = try String(
      contentsOf: dir.appendingPathComponent("manifest.json"), encoding: .utf8)
    return (dir, try JSONParser.parse(text, file: "manifest.json"))
  }

  @Test func pythonWrittenFiles() throws {
    let (dir, manifest) = try writeFixtures()
    defer { try? FileManager.default.removeItem(at: dir) }
    guard case .object(let files)? = manifest["files"] else {
      Issue.record("manifest without files")
      return
    }
    #expect(files.map(\.key) == ["llama-q4_k_m.gguf", "llama-q4_0.gguf", "moe.gguf"])
    var infos: [String: ModelFileInfo] = [:]
    for (name, expected) in files {
      let info = try ModelFile.load(path: dir.appendingPathComponent(name).path)
      try checkBytes(info, against: expected, file: name)
      infos[name] = info
    }
    try checkQ4KM(try #require(infos["llama-q4_k_m.gguf"]))
    try checkQ40(try #require(infos["llama-q4_0.gguf"]))
    try checkMoE(try #require(infos["moe.gguf"]))
  }

  /// Every tensor's name, type, dims, elements, bytes and data offset, and
  /// the data section's start, as the gguf package's reader gives them.
  func checkBytes(_ info: ModelFileInfo, against expected: JSONValue, file: String) throws {
    let header = try #require(info.gguf)
    #expect(header.dataOffset == expected["data_offset"]?.intValue, "\(file)")
    #expect(header.fileSize == expected["size"]?.intValue, "\(file)")
    let tensors = expected["tensors"]?.arrayValue ?? []
    #expect(header.tensors.count == tensors.count, "\(file)")
    var total = 0
    for (i, (ours, theirs)) in zip(header.tensors, tensors).enumerated() {
      let label = "\(file): \(ours.name)"
      #expect(ours.name == theirs["name"]?.stringValue, "\(label)")
      #expect(ours.type.name == theirs["type"]?.stringValue, "\(label)")
      #expect(
        ours.dimensions == (theirs["dims"]?.arrayValue ?? []).compactMap(\.intValue), "\(label)")
      #expect(ours.elements == theirs["elements"]?.intValue, "\(label)")
      #expect(ours.bytes == theirs["bytes"]?.intValue, "\(label)")
      #expect(info.tensors[i].bytes == ours.bytes, "\(label)")
      #expect(header.dataOffset + ours.offset == theirs["data_offset"]?.intValue, "\(label)")
      total += theirs["bytes"]?.intValue ?? 0
    }
    #expect(info.totalBytes == total, "\(file)")
  }

  func checkQ4KM(_ info: ModelFileInfo) throws {
    let m = try #require(info.config)
    #expect(m.family == "llama" && m.layers == 4 && m.hidden == 256 && m.heads == 4)
    #expect(m.kvHeads == 2 && m.headDim == 64 && m.intermediate == 512 && m.vocab == 128)
    #expect(m.maxPositions == 2048 && !m.tiedEmbeddings && m.moe == nil)
    #expect(info.fileType == "Q4_K_M")
    // Q4_K: token_embd (32,768 elements), per layer q, k, o, gate, up
    // (425,984), and attn_v / ffn_down of layers 0 and 1 (2 × 163,840):
    // 2,064,384 elements / 256 × 144 = 1,161,216 bytes in 25 tensors.
    // Q6_K: attn_v / ffn_down of layers 2 and 3 and the output: 360,448 / 256
    // × 210 = 295,680 bytes in 5. F32: 9 norms of 256 = 9,216 bytes.
    let mix = info.typeMix
    #expect(mix.map(\.type.name) == ["Q4_K", "Q6_K", "F32"])
    #expect(mix.map(\.tensors) == [25, 5, 9])
    #expect(mix.map(\.bytes) == [1_161_216, 295_680, 9_216])
    #expect(info.typeMixDescription == "Q4_K: 25 tensors, Q6_K: 5, F32: 9")
    let v = info.tensors(role: .attnV).map(\.type.name)
    #expect(v == ["Q4_K", "Q4_K", "Q6_K", "Q6_K"])
    #expect(info.tensors(role: .output).map(\.type.name) == ["Q6_K"])
    // One metadata value of every type, as GGUFWriter wrote them.
    let header = try #require(info.gguf)
    let values: [(String, GGUFValue)] = [
      ("test.uint8", .uint8(200)), ("test.int8", .int8(-100)), ("test.uint16", .uint16(60_000)),
      ("test.int16", .int16(-30_000)), ("test.uint32", .uint32(4_000_000_000)),
      ("test.int32", .int32(-2_000_000_000)), ("test.float32", .float32(1.5)),
      ("test.bool", .bool(true)), ("test.string", .string("héllo")),
      ("test.uint64", .uint64(UInt64.max)), ("test.int64", .int64(Int64.min)),
      ("test.float64", .float64(-0.25)),
      ("test.nested", .array(.array([.int32([1, 2]), .int32([3])]))),
      ("general.file_type", .uint32(15)), ("general.architecture", .string("llama")),
    ]
    for (key, value) in values { #expect(header[key] == value, "\(key)") }
    #expect(header["tokenizer.ggml.tokens"]?.array?.count == 128)
    #expect(header["tokenizer.ggml.scores"]?.array?.elementType == .float32)
  }

  func checkQ40(_ info: ModelFileInfo) throws {
    let m = try #require(info.config)
    #expect(m.layers == 2 && m.vocab == 128 && !m.tiedEmbeddings)
    #expect(info.fileType == "Q4_0")
    // Q4_0: token_embd 32,768 + 2 layers × 589,824 = 1,212,416 elements / 32
    // × 18 = 681,984 bytes; Q6_K output 32,768 / 256 × 210 = 26,880; 5 F32 norms.
    #expect(info.typeMix.map(\.type.name) == ["Q4_0", "Q6_K", "F32"])
    #expect(info.typeMix.map(\.bytes) == [681_984, 26_880, 5_120])
    #expect(info.typeMixDescription == "Q4_0: 15 tensors, Q6_K: 1, F32: 5")
  }

  func checkMoE(_ info: ModelFileInfo) throws {
    let m = try #require(info.config)
    #expect(m.family == "mixtral" && m.layers == 2)
    #expect(m.moe == MoEConfig(experts: 4, topK: 2, expertIntermediate: 256))
    let gate = info.tensors(role: .ffnGateExperts)
    // 4 experts × 256 × 256 = 262,144 elements: Q4_K 147,456 bytes.
    #expect(gate.map(\.shape) == [[4, 256, 256], [4, 256, 256]])
    #expect(gate.map(\.bytes) == [147_456, 147_456])
    // ffn_down_exps in Q6_K: 262,144 / 256 × 210 = 215,040.
    #expect(info.tensors(role: .ffnDownExperts).map(\.bytes) == [215_040, 215_040])
    #expect(info.tensors(role: .router).map(\.shape) == [[4, 256], [4, 256]])
    let roles = info.roles.map(\.role)
    #expect(roles.contains(.ffnUpExperts) && !roles.contains(.ffnGate))
  }

  @Test func typeTableMatchesThePythonPackage() throws {
    let (dir, manifest) = try writeFixtures()
    defer { try? FileManager.default.removeItem(at: dir) }
    guard case .object(let sizes)? = manifest["quant_sizes"] else {
      Issue.record("manifest without quant_sizes")
      return
    }
    #expect(sizes.count >= 30)
    for (name, entry) in sizes {
      let values = entry.arrayValue.compactMap(\.intValue)
      let type = try #require(GGMLType(name: name), "\(name)")
      #expect(values.count == 3 && Int(type.rawValue) == values[0], "\(name)")
      #expect(type.blockSize == values[1], "\(name)")
      if name == "Q8_1" {
        // gguf-py still lists the old float d and s (4 + 4 + 32 = 40);
        // ggml's block_q8_1 holds two ggml_half: 2 + 2 + 32 = 36.
        #expect(type.blockBytes == 36)
      } else {
        #expect(type.blockBytes == values[2], "\(name)")
      }
    }
  }
}
