import Foundation
import Testing
import Trace

/// Every bad value a config.json may hold gives a failure naming the file
/// and the field, in the contract's shape; none traps.
@Suite struct ModelConfigBadValueTests {
  /// A valid llama config; each case replaces one key's raw JSON (nil
  /// deletes it).
  static let base: [(String, String)] = [
    ("model_type", "\"llama\""), ("hidden_size", "4096"), ("num_hidden_layers", "32"),
    ("num_attention_heads", "32"), ("num_key_value_heads", "8"), ("intermediate_size", "11008"),
    ("vocab_size", "32000"), ("max_position_embeddings", "4096"), ("torch_dtype", "\"bfloat16\""),
  ]

  static func text(_ key: String, _ raw: String?) -> String {
    var members = base.filter { $0.0 != key }.map { "\"\($0.0)\": \($0.1)" }
    if let raw { members.append("\"\(key)\": \(raw)") }
    return "{" + members.joined(separator: ", ") + "}"
  }

  struct Case: CustomStringConvertible, Sendable {
    var key: String
    var raw: String?
    var expected: String
    var description: String { "\(key)=\(raw ?? "<missing>")" }
  }

  static let cases: [Case] = [
    Case(key: "model_type", raw: nil, expected: "config.json: model_type: missing required field"),
    Case(
      key: "model_type", raw: "\"lama\"",
      expected: "model_type: unknown value (got 'lama'; expected one of"),
    Case(
      key: "model_type", raw: "7", expected: "model_type: wrong type (got 7; expected a string)"),
    Case(key: "hidden_size", raw: nil, expected: "hidden_size: missing required field"),
    Case(
      key: "hidden_size", raw: "\"4096\"",
      expected: "hidden_size: wrong type (got '4096'; expected an integer)"),
    Case(
      key: "hidden_size", raw: "0",
      expected: "hidden_size: integer out of range (got 0; expected an integer in [1, "),
    Case(
      key: "hidden_size", raw: "-4096", expected: "hidden_size: integer out of range (got -4096"),
    Case(
      key: "hidden_size", raw: "4096.5", expected: "hidden_size: not a whole number (got 4096.5"),
    Case(key: "hidden_size", raw: "1e999", expected: "hidden_size: integer too large (got 1e999"),
    Case(key: "hidden_size", raw: "-1e999", expected: "hidden_size: integer too large (got -1e999"),
    Case(
      key: "hidden_size", raw: "99999999999999999999999",
      expected:
        "hidden_size: integer too large (got 99999999999999999999999; expected an integer of at most 64 bits)"
    ),
    Case(
      key: "hidden_size", raw: "4095",
      expected:
        "hidden_size: hidden size is not a multiple of the heads and no head_dim is given (got 4095; expected a multiple of 32)"
    ),
    Case(key: "hidden_size", raw: "null", expected: "hidden_size: missing required field"),
    Case(
      key: "num_hidden_layers", raw: "1048576",
      expected:
        "num_hidden_layers: integer out of range (got 1048576; expected an integer in [1, 16384])"),
    Case(
      key: "num_attention_heads", raw: "[32]",
      expected: "num_attention_heads: wrong type (got an array of 1; expected an integer)"),
    Case(
      key: "num_key_value_heads", raw: "5",
      expected:
        "num_key_value_heads: attention heads are not a multiple of the KV heads (got 5; expected a divisor of 32)"
    ),
    Case(
      key: "num_key_value_heads", raw: "64",
      expected: "num_key_value_heads: attention heads are not a multiple of the KV heads (got 64"),
    Case(
      key: "num_key_value_heads", raw: "0",
      expected: "num_key_value_heads: integer out of range (got 0"),
    Case(
      key: "vocab_size", raw: "true",
      expected: "vocab_size: wrong type (got true; expected an integer)"),
    Case(
      key: "intermediate_size", raw: "18446744073709551616",
      expected: "intermediate_size: integer too large"),
    Case(
      key: "torch_dtype", raw: "\"int8\"",
      expected:
        "torch_dtype: unknown torch_dtype (got 'int8'; expected float32, float16 or bfloat16)"),
    Case(
      key: "max_position_embeddings", raw: "-1",
      expected: "max_position_embeddings: integer out of range (got -1"),
    Case(
      key: "head_dim", raw: "1099511627776",
      expected:
        "head_dim: integer out of range (got 1099511627776; expected an integer in [1, 16777216])"
    ),
    Case(
      key: "tie_word_embeddings", raw: "\"yes\"",
      expected: "tie_word_embeddings: wrong type (got 'yes'; expected true or false)"),
  ]

