import Foundation
import Testing

@testable import Trace

@Suite struct ModelFileTests {
  typealias T = GGUFBuilder.Tensor

  /// A 2-layer llama (hidden 256, FFN 512, 4 heads / 2 KV heads, vocab 100)
  /// in the Q4_K_M mix: Q4_K everywhere, Q6_K for layer 0's attn_v and
  /// ffn_down and for the output, F32 norms.
  static let tensors: [T] = {
    var t = [T("token_embd.weight", [256, 100], .q4_K), T("output_norm.weight", [256], .f32)]
    for i in 0..<2 {
      let p = "blk.\(i)."
      t += [
        T(p + "attn_norm.weight", [256], .f32), T(p + "attn_q.weight", [256, 256], .q4_K),
        T(p + "attn_k.weight", [256, 128], .q4_K),
        T(p + "attn_v.weight", [256, 128], i == 0 ? .q6_K : .q4_K),
        T(p + "attn_output.weight", [256, 256], .q4_K), T(p + "ffn_norm.weight", [256], .f32),
        T(p + "ffn_gate.weight", [256, 512], .q4_K), T(p + "ffn_up.weight", [256, 512], .q4_K),
        T(p + "ffn_down.weight", [512, 256], i == 0 ? .q6_K : .q4_K),
      ]
    }
    return t + [T("output.weight", [256, 100], .q6_K)]
  }()

  static let metadata: [(String, GGUFValue)] = [
    ("general.architecture", .string("llama")), ("general.name", .string("Tiny")),
    ("general.file_type", .uint32(15)), ("llama.block_count", .uint32(2)),
    ("llama.context_length", .uint32(4096)), ("llama.embedding_length", .uint32(256)),
    ("llama.feed_forward_length", .uint32(512)), ("llama.attention.head_count", .uint32(4)),
    ("llama.attention.head_count_kv", .uint32(2)), ("llama.rope.dimension_count", .uint32(64)),
  ]

  func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func ggufFileGivesModelTensorsAndMix() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try write(
      GGUFBuilder.file(metadata: Self.metadata, tensors: Self.tensors), "tiny-Q4_K_M.gguf", in: dir)
    let info = try ModelFile.load(path: path)
    #expect(info.format == .gguf(version: 3) && info.fileType == "Q4_K_M")
    let config = try #require(info.config)
    #expect(config.name == "tiny-Q4_K_M" && config.layers == 2 && config.vocab == 100)
    #expect(!config.tiedEmbeddings && config.headDim == 64 && config.kvHeads == 2)
    // Q4_K: embedding 25,600 + per layer q 65,536, k 32,768, o 65,536, gate
    // and up 131,072 each, + layer 1's v 32,768 and down 131,072 elements.
    let q4k = 25_600 + 2 * (65_536 + 32_768 + 65_536 + 2 * 131_072) + 32_768 + 131_072
    // Q6_K: layer 0's v and down, and the output (25,600).
    let q6k = 32_768 + 131_072 + 25_600
    let mix = info.typeMix
    #expect(mix.map(\.type) == [.ggml(.q4_K), .ggml(.q6_K), .ggml(.f32)])
    #expect(mix.map(\.tensors) == [13, 3, 5])
    #expect(mix[0].elements == q4k && mix[0].bytes == q4k / 256 * 144)
    #expect(mix[1].elements == q6k && mix[1].bytes == q6k / 256 * 210)
    #expect(mix[2].bytes == 5 * 256 * 4)
    #expect(info.typeMixDescription == "Q4_K: 13 tensors, Q6_K: 3, F32: 5")
    #expect(info.totalBytes == mix.reduce(0) { $0 + $1.bytes })
    // By role: attn_v is one Q6_K and one Q4_K tensor of 32,768 elements each.
    let v = try #require(info.roles.first { $0.role == .attnV })
    #expect(v.tensors == 2 && v.bytes == 32_768 / 256 * 210 + 32_768 / 256 * 144)
    #expect(v.types.map(\.type) == [.ggml(.q6_K), .ggml(.q4_K)])
    #expect(info.roles.first?.role == .tokenEmbedding)
    let down = info.tensors(role: .ffnDown)
    #expect(down.map(\.shape) == [[256, 512], [256, 512]] && down.map(\.layer) == [0, 1])
    #expect(info.gguf?["general.name"] == .string("Tiny"))
  }

  @Test func recognisesGGUFWithoutTheSuffix() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try write(
      GGUFBuilder.file(metadata: Self.metadata, tensors: Self.tensors), "model.bin", in: dir)
    #expect(try ModelFile.load(path: path).config?.layers == 2)
    let text = try write(Array("hello".utf8), "notes.txt", in: dir)
    #expect(throws: LifeError.self) { _ = try ModelFile.load(path: text) }
    do {
      _ = try ModelFile.load(path: dir.path)
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "is a directory without safetensors weights")
    }
  }

  @Test func splitFilesAreRefused() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try write(
      GGUFBuilder.file(
        metadata: Self.metadata + [("split.count", .uint16(3))], tensors: Self.tensors),
      "m-00001-of-00003.gguf", in: dir)
    do {
      _ = try ModelFile.load(path: path)
      Issue.record("expected an error")
    } catch {
      #expect(error.location.path == "metadata.split.count")
      #expect(error.message == "split GGUF files are not supported")
    }
  }

  @Test func safetensorsFolder() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = """
      {"model.layers.0.pre_feedforward_layernorm.weight": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
       "model.layers.0.post_attention_layernorm.weight": {"dtype": "F32", "shape": [4], "data_offsets": [16, 32]}}
      """
    _ = try write(safetensorsFile(json, data: 32), "model.safetensors", in: dir)
    let info = try ModelFile.load(path: dir.path)
    #expect(info.format == .safetensors && info.config == nil)
    #expect(info.tensors.map(\.role) == [.ffnNorm, .attnPostNorm])
    #expect(info.tensors.map(\.type) == [.safetensors(.f32), .safetensors(.f32)])
  }
}
