import Testing

@testable import Trace

/// A header in memory: metadata and tensor infos (innermost-first dims).
func ggufHeader(_ metadata: [(String, GGUFValue)], tensors: [(String, [Int], GGMLType)] = [])
  -> GGUFHeader
{
  GGUFHeader(
    version: 3, metadata: metadata.map { GGUFHeader.Entry(key: $0.0, value: $0.1) },
    tensors: tensors.map { name, dims, type in
      let elements = dims.reduce(1, *)
      return GGUFTensorInfo(
        name: name, dimensions: dims, type: type, offset: 0, elements: elements,
        bytes: type.bytes(elements: elements) ?? 0)
    }, alignment: 32, dataOffset: 0, fileSize: 0)
}

@Suite struct ModelConfigGGUFTests {
  func derive(_ metadata: [(String, GGUFValue)], tensors: [(String, [Int], GGMLType)] = [])
    throws(LifeError) -> ModelConfig
  {
    try ModelConfig.derived(
      from: ggufHeader(metadata, tensors: tensors), file: "m.gguf", name: "m")
  }

  func error(_ metadata: [(String, GGUFValue)], tensors: [(String, [Int], GGMLType)] = [])
    -> LifeError?
  {
    do {
      _ = try derive(metadata, tensors: tensors)
      return nil
    } catch {
      return error
    }
  }

