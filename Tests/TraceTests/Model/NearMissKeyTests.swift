import Foundation
import Testing

@testable import Trace

/// Unknown config.json keys stay ignored, but one that looks like a
/// misspelt key LIFE reads (and that the config does not give) warns with
/// the key LIFE reads.
@Suite struct NearMissKeyTests {
  static let base: [(String, String)] = [
    ("model_type", "\"llama\""), ("hidden_size", "4096"), ("num_hidden_layers", "2"),
    ("num_attention_heads", "32"), ("num_key_value_heads", "8"), ("vocab_size", "1000"),
    ("intermediate_size", "11008"), ("max_position_embeddings", "4096"),
    ("torch_dtype", "\"bfloat16\""), ("tie_word_embeddings", "false"),
  ]

  static func config(
    replacing key: String?, with extra: (String, String)?, family: String = "llama"
  )
    throws -> ModelConfig
  {
    var members = base.filter { $0.0 != key }
    members = members.map { $0.0 == "model_type" ? ($0.0, "\"\(family)\"") : $0 }
    if let extra { members.append(extra) }
    let text = "{" + members.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    return try ModelConfig.parse(try JSONNode.parse(text, file: "config.json"), name: "m")
  }

  @Test(
    arguments: [
      ("num_key_value_heads", "num_key_value_head", "num_key_value_heads"),
      ("num_key_value_heads", "num_kv_heads", "num_key_value_heads"),
      ("num_key_value_heads", "n_kv_heads", "num_key_value_heads"),
      ("num_key_value_heads", "Num_Key_Value_Heads", "num_key_value_heads"),
      ("torch_dtype", "torch_dtyp", "torch_dtype"),
      ("max_position_embeddings", "max_position_embedding", "max_position_embeddings"),
      ("tie_word_embeddings", "tie_word_embedding", "tie_word_embeddings"),
      (nil, "headdim", "head_dim"),
    ] as [(String?, String, String)])
  func nearMissesWarn(_ replaced: String?, _ typo: String, _ suggestion: String) throws {
    let value = Self.base.first { $0.0 == replaced }?.1 ?? "128"
    let model = try Self.config(replacing: replaced, with: (typo, value))
    #expect(
      model.warnings
        == ["config.json: unknown key '\(typo)' is ignored; did you mean '\(suggestion)'?"])
    // The forecast ignores the key, and says so in its warnings.
    let workload = try Workload(model: model, options: WorkloadOptions(prompt: 4))
    #expect(workload.warnings.first == model.warnings.first)
  }

  @Test func familyKeysAreNearMissesOnlyInTheirFamily() throws {
    let mistral = try Self.config(
      replacing: nil, with: ("sliding_windows", "4096"), family: "mistral")
    #expect(mistral.warnings.first?.contains("did you mean 'sliding_window'?") == true)
    // Llama does not read sliding_window: no suggestion of a key it ignores.
    let llama = try Self.config(replacing: nil, with: ("sliding_windows", "4096"))
    #expect(llama.warnings.isEmpty)
  }

  @Test(arguments: [
    ("rope_theta", "10000"), ("original_max_position_embeddings", "4096"),
    ("max_window_layers", "28"), ("hidden_act", "\"silu\""), ("bos_token_id", "1"),
    ("num_key_value_heads_extra", "1"), ("sliding_window", "4096"),
  ])
  func unrelatedUnknownKeysStaySilent(_ key: String, _ value: String) throws {
    #expect(try Self.config(replacing: nil, with: (key, value)).warnings.isEmpty)
  }

  /// A near miss of a key the config also gives is harmless: no warning.
  @Test func aNearMissBesideTheRealKeyIsSilent() throws {
    #expect(try Self.config(replacing: nil, with: ("num_kv_heads", "8")).warnings.isEmpty)
  }

  @Test func bundledConfigsHaveNoNearMisses() throws {
    for name in ModelConfig.presetNames {
      let warnings = try ModelConfig.preset(named: name).warnings
      #expect(!warnings.contains { $0.contains("did you mean") }, "\(name)")
    }
  }
}