  @Test(arguments: cases)
  func badValue(_ c: Case) {
    let file = "models/x/config.json"
    do {
      let config = try ModelConfig.parse(
        JSONNode.parse(Self.text(c.key, c.raw), file: file), name: "x")
      Issue.record("accepted: \(config.name)")
    } catch {
      #expect(error.kind == .failure)
      #expect(error.exitCode == 1)
      #expect(error.rendered.hasPrefix("error: models/x/config.json: "), "\(error.rendered)")
      #expect(error.rendered.contains(c.expected), "\(error.rendered)")
    }
  }

  @Test func baseIsValid() throws {
    let config = try ModelConfig.parse(JSONNode.parse(Self.text("", nil), file: nil), name: "x")
    #expect(config.kvHeads == 8 && config.headDim == 128)
  }

  /// Explicit head_dim is allowed to differ from hidden / heads (Gemma 2, Qwen 3).
  @Test func explicitHeadDimNeedNotMatchHidden() throws {
    let text = Self.text("hidden_size", "4095").dropLast() + ", \"head_dim\": 128}"
    let config = try ModelConfig.parse(JSONNode.parse(String(text), file: nil), name: "x")
    #expect(config.headDim == 128)
  }

  static let malformed: [(String, String)] = [
    ("", "the file is empty (expected a JSON document)"),
    ("   \n ", "the file is empty"),
    ("{\"model_type\": \"llama\",}", "line 1, column 24: invalid JSON: expected a quoted key"),
    ("{\"a\": 1} x", "invalid JSON: unexpected text after the JSON document"),
    ("{\"a\": 01}", "invalid JSON: leading zero in a number"),
    ("{\"a\": NaN}", "invalid JSON: expected a value (got 'NaN}')"),
    ("{\"a\": Infinity}", "invalid JSON: expected a value"),
    ("{\"a\": 1, \"a\": 2}", "invalid JSON: duplicate key 'a'"),
    ("{\"a\": \"x", "invalid JSON: unterminated string (got end of file)"),
    ("[1, 2", "invalid JSON: unterminated array"),
    ("{\"a\u{0}\": 1}", "not a JSON file: it contains binary data (a NUL byte)"),
    (String(repeating: "[", count: 600), "invalid JSON: nesting deeper than 512 levels"),
    ("[]", "wrong type (got an array of 0; expected an object)"),
  ]

  @Test(arguments: malformed)
  func malformedJSON(_ text: String, _ expected: String) {
    do {
      _ = try ModelConfig.parse(JSONNode.parse(text, file: "c.json"), name: "x")
      Issue.record("accepted")
    } catch {
      #expect(error.exitCode == 1)
      #expect(error.rendered.hasPrefix("error: c.json"), "\(error.rendered)")
      #expect(error.rendered.contains(expected), "\(error.rendered)")
    }
  }
}

/// Mixture-of-experts configs: top-k cannot exceed the experts.
@Suite struct MoEConfigBadValueTests {
  @Test(arguments: ["9", "1099511627776"])
  func topKBeyondExperts(_ topK: String) {
    let text = """
      {"model_type": "mixtral", "hidden_size": 64, "num_hidden_layers": 2,
       "num_attention_heads": 4, "num_key_value_heads": 2, "intermediate_size": 128,
       "vocab_size": 100, "num_local_experts": 8, "num_experts_per_tok": \(topK)}
      """
    do {
      _ = try ModelConfig.parse(JSONNode.parse(text, file: "c.json"), name: "x")
      Issue.record("accepted")
    } catch {
      // Sizes beyond 2^24 are refused before the experts are compared.
      let expected =
        topK == "9"
        ? "error: c.json: num_experts_per_tok: more experts per token than experts (got 9; expected at most 8)"
        : "error: c.json: num_experts_per_tok: integer out of range (got \(topK); expected an integer in [1, 16777216])"
      #expect(error.rendered == expected)
    }
  }
}
