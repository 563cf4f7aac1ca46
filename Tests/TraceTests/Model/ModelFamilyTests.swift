import Foundation
import Testing

@testable import Trace

/// The families beyond the llama shape, read from the verbatim published
/// configs the presets hold: exact parameter counts worked by hand from
/// each config, and the publishers' own totals within 2 %.
@Suite struct ModelFamilyTests {
  static func preset(_ name: String) throws -> ModelConfig {
    try ModelConfig.preset(named: name)
  }

  /// Within `tolerance` (relative) of a publisher's rounded figure.
  static func near(_ value: Double, _ stated: Double, _ tolerance: Double = 0.02) -> Bool {
    abs(value - stated) <= tolerance * stated
  }

  @Test func qwen3Dense() throws {
    // Qwen3-0.6B, tied: 28·(1024·(2048 + 2·1024) + 2048·1024 + 2·128
    //   + 3·1024·3072 + 2·1024) + 151936·1024 + 1024 = 596,049,920.
    let small = try Self.preset("qwen3-0.6b")
    #expect(small.tiedEmbeddings && small.qkNorm)
    #expect(small.parameterCount == 596_049_920)
    // Qwen's model card: 0.6B, 0.44B without the embedding table.
    #expect(Self.near(small.parameterCount - small.embeddingParameters, 0.44e9))
    // Qwen3-4B (tied): 36·(2560·(4096 + 2·1024) + 4096·2560 + 256
    //   + 3·2560·9728 + 2·2560) + 151936·2560 + 2560 = 4,022,468,096 (4.0B).
    #expect(try Self.preset("qwen3-4b").parameterCount == 4_022_468_096)
    // Qwen3-8B (untied): 36·(4096·6144 + 4096² + 256 + 3·4096·12288 +
    //   2·4096) + 2·151936·4096 + 4096 = 8,190,735,360 (8.2B).
    #expect(try Self.preset("qwen3-8b").parameterCount == 8_190_735_360)
  }

  @Test func qwen2AndLlama() throws {
    // Qwen2.5-7B: 28·(3584·(3584 + 2·512) + 3584² + (3584 + 2·512)
    //   + 3·3584·18944 + 2·3584) + 2·152064·3584 + 3584 = 7,615,616,512
    //   (the model card: 7.61B).
    #expect(try Self.preset("qwen2.5-7b").parameterCount == 7_615_616_512)
    // Llama-3.3-70B: 80·(8192·(8192 + 2·1024) + 8192² + 3·8192·28672 +
    //   2·8192) + 2·128256·8192 + 8192 = 70,553,706,496.
    #expect(try Self.preset("llama-3.3-70b").parameterCount == 70_553_706_496)
    // Llama-2-13B: 40·(4·5120² + 3·5120·13824 + 2·5120) + 2·32000·5120
    //   + 5120 = 13,015,864,320 (Meta: 13B).
    #expect(try Self.preset("llama-2-13b").parameterCount == 13_015_864_320)
    // Llama-2-70B: 80·(8192·(8192 + 2·1024) + 8192² + 3·8192·28672 +
    //   2·8192) + 2·32000·8192 + 8192 = 68,976,648,192 (Meta: 70B).
    let big = try Self.preset("llama-2-70b")
    #expect(big.parameterCount == 68_976_648_192 && big.kvHeads == 8)
    #expect(Self.near(big.parameterCount, 70e9))
    // Llama-3-8B: 32·(4096·(4096 + 2·1024) + 4096² + 3·4096·14336 + 2·4096)
    //   + 2·128256·4096 + 4096 = 8,030,261,248 (Meta: 8.03B).
    #expect(try Self.preset("llama-3-8b").parameterCount == 8_030_261_248)
  }

  @Test func gemma3() throws {
    let m = try Self.preset("gemma-3-1b")
    #expect(m.family == "gemma3" && m.tiedEmbeddings && m.qkNorm && m.sandwichNorms)
    #expect(m.embeddingScale && m.slidingWindow == 512)
    // 26·(1152·(1024 + 2·256) + 1024·1152 + 2·256 + 3·1152·6912 + 4·1152)
    //   + 262144·1152 + 1152 = 999,885,952: KerasHub's gemma3_1b preset
    //   states the same 999,885,952.
    #expect(m.parameterCount == 999_885_952)
    // Five local layers to one global: layers 5, 11, 17, 23 are global.
    let w = try Workload(model: m, options: WorkloadOptions(prompt: 4096))
    let global = (0..<m.layers).filter { w.window(layer: $0) == nil }
    #expect(global == [5, 11, 17, 23])
    // 22 local layers hold 512 tokens, 4 global layers all 4096.
    #expect(w.kvCacheBytes(tokens: 4096) == Double(22 * 512 + 4 * 4096) * 2 * 256 * 2)
  }

