import Testing

@testable import Trace

/// Weights as a GGUF header stores them, Linear by Linear.
@Suite struct StoredWeightsTests {
  /// A two-layer Llama (hidden 256, 4 heads of 64, 2 KV heads, MLP 512,
  /// vocabulary 128) in a Q4_K_M layout: Q4_K everywhere but layer 0's
  /// attn_v and ffn_down and the output tensor, which are Q6_K (llama.cpp's
  /// `use_more_bits` rule), and F32 norms.
  static let metadata: [(String, GGUFValue)] = [
    ("general.architecture", .string("llama")), ("general.file_type", .uint32(15)),
    ("llama.block_count", .uint32(2)), ("llama.context_length", .uint32(2048)),
    ("llama.embedding_length", .uint32(256)), ("llama.feed_forward_length", .uint32(512)),
    ("llama.attention.head_count", .uint32(4)), ("llama.attention.head_count_kv", .uint32(2)),
    ("llama.vocab_size", .uint32(128)),
  ]

  /// Tensor infos, dims innermost first ([in, out] for a Linear).
  static var tensors: [(String, [Int], GGMLType)] {
    var out: [(String, [Int], GGMLType)] = [
      ("token_embd.weight", [256, 128], .q4_K), ("output_norm.weight", [256], .f32),
      ("output.weight", [256, 128], .q6_K),
    ]
    for l in 0..<2 {
      let more: GGMLType = l == 0 ? .q6_K : .q4_K
      out += [
        ("blk.\(l).attn_norm.weight", [256], .f32), ("blk.\(l).attn_q.weight", [256, 256], .q4_K),
        ("blk.\(l).attn_k.weight", [256, 128], .q4_K),
        ("blk.\(l).attn_v.weight", [256, 128], more),
        ("blk.\(l).attn_output.weight", [256, 256], .q4_K),
        ("blk.\(l).ffn_norm.weight", [256], .f32), ("blk.\(l).ffn_gate.weight", [256, 512], .q4_K),
        ("blk.\(l).ffn_up.weight", [256, 512], .q4_K),
        ("blk.\(l).ffn_down.weight", [512, 256], more),
      ]
    }
    return out
  }

  func model() throws -> ModelConfig {
    let header = ggufHeader(Self.metadata, tensors: Self.tensors)
    var config = try ModelConfig.derived(from: header, file: "m.gguf", name: "m")
    let info = ModelFileInfo(
      path: "m.gguf", format: .gguf(version: 3), config: config,
      tensors: header.tensors.map(ModelTensor.init), fileType: "Q4_K_M", gguf: header)
    config.storedWeights = try StoredWeights(file: info, model: config, scheme: nil)
    return config
  }

  @Test func ggmlTypesBecomeTheirBlockFormats() throws {
    guard case .quantized(let q4) = GGMLType.q4_K.weightChoice,
      case .quantized(let q6) = GGMLType.q6_K.weightChoice,
      case .quantized(let q8) = GGMLType.q8_0.weightChoice
    else {
      Issue.record("block types must be quantized formats")
      return
    }
    // Q4_K: 144 B per 256 weights = 4.5 bits; 4-bit values, 0.5 bits of scales.
    #expect(q4.name == "Q4_K" && q4.blockSize == 256 && q4.blockBytes == 144)
    #expect(q4.bitsPerWeight == 4.5 && q4.valueBits == 4 && q4.elementType == .int4)
    #expect(q4.overheadBytesPerWeight == 0.0625)
    // Q6_K: 210 B per 256 = 6.5625 bits; overhead 210/256 − 6/8 = 0.0703125 B.
    #expect(q6.bitsPerWeight == 6.5625 && q6.overheadBytesPerWeight == 0.0703125)
    // Q8_0: 34 B per 32, one fp16 scale: dequantized by one multiply.
    #expect(q8.bitsPerWeight == 8.5 && q8.dequantOpsPerWeight == 1)
    #expect(GGMLType.f16.weightChoice == .plain(.fp16))
    #expect(GGMLType.bf16.weightChoice == .plain(.bf16))
    #expect(GGMLType.f32.weightChoice == .plain(.fp32))
  }

  @Test func eachSiteHasItsTensorsStorage() throws {
    let stored = try #require(try model().storedWeights)
    #expect(stored.label.text == "Q4_K_M")
    #expect(stored.entry(layer: 0, site: .vProj)?.choice.text == "Q6_K")
    #expect(stored.entry(layer: 1, site: .vProj)?.choice.text == "Q4_K")
    #expect(stored.entry(layer: 0, site: .downProj)?.choice.text == "Q6_K")
    #expect(stored.entry(layer: 1, site: .qProj)?.choice.text == "Q4_K")
    #expect(stored.entry(layer: -1, site: .lmHead)?.choice.text == "Q6_K")
    #expect(stored.embedding?.text == "Q4_K")
    #expect(stored.layerClass == [0, 1])
    #expect(stored.mix == "Q4_K: 13 tensors, Q6_K: 3, F32: 5")
    #expect(stored.tensors == 21)
  }