  /// The keys llama.cpp's converter writes for each preset's model (from
  /// the model's config.json), with its embedding (and LM head unless tied).
  static let presets: [(String, [(String, GGUFValue)], [(String, [Int], GGMLType)])] = [
    (
      "llama-3.2-1b",
      [
        ("general.architecture", .string("llama")), ("llama.block_count", .uint32(16)),
        ("llama.context_length", .uint32(131_072)), ("llama.embedding_length", .uint32(2048)),
        ("llama.feed_forward_length", .uint32(8192)), ("llama.attention.head_count", .uint32(32)),
        ("llama.attention.head_count_kv", .uint32(8)), ("llama.rope.dimension_count", .uint32(64)),
        ("llama.attention.key_length", .uint32(64)), ("llama.attention.value_length", .uint32(64)),
      ], [("token_embd.weight", [2048, 128_256], .q6_K)]
    ),
    (
      "qwen2.5-1.5b",
      [
        ("general.architecture", .string("qwen2")), ("qwen2.block_count", .uint32(28)),
        ("qwen2.context_length", .uint32(32_768)), ("qwen2.embedding_length", .uint32(1536)),
        ("qwen2.feed_forward_length", .uint32(8960)), ("qwen2.attention.head_count", .uint32(12)),
        ("qwen2.attention.head_count_kv", .uint32(2)), ("qwen2.rope.dimension_count", .uint32(128)),
      ], [("token_embd.weight", [1536, 151_936], .q8_0), ("blk.0.attn_q.bias", [1536], .f32)]
    ),
    (
      "qwen3-14b",
      [
        ("general.architecture", .string("qwen3")), ("qwen3.block_count", .uint32(40)),
        ("qwen3.context_length", .uint32(40_960)), ("qwen3.embedding_length", .uint32(5120)),
        ("qwen3.feed_forward_length", .uint32(17_408)), ("qwen3.attention.head_count", .uint32(40)),
        ("qwen3.attention.head_count_kv", .uint32(8)), ("qwen3.attention.key_length", .uint32(128)),
        ("qwen3.attention.value_length", .uint32(128)),
      ],
      [
        ("token_embd.weight", [5120, 151_936], .q4_K), ("output.weight", [5120, 151_936], .q6_K),
        ("blk.0.attn_q_norm.weight", [128], .f32),
      ]
    ),
    (
      "gemma2-2b",
      [
        ("general.architecture", .string("gemma2")), ("gemma2.context_length", .uint32(8192)),
        ("gemma2.embedding_length", .uint32(2304)), ("gemma2.block_count", .uint32(26)),
        ("gemma2.feed_forward_length", .uint32(9216)), ("gemma2.attention.head_count", .uint32(8)),
        ("gemma2.attention.head_count_kv", .uint32(4)),
        ("gemma2.attention.key_length", .uint32(256)),
        ("gemma2.attention.value_length", .uint32(256)),
        ("gemma2.attention.sliding_window", .uint32(4096)),
        ("gemma2.attn_logit_softcapping", .float32(50)),
        ("gemma2.final_logit_softcapping", .float32(30)),
      ], [("token_embd.weight", [2304, 256_000], .q8_0)]
    ),
    (
      "phi-4-mini",
      [
        ("general.architecture", .string("phi3")), ("phi3.context_length", .uint32(131_072)),
        ("phi3.embedding_length", .uint32(3072)), ("phi3.feed_forward_length", .uint32(8192)),
        ("phi3.block_count", .uint32(32)), ("phi3.attention.head_count", .uint32(24)),
        ("phi3.attention.head_count_kv", .uint32(8)), ("phi3.rope.dimension_count", .uint32(96)),
        ("phi3.attention.sliding_window", .uint32(262_144)),
      ], [("token_embd.weight", [3072, 200_064], .q4_K)]
    ),
    (
      "mixtral-8x7b",
      [
        ("general.architecture", .string("llama")), ("llama.block_count", .uint32(32)),
        ("llama.context_length", .uint32(32_768)), ("llama.embedding_length", .uint32(4096)),
        ("llama.feed_forward_length", .uint32(14_336)), ("llama.attention.head_count", .uint32(32)),
        ("llama.attention.head_count_kv", .uint32(8)), ("llama.rope.dimension_count", .uint32(128)),
        ("llama.expert_count", .uint32(8)), ("llama.expert_used_count", .uint32(2)),
      ], [("token_embd.weight", [4096, 32_000], .q4_K), ("output.weight", [4096, 32_000], .q6_K)]
    ),
    (
      "qwen3-30b-a3b",
      [
        ("general.architecture", .string("qwen3moe")), ("qwen3moe.block_count", .uint32(48)),
        ("qwen3moe.context_length", .uint32(40_960)),
        ("qwen3moe.embedding_length", .uint32(2048)),
        ("qwen3moe.feed_forward_length", .uint32(6144)),
        ("qwen3moe.attention.head_count", .uint32(32)),
        ("qwen3moe.attention.head_count_kv", .uint32(4)),
        ("qwen3moe.attention.key_length", .uint32(128)),
        ("qwen3moe.attention.value_length", .uint32(128)),
        ("qwen3moe.expert_count", .uint32(128)), ("qwen3moe.expert_used_count", .uint32(8)),
        ("qwen3moe.expert_feed_forward_length", .uint32(768)),
      ],
      [("token_embd.weight", [2048, 151_936], .q4_K), ("output.weight", [2048, 151_936], .q6_K)]
    ),
    (
      "gemma-3-1b",
      [
        ("general.architecture", .string("gemma3")), ("gemma3.context_length", .uint32(32_768)),
        ("gemma3.embedding_length", .uint32(1152)), ("gemma3.block_count", .uint32(26)),
        ("gemma3.feed_forward_length", .uint32(6912)), ("gemma3.attention.head_count", .uint32(4)),
        ("gemma3.attention.head_count_kv", .uint32(1)),
        ("gemma3.attention.key_length", .uint32(256)),
        ("gemma3.attention.value_length", .uint32(256)),
        ("gemma3.attention.sliding_window", .uint32(512)),
      ], [("token_embd.weight", [1152, 262_144], .q8_0)]
    ),
    (
      "gpt-oss-20b",
      [
        ("general.architecture", .string("gpt-oss")), ("gpt-oss.block_count", .uint32(24)),
        ("gpt-oss.context_length", .uint32(131_072)),
        ("gpt-oss.embedding_length", .uint32(2880)),
        ("gpt-oss.feed_forward_length", .uint32(2880)),
        ("gpt-oss.attention.head_count", .uint32(64)),
        ("gpt-oss.attention.head_count_kv", .uint32(8)),
        ("gpt-oss.attention.key_length", .uint32(64)),
        ("gpt-oss.attention.value_length", .uint32(64)),
        ("gpt-oss.attention.sliding_window", .uint32(128)),
        ("gpt-oss.rope.dimension_count", .uint32(64)),
        ("gpt-oss.expert_count", .uint32(32)), ("gpt-oss.expert_used_count", .uint32(4)),
        ("gpt-oss.expert_feed_forward_length", .uint32(2880)),
      ],
      [
        ("token_embd.weight", [2880, 201_088], .q8_0), ("output.weight", [2880, 201_088], .q8_0),
        ("blk.0.attn_q.bias", [4096], .f32), ("blk.0.attn_output.bias", [2880], .f32),
      ]
    ),
    (
      "deepseek-v2-lite",
      [
        ("general.architecture", .string("deepseek2")), ("deepseek2.block_count", .uint32(27)),
        ("deepseek2.context_length", .uint32(163_840)),
        ("deepseek2.embedding_length", .uint32(2048)),
        ("deepseek2.feed_forward_length", .uint32(10_944)),
        ("deepseek2.attention.head_count", .uint32(16)),
        ("deepseek2.attention.head_count_kv", .uint32(16)),
        ("deepseek2.attention.key_length", .uint32(192)),
        ("deepseek2.attention.value_length", .uint32(128)),
        ("deepseek2.attention.kv_lora_rank", .uint32(512)),
        ("deepseek2.rope.dimension_count", .uint32(64)),
        ("deepseek2.leading_dense_block_count", .uint32(1)),
        ("deepseek2.expert_count", .uint32(64)), ("deepseek2.expert_used_count", .uint32(6)),
        ("deepseek2.expert_feed_forward_length", .uint32(1408)),
        ("deepseek2.expert_shared_count", .uint32(2)),
      ],
      [("token_embd.weight", [2048, 102_400], .q4_K), ("output.weight", [2048, 102_400], .q6_K)]
    ),
  ]

