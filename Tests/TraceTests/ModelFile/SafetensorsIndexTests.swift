import Foundation
import Testing

@testable import Trace

@Suite struct SafetensorsIndexTests {
  /// Two shards and an index mapping three tensors across them.
  func writeCheckpoint(_ dir: URL, weightMap: String? = nil) throws {
    let shard1 = """
      {"model.embed_tokens.weight": {"dtype": "BF16", "shape": [8, 4], "data_offsets": [0, 64]},
       "model.layers.0.self_attn.q_proj.weight": {"dtype": "BF16", "shape": [4, 4], "data_offsets": [64, 96]}}
      """
    let shard2 = """
      {"lm_head.weight": {"dtype": "F32", "shape": [8, 4], "data_offsets": [0, 128]},
       "unlisted": {"dtype": "U8", "shape": [2], "data_offsets": [128, 130]}}
      """
    try Data(safetensorsFile(shard1, data: 96)).write(
      to: dir.appendingPathComponent("model-00001-of-00002.safetensors"))
    try Data(safetensorsFile(shard2, data: 130)).write(
      to: dir.appendingPathComponent("model-00002-of-00002.safetensors"))
    let map =
      weightMap ?? """
        {"model.embed_tokens.weight": "model-00001-of-00002.safetensors",
         "model.layers.0.self_attn.q_proj.weight": "model-00001-of-00002.safetensors",
         "lm_head.weight": "model-00002-of-00002.safetensors"}
        """
    try #"{"metadata": {"total_size": 224}, "weight_map": "#.appending(map + "}").write(
      to: dir.appendingPathComponent("model.safetensors.index.json"), atomically: true,
      encoding: .utf8)
  }

  @Test func readsEveryShardHeader() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try writeCheckpoint(dir)
    let index = try SafetensorsIndex.read(
      path: dir.appendingPathComponent("model.safetensors.index.json").path)
    #expect(
      index.shards.map(\.name) == [
        "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
      ])
    #expect(
      index.entries.map(\.tensor.name) == [
        "model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight", "lm_head.weight",
      ])
    #expect(index.entries.map(\.shard) == [0, 0, 1])
    // 64 + 32 + 128 bytes; the unlisted tensor is left out.
    #expect(index.entries.reduce(0) { $0 + $1.tensor.bytes } == 224)
    #expect(index.declaredTotalSize == 224)

    let info = try ModelFile.load(path: dir.path)
    #expect(info.format == .safetensorsIndex(shards: 2) && info.config == nil)
    #expect(info.totalBytes == 224)
    #expect(info.tensors.map(\.role) == [.tokenEmbedding, .attnQ, .output])
    #expect(info.typeMixDescription == "F32: 1 tensor, BF16: 2")
  }

  @Test func missingShardsAndTensorsAreErrors() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let indexPath = dir.appendingPathComponent("model.safetensors.index.json").path
    try writeCheckpoint(dir, weightMap: #"{"lm_head.weight": "model-00009.safetensors"}"#)
    #expect(
      throws: LifeError.file(dir.path + "/model-00009.safetensors", path: nil, "no such file")
    ) {
      _ = try SafetensorsIndex.read(path: indexPath)
    }
    try writeCheckpoint(dir, weightMap: #"{"nope": "model-00002-of-00002.safetensors"}"#)
    do {
      _ = try SafetensorsIndex.read(path: indexPath)
      Issue.record("expected an error")
    } catch {
      #expect(
        error.location.path == "weight_map.nope" && error.message == "tensor not in its shard")
    }
    try writeCheckpoint(dir, weightMap: "{}")
    #expect(throws: LifeError.self) { _ = try SafetensorsIndex.read(path: indexPath) }
  }
}