  /// Bytes of each tensor, by hand: elements / block × block bytes.
  @Test func everyLinearReadsItsTensorsBytes() throws {
    let m = try model()
    var options = WorkloadOptions(prompt: 4)
    options.generate = 1
    let workload = try Workload(model: m, options: options)
    #expect(!workload.layersAlike(0, 1))
    var sink = RecordingSink()
    workload.emit(workload.decodePass(step: 1), into: &sink)
    var bytes: [String: Double] = [:]
    for r in sink.records where r.kind == .gemm || r.kind == .dequantize {
      bytes["\(r.layer) \(r.site.rawValue)", default: 0] += r.read.weights
    }
    // attn_q: 256 × 256 = 65,536 weights = 256 Q4_K blocks × 144 B.
    #expect(bytes["0 self_attn.q_proj"] == 36_864)
    // attn_v of layer 0: 256 × 128 = 32,768 = 128 Q6_K blocks × 210 B; layer 1 in Q4_K.
    #expect(bytes["0 self_attn.v_proj"] == 26_880)
    #expect(bytes["1 self_attn.v_proj"] == 18_432)
    // ffn_down: 512 × 256 = 512 blocks: Q6_K 107,520 B, Q4_K 73,728 B.
    #expect(bytes["0 mlp.down_proj"] == 107_520)
    #expect(bytes["1 mlp.down_proj"] == 73_728)
    #expect(bytes["-1 lm_head"] == 26_880)
    // One token's embedding row: 256 weights of Q4_K = 144 B.
    let embed = try #require(sink.records.first { $0.kind == .embedding })
    #expect(embed.read.weights == 144)
    // Everything a decode step reads of the Linears is the file's Linear bytes.
    let linear = Self.tensors.filter { !$0.0.contains("norm") && $0.0 != "token_embd.weight" }
      .reduce(0) { $0 + ($1.2.bytes(elements: $1.1.reduce(1, *)) ?? 0) }
    #expect(bytes.values.reduce(0, +) == Double(linear))
  }

  @Test func footprintIsTheFilesBytes() throws {
    let m = try model()
    let workload = try Workload(model: m, options: WorkloadOptions(prompt: 8))
    let total = Self.tensors.reduce(0) { $0 + ($1.2.bytes(elements: $1.1.reduce(1, *)) ?? 0) }
    #expect(workload.weightsBytes == Double(total))
    #expect(workload.weights.text == "Q4_K_M")
  }

  @Test func givenWeightsReplaceTheFilesAndSaySo() throws {
    var options = WorkloadOptions(prompt: 8)
    options.weights = .plain(.fp16)
    let workload = try Workload(model: try model(), options: options)
    #expect(workload.storedWeights == nil)
    #expect(workload.weights == .plain(.fp16))
    #expect(workload.warnings.contains { $0.contains("every Linear is costed as fp16") })
    // The file's own label keeps the file's storage.
    options.weights = try model().storedWeights?.label
    #expect(try Workload(model: try model(), options: options).storedWeights != nil)
  }

  /// Safetensors: an AWQ checkpoint's packed int32 qweight, fp16 scales and
  /// int32 qzeros cost exactly their bytes, in the config's group layout.
  @Test func packedSafetensorsCostTheirExactBytes() throws {
    let config = try ModelConfig.preset(named: "llama-3.2-1b")
    let scheme = try #require(
      try QuantizationScheme.parse(
        config: JSONNode.parse(
          #"{"quantization_config": {"quant_method": "awq", "bits": 4, "group_size": 128}}"#,
          file: "config.json")))
    // q_proj of layer 0: 2048 in × 2048 out; AutoAWQ packs 8 nibbles per
    // int32 along the output: qweight [2048, 256], scales [16, 2048] fp16,
    // qzeros [16, 256] int32.
    func t(_ name: String, _ dtype: SafetensorsDType, _ shape: [Int]) -> ModelTensor {
      let elements = shape.reduce(1, *)
      return ModelTensor(
        SafetensorsTensor(
          name: name, dtype: dtype, shape: shape, dataOffsets: 0..<0, elements: elements,
          bytes: dtype.bytes(elements: elements) ?? 0),
        gemmaNorms: false)
    }
    let p = "model.layers.0.self_attn.q_proj."
    let tensors = [
      t(p + "qweight", .i32, [2048, 256]), t(p + "scales", .f16, [16, 2048]),
      t(p + "qzeros", .i32, [16, 256]), t("lm_head.weight", .bf16, [128_256, 2048]),
    ]
    #expect(tensors[1].isCompanion && tensors[2].isCompanion && !tensors[0].isCompanion)
    #expect(tensors[0].role == .attnQ && tensors[0].layer == 0)
    let info = ModelFileInfo(
      path: "m/model.safetensors", format: .safetensors, config: nil, tensors: tensors,
      fileType: nil, gguf: nil)
    let stored = try StoredWeights(file: info, model: config, scheme: scheme)
    guard case .quantized(let f)? = stored.entry(layer: 0, site: .qProj)?.choice else {
      Issue.record("q_proj must be quantized")
      return
    }
    // 2,097,152 + 65,536 + 16,384 B over 2048 × 2048 weights: 4.15625 bits,
    // the AWQ layout's 4 + 16/128 + 4/128.
    #expect(f.bitsPerWeight == 4.15625 && f.valueBits == 4 && f.blockSize == 128)
    #expect(f.name == "awq-int4:g128")
    #expect(stored.entry(layer: -1, site: .lmHead)?.choice == .plain(.bf16))
    #expect(stored.entry(layer: 1, site: .qProj) == nil)
  }

  @Test func packedValuesWithoutAQuantizationConfigAreAnError() throws {
    let tensor = ModelTensor(
      SafetensorsTensor(
        name: "model.layers.0.self_attn.q_proj.qweight", dtype: .i32, shape: [64, 8],
        dataOffsets: 0..<2048, elements: 512, bytes: 2048), gemmaNorms: false)
    let info = ModelFileInfo(
      path: "m/model.safetensors", format: .safetensors, config: nil, tensors: [tensor],
      fileType: nil, gguf: nil)
    let error = #expect(throws: LifeError.self) {
      _ = try StoredWeights(
        file: info, model: try ModelConfig.preset(named: "llama-3.2-1b"), scheme: nil)
    }
    #expect(error?.description.contains("quantization_config") == true)
    #expect(error?.description.contains("q_proj.qweight") == true)
  }
}