  @Test(arguments: 0..<presets.count)
  func matchesThePresetFromConfigJSON(index: Int) throws {
    let (name, metadata, tensors) = Self.presets[index]
    let preset = try ModelConfig.preset(named: name)
    var derived = try derive(metadata, tensors: tensors)
    #expect(derived.family == preset.family)
    derived.name = preset.name
    derived.torchDType = preset.torchDType  // GGUF does not say
    // A preset's quantization_config (gpt-oss's MXFP4) is no GGUF metadata.
    derived.storedWeights = preset.storedWeights
    #expect(derived == preset)
  }

  @Test func deepseekAbsorbedKeys() throws {
    // Newer conversions store MLA as MQA over the latent: key_length =
    // rank + rope = 576, value_length = rank, one KV head, and the per-head
    // sizes under *_mla.
    let deepseek = try #require(Self.presets.first { $0.0 == "deepseek-v2-lite" })
    var metadata = deepseek.1.filter { !$0.0.contains("length") && !$0.0.contains("kv") }
    metadata += [
      ("deepseek2.context_length", .uint32(163_840)),
      ("deepseek2.embedding_length", .uint32(2048)),
      ("deepseek2.feed_forward_length", .uint32(10_944)),
      ("deepseek2.expert_feed_forward_length", .uint32(1408)),
      ("deepseek2.attention.head_count_kv", .uint32(1)),
      ("deepseek2.attention.key_length", .uint32(576)),
      ("deepseek2.attention.value_length", .uint32(512)),
      ("deepseek2.attention.key_length_mla", .uint32(192)),
      ("deepseek2.attention.value_length_mla", .uint32(128)),
      ("deepseek2.attention.kv_lora_rank", .uint32(512)),
      ("deepseek2.attention.q_lora_rank", .uint32(0)),
    ]
    let absorbed = try derive(metadata, tensors: deepseek.2)
    let classic = try derive(deepseek.1, tensors: deepseek.2)
    #expect(absorbed == classic)
    #expect(
      absorbed.mla
        == MLAConfig(
          qLoraRank: nil, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128))
    #expect(
      absorbed.moe
        == MoEConfig(
          experts: 64, topK: 6, expertIntermediate: 1408, sharedExperts: 2, firstDenseLayers: 1))
  }

  /// A small llama: 2 layers, hidden 64, 4 heads / 2 KV heads, FFN 128.
  static let small: [(String, GGUFValue)] = [
    ("general.architecture", .string("llama")), ("llama.block_count", .uint32(2)),
    ("llama.embedding_length", .uint32(64)), ("llama.feed_forward_length", .uint32(128)),
    ("llama.attention.head_count", .uint32(4)), ("llama.attention.head_count_kv", .uint32(2)),
    ("tokenizer.ggml.tokens", .array(.string((0..<90).map { "t\($0)" }))),
  ]

  func replacing(_ key: String, _ value: GGUFValue?) -> [(String, GGUFValue)] {
    var m = Self.small.filter { $0.0 != key }
    if let value { m.append((key, value)) }
    return m
  }

  @Test func smallLlama() throws {
    let m = try derive(Self.small)
    // head_dim = 64 / 4 = 16; vocab from the 90 tokens; no output tensor: tied.
    #expect(m.layers == 2 && m.hidden == 64 && m.heads == 4 && m.kvHeads == 2)
    #expect(m.headDim == 16 && m.intermediate == 128 && m.vocab == 90)
    #expect(m.tiedEmbeddings && m.maxPositions == nil && !m.qkvBias && m.moe == nil)
    #expect(m.name == "m" && m.family == "llama")
  }

  @Test func vocabularyPrecedence() throws {
    // token_embd's rows (100) beat vocab_size (95), which beats the tokens (90).
    let embd = [("token_embd.weight", [64, 100], GGMLType.f16)]
    #expect(
      try derive(Self.small + [("llama.vocab_size", .uint32(95))], tensors: embd).vocab == 100)
    #expect(try derive(Self.small + [("llama.vocab_size", .uint32(95))]).vocab == 95)
    let none = error(replacing("tokenizer.ggml.tokens", nil))
    #expect(none?.location.path == "metadata.tokenizer.ggml.tokens")
    #expect(none?.message == "missing required field")
    let notStrings = error(replacing("tokenizer.ggml.tokens", .array(.uint8([1]))))
    #expect(notStrings?.message == "wrong type")
  }

  @Test func perLayerArraysMustAgree() throws {
    let uniform = try derive(replacing("llama.attention.head_count_kv", .array(.int32([2, 2]))))
    #expect(uniform.kvHeads == 2)
    let differ = error(replacing("llama.attention.head_count_kv", .array(.int32([2, 1]))))
    #expect(differ?.location.path == "metadata.llama.attention.head_count_kv")
    #expect(differ?.message == "per-layer values differ")
  }

  @Test func experts() throws {
    let moe = try derive(
      Self.small + [
        ("llama.expert_count", .uint32(4)), ("llama.expert_used_count", .uint32(2)),
        ("llama.expert_feed_forward_length", .uint32(32)),
      ])
    #expect(moe.family == "mixtral")
    #expect(moe.moe == MoEConfig(experts: 4, topK: 2, expertIntermediate: 32))
    let tooMany = error(
      Self.small + [("llama.expert_count", .uint32(4)), ("llama.expert_used_count", .uint32(5))])
    #expect(tooMany?.location.path == "metadata.llama.expert_used_count")
    #expect(tooMany?.expected == "an integer in [1, 4]")
  }

  @Test func tensorsDecideBiasAndTying() throws {
    let m = try derive(
      Self.small,
      tensors: [("blk.0.attn_q.bias", [64], .f32), ("output.weight", [64, 90], .q6_K)])
    #expect(m.qkvBias && !m.tiedEmbeddings)
  }

  @Test func partialRotary() throws {
    // 8 of 16 dims rotate: 0.5.
    #expect(
      try derive(Self.small + [("llama.rope.dimension_count", .uint32(8))]).rotaryFraction == 0.5)
    #expect(
      error(Self.small + [("llama.rope.dimension_count", .uint32(17))])?.message
        == "integer out of range")
  }

  @Test func errorsNameTheKey() {
    let missing = error(replacing("general.architecture", nil))
    #expect(
      missing?.location == ErrorLocation(file: "m.gguf", path: "metadata.general.architecture"))
    #expect(missing?.message == "missing required field")
    let unknown = error(replacing("general.architecture", .string("lama")))
    #expect(unknown?.message == "unsupported architecture" && unknown?.suggestion == "llama")
    let noLayers = error(replacing("llama.block_count", nil))
    #expect(noLayers?.location.path == "metadata.llama.block_count")
    let wrongType = error(replacing("llama.block_count", .string("2")))
    #expect(wrongType?.message == "wrong type" && wrongType?.got == "'2'")
    let zero = error(replacing("llama.embedding_length", .uint32(0)))
    #expect(zero?.message == "integer out of range")
    let kv = error(replacing("llama.attention.head_count_kv", .uint32(3)))
    #expect(kv?.message == "attention heads are not a multiple of the KV heads")
    let odd = error(replacing("llama.embedding_length", .uint32(66)))
    #expect(odd?.location.path == "metadata.llama.embedding_length")
    let value = error(Self.small + [("llama.attention.value_length", .uint32(32))])
    #expect(value?.message == "value_length differs from the key length")
    let float = error(Self.small + [("llama.context_length", .float32(1.5))])
    #expect(float?.message == "wrong type")
  }
}