  /// Gemma 3 4B's config nests a text_config that leaves the heads, head
  /// size and vocabulary to Gemma3TextConfig's defaults (8 heads, 4 KV
  /// heads, 256, 262208).
  @Test func gemma3TextConfigDefaults() throws {
    let text = #"""
      {"architectures": ["Gemma3ForConditionalGeneration"], "model_type": "gemma3",
       "text_config": {"hidden_size": 2560, "intermediate_size": 10240,
         "model_type": "gemma3_text", "num_hidden_layers": 34, "sliding_window": 1024},
       "torch_dtype": "bfloat16", "vision_config": {"hidden_size": 1152}}
      """#
    let m = try ModelConfig.parse(JSONNode.parse(text, file: "config.json"), name: "g")
    #expect(m.family == "gemma3" && m.heads == 8 && m.kvHeads == 4 && m.headDim == 256)
    #expect(m.vocab == 262_208 && m.slidingWindow == 1024 && m.torchDType == .bf16)
    // 34·(2560·(2048 + 2·1024) + 2048·2560 + 2·256 + 3·2560·10240 +
    //   4·2560) + 262208·2560 + 2560 = 3,880,263,168: KerasHub's
    //   gemma3_4b_text states 3,880,099,328, the same model over a
    //   262144-token table (64·2560 fewer).
    #expect(m.parameterCount == 3_880_263_168)
    #expect(m.parameterCount - 64 * 2560 == 3_880_099_328)
    // A text config without its own model_type is its parent's text model.
    let bare = text.replacingOccurrences(of: #""model_type": "gemma3_text", "#, with: "")
    let same = try ModelConfig.parse(JSONNode.parse(bare, file: "config.json"), name: "g")
    #expect(same.parameterCount == m.parameterCount)
  }

  /// The Gemma 3 multimodal presets forecast their text model; the
  /// publishers' "4B" and "12B" also hold the ~0.42B SigLIP vision tower.
  @Test func gemma3Multimodal() throws {
    let small = try Self.preset("gemma-3-4b")
    #expect(small.family == "gemma3" && small.tiedEmbeddings && small.sandwichNorms)
    #expect(small.heads == 8 && small.kvHeads == 4 && small.headDim == 256)
    #expect(small.vocab == 262_208 && small.slidingWindow == 1024 && small.layers == 34)
    // 34·(2560·(2048 + 2·1024) + 2048·2560 + 2·256 + 3·2560·10240 +
    //   4·2560) + 262208·2560 + 2560 = 3,880,263,168; KerasHub's
    //   gemma3_4b_text preset states 3,880,099,328 (a 262144-token table).
    #expect(small.parameterCount == 3_880_263_168)
    #expect(Self.near(small.parameterCount, 3_880_099_328, 0.001))
    let large = try Self.preset("gemma-3-12b")
    #expect(large.heads == 16 && large.kvHeads == 8 && large.headDim == 256)
    #expect(large.hidden == 3840 && large.intermediate == 15360 && large.layers == 48)
    #expect(large.slidingLayers?.filter { !$0 }.count == 8)  // every sixth layer global
    // 48·(3840·(4096 + 2·2048) + 4096·3840 + 2·256 + 3·3840·15360 +
    //   4·3840) = 10,759,151,616 non-embedding parameters: the Gemma 3
    //   Technical Report's Table 1 gives 10,759 M; with the 262208 × 3840
    //   table and the final norm, 11,766,034,176.
    #expect(large.parameterCount - 262_208 * 3840 - 3840 == 10_759_151_616)
    #expect(large.parameterCount == 11_766_034_176)
  }

  @Test func qwen3MoE() throws {
    let m = try Self.preset("qwen3-30b-a3b")
    let moe = try #require(m.moe)
    #expect(moe.experts == 128 && moe.topK == 8 && moe.expertIntermediate == 768)
    // 48·(2048·(4096 + 2·512) + 4096·2048 + 2·128 + 128·3·2048·768 +
    //   2048·128 + 2·2048) + 2·151936·2048 + 2048 = 30,532,122,624.
    #expect(m.parameterCount == 30_532_122_624)
    // Less 48·120 idle experts of 3·2048·768: 3,353,032,704. Qwen: 30.5B
    // total, 3.3B activated (its count holds the embedding table).
    #expect(m.activeParameterCount == 3_353_032_704)
    #expect(Self.near(m.parameterCount, 30.5e9) && Self.near(m.activeParameterCount, 3.3e9))
    // Reported beside the total, for mixtures of experts only.
    let json = WorkloadReport.modelJSON(m)
    guard case .object(let members) = json else { return }
    #expect(members.contains { $0.0 == "active_parameters" })
    guard case .object(let dense) = WorkloadReport.modelJSON(try Self.preset("qwen3-8b")) else {
      return
    }
    #expect(!dense.contains { $0.0 == "active_parameters" })
  }

  @Test func gptOss() throws {
    let m = try Self.preset("gpt-oss-20b")
    #expect(m.qkvBias && m.outputBias && m.attentionSinks && m.slidingWindow == 128)
    let moe = try #require(m.moe)
    #expect(moe.experts == 32 && moe.topK == 4 && moe.biases)
    // Attention 2880·(4096 + 2·512) + 4096·2880 + (4096 + 1024) + 2880 + 64
    // sinks; 32 experts of 3·2880² + 3·2880 bias, router 2880·32 + 32; two
    // norms: per layer 823,142,720 (24 layers) + 2·201088·2880 + 2880
    // = 20,914,757,184. OpenAI states 20.91B total.
    #expect(m.parameterCount == 20_914_757_184)
    // Active less the embedding table (OpenAI's count): 3,608,307,264
    // against the stated 3.61B.
    #expect(m.activeParameterCount - m.embeddingParameters == 3_608_307_264)
    let big = try Self.preset("gpt-oss-120b")
    // 116.83B total, 5.13B active (OpenAI).
    #expect(big.parameterCount == 116_829_156_672)
    #expect(Self.near(big.activeParameterCount - big.embeddingParameters, 5.13e9, 0.01))
    // layer_types: even layers slide over 128 tokens, odd ones are global.
    let w = try Workload(model: m, options: WorkloadOptions(prompt: 1024))
    #expect(w.window(layer: 0) == 128 && w.window(layer: 1) == nil && w.window(layer: 22) == 128)
  }

  @Test func mixtralActive() throws {
    let m = try Self.preset("mixtral-8x7b")
    // 46.70B less 32 layers × 6 idle experts × 3·4096·14336: 12.88B
    // (Mistral: 46.7B total, 12.9B active per token).
    #expect(m.activeParameterCount == m.parameterCount - 32 * 6 * 3 * 4096 * 14336)
    #expect(
      Self.near(m.parameterCount, 46.7e9, 0.005) && Self.near(m.activeParameterCount, 12.9e9, 0.005)
    )
  }

  @Test func deepseekV2LiteActive() throws {
    let m = try Self.preset("deepseek-v2-lite")
    // DeepSeek: 15.7B total, 2.4B activated. Without the table ours is
    // 2,451,435,008: 2.1 % above the rounded 2.4B (with it, 2.66B, 11 %).
    #expect(Self.near(m.parameterCount, 15.7e9, 0.005))
    #expect(m.activeParameterCount - m.embeddingParameters == 2_451_435_008)
    #expect(Self.near(m.activeParameterCount - m.embeddingParameters, 2.4e9, 0.025))
  }

  @Test func deepseekV3() throws {
    let m = try Self.preset("deepseek-v3")
    let moe = try #require(m.moe)
    #expect(m.mla?.qLoraRank == 1536 && moe.firstDenseLayers == 3 && moe.sharedExperts == 1)
    // MLA per layer: 7168·1536 + 1536 + 1536·128·192 + 7168·576 + 512 +
    // 512·128·256 + 128·128·7168 = 187,107,328; 3 dense layers of
    // 3·7168·18432, 58 of 257·3·7168·2048 + 7168·256; 2·129280·7168 + 7168:
    // 671,026,404,352, DeepSeek's 671B (without its 14B prediction module).
    #expect(m.parameterCount == 671_026_404_352)
    // 37B activated: less 58·248 idle experts of 3·7168·2048.
    #expect(m.activeParameterCount == 37_552_282_624)
    #expect(Self.near(m.activeParameterCount, 37e9))
  }

  @Test func llama4NestedTextConfig() throws {
    let m = try Self.preset("llama-4-scout")
    #expect(m.family == "llama4" && m.nestedTextConfig && m.torchDType == .bf16)
    #expect(m.warnings.contains { $0.contains("text_config") })
    let moe = try #require(m.moe)
    #expect(moe.experts == 16 && moe.topK == 1 && moe.sharedExperts == 1 && m.intermediate == 16384)
    // 48·(5120·(5120 + 2·1024) + 5120² + 17·3·5120·8192 + 5120·16 +
    //   2·5120) + 2·202048·5120 + 5120 = 107,769,861,120; Meta's 109B
    //   holds the vision encoder too.
    #expect(m.parameterCount == 107_769_861_120 && Self.near(m.parameterCount, 109e9))
    // 17B active: one routed and the shared expert per layer.
    #expect(m.activeParameterCount == 17_172_894_720 && Self.near(m.activeParameterCount, 17e9))
    // Three chunked layers (8192 tokens) to one global.
    let w = try Workload(model: m, options: WorkloadOptions(prompt: 1024))
    #expect(w.window(layer: 0) == 8192 && w.window(layer: 3) == nil && w.window(layer: 7) == nil)
  }

  static let tiny = [
    ("hidden_size", "64"), ("num_hidden_layers", "4"), ("num_attention_heads", "4"),
    ("num_key_value_heads", "2"), ("vocab_size", "100"), ("intermediate_size", "128"),
  ]

  static func parse(_ type: String, _ extra: [(String, String)] = [], family: String? = nil)
    throws -> ModelConfig
  {
    let members = [("model_type", "\"\(type)\"")] + tiny + extra
    let text = "{" + members.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    return try ModelConfig.parse(
      JSONNode.parse(text, file: "config.json"), name: "m", family: family)
  }

  @Test func gemmaOne() throws {
    let m = try Self.parse("gemma", [("head_dim", "32")])
    #expect(m.tiedEmbeddings && m.embeddingScale && !m.sandwichNorms && m.headDim == 32)
    // 4·(64·(128 + 2·64) + 128·64 + 3·64·128 + 2·64) + 100·64 + 64 = 203,584.
    #expect(m.parameterCount == 203_584)
  }

  @Test func olmo2NormsSpanHeads() throws {
    let m = try Self.parse("olmo2")
    #expect(m.qkNorm && m.qkNormAcrossHeads)
    // Per layer 64·(64 + 2·32) + 64·64 + (64 + 32) q/k norms +
    //   3·64·128 + 2·64 = 37,088; ×4 + 2·100·64 + 64 = 161,216.
    #expect(m.parameterCount == 161_216)
  }

  @Test func sparseStepAndDenseLayers() throws {
    let m = try Self.parse(
      "qwen3_moe",
      [
        ("num_experts", "8"), ("num_experts_per_tok", "2"), ("moe_intermediate_size", "16"),
        ("decoder_sparse_step", "2"), ("mlp_only_layers", "[3]"),
      ])
    let moe = try #require(m.moe)
    // Layer i is sparse when (i + 1) is a multiple of 2 and i is not listed.
    #expect((0..<4).map { moe.isSparse(layer: $0) } == [false, true, false, false])
    let w = try Workload(model: m, options: WorkloadOptions(prompt: 8))
    #expect(!w.layersAlike(0, 1) && w.layersAlike(0, 2) && w.layersAlike(2, 3))
  }

  @Test func aliasesAndForcedFamilies() throws {
    // granite is built as llama.
    let granite = try Self.parse("granite", [("embedding_multiplier", "12.0")])
    #expect(granite.family == "llama")
    let plain = try Self.parse("llama")
    #expect(granite.parameterCount == plain.parameterCount)
    // An unknown model_type is an error, unless a family is forced.
    #expect(throws: LifeError.self) { try Self.parse("my_llama") }
    #expect(try Self.parse("my_llama", family: "llama").parameterCount == plain.parameterCount)
    do {
      _ = try Self.parse("my_llama", family: "lama")
      Issue.record("expected an error")
    } catch let error as LifeError {
      #expect(error.location.origin == .parameter(.family) && error.suggestion == "llama")
    }
  }
}
