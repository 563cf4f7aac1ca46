import Foundation
import Testing

@testable import Trace

@Suite struct ModelConfigTests {
  @Test func presetsMatchShippedFiles() throws {
    // Tests run from the package root.
    for name in ModelPresets.names {
      let path = "traces/models/\(name)/config.json"
      let file = try String(contentsOfFile: path, encoding: .utf8)
      let preset = try #require(ModelPresets.json(named: name))
      #expect(
        file.trimmingCharacters(in: .whitespacesAndNewlines)
          == preset.trimmingCharacters(in: .whitespacesAndNewlines), "\(name)")
      _ = try ModelConfig.preset(named: name)
    }
  }

  @Test func llama2Parameters() throws {
    let m = try llama2()
    #expect(m.headDim == 128 && m.kvHeads == 32 && m.torchDType == .fp16)
    // 32·(4·4096² + 3·4096·11008 + 2·4096) + 2·32000·4096 + 4096 = 6,738,415,616.
    #expect(m.parameterCount == 6_738_415_616)
  }

  @Test func errorsNameFileAndField() throws {
    let missing = #"{"model_type": "llama", "hidden_size": 64}"#
    #expect(throws: LifeError.self) {
      try ModelConfig.parse(JSONNode.parse(missing, file: "x.json"), name: "x")
    }
    do {
      _ = try ModelConfig.parse(JSONNode.parse(missing, file: "x.json"), name: "x")
    } catch {
      #expect(
        error.description.contains("x.json") && error.description.contains("num_hidden_layers"))
    }
    let unknown = #"{"model_type": "gpt9"}"#
    do {
      _ = try ModelConfig.parse(JSONNode.parse(unknown, file: "y.json"), name: "y")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("model_type"))
    }
    let badHeads =
      #"{"model_type": "llama", "hidden_size": 64, "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 3, "vocab_size": 10, "intermediate_size": 8}"#
    #expect(throws: LifeError.self) {
      try ModelConfig.parse(JSONNode.parse(badHeads, file: "z.json"), name: "z")
    }
  }

  @Test func weightFormats() throws {
    #expect(WeightFormat.parse("Q4_0")?.bitsPerWeight == 4.5)
    #expect(WeightFormat.parse("q8_0")?.bitsPerWeight == 8.5)
    #expect(WeightFormat.parse("Q4_1")?.bitsPerWeight == 5)
    #expect(WeightFormat.parse("Q5_0")?.bitsPerWeight == 5.5)
    #expect(WeightFormat.parse("Q6_K")?.bitsPerWeight == 6.5625)
    #expect(close(WeightFormat.parse("Q4_K_M")?.bitsPerWeight ?? 0, 4.89))
    #expect(close(WeightFormat.parse("Q5_K_M")?.bitsPerWeight ?? 0, 5.70))
    // Q5_1: fp16 d and m, 4 B of high bits, 16 B of nibbles = 24 B / 32 = 6.0.
    #expect(WeightFormat.parse("Q5_1")?.bitsPerWeight == 6)
    // The other mixes, at llama.cpp's file averages (bits × 256 / 8 bytes
    // per 256-weight block, so bits per weight round-trip).
    for (name, bits) in [
      ("Q4_K_S", 4.67), ("Q5_K_S", 5.57), ("Q3_K_S", 3.64), ("Q3_K_M", 3.91), ("Q3_K_L", 4.30),
      ("Q2_K", 3.16), ("IQ4_XS", 4.46), ("IQ4_NL", 4.68),
    ] {
      #expect(close(WeightFormat.parse(name)?.bitsPerWeight ?? 0, bits), "\(name)")
      #expect(WeightFormat.parse(name.lowercased())?.name == name)
    }
    #expect(WeightFormat.parse("mxfp4")?.bitsPerWeight == 4.25)
    #expect(WeightFormat.parse("mxfp8")?.bitsPerWeight == 8.25)
    #expect(WeightFormat.parse("int8")?.bitsPerWeight == 8 + 16.0 / 128 + 8.0 / 128)
    #expect(WeightFormat.parse("int4:g64")?.bitsPerWeight == 4 + 16.0 / 64 + 4.0 / 64)
    #expect(WeightFormat.parse("int9:g64") == nil && WeightFormat.parse("nope") == nil)
  }
}
