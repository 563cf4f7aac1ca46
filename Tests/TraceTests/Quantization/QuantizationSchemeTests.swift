import Testing

@testable import Trace

/// `quantization_config` and `hf_quant_config.json`: each method's stored
/// bits per weight by hand, and which modules it leaves alone.
@Suite struct QuantizationSchemeTests {
  func scheme(_ json: String) throws -> QuantizationScheme {
    let node = try JSONNode.parse(#"{"quantization_config": "# + json + "}", file: "config.json")
    return try #require(try QuantizationScheme.parse(config: node))
  }

  func error(_ json: String) -> LifeError? {
    do {
      _ = try scheme(json)
      return nil
    } catch let error as LifeError {
      return error
    } catch {
      return nil
    }
  }

  @Test func bitsPerWeightOfEachMethod() throws {
    // AWQ: 4-bit values, an fp16 scale and a 4-bit zero per 128: 4 + 20/128.
    let awq = try scheme(#"{"quant_method": "awq", "bits": 4, "group_size": 128}"#)
    #expect(awq.format.bitsPerWeight == 4.15625 && awq.format.name == "awq-int4:g128")
    #expect(awq.format.dequantOpsPerWeight == 2 && awq.keepsHead)
    // GPTQ symmetric: no zero point: 4 + 16/128.
    let gptq = try scheme(#"{"quant_method": "gptq", "bits": 4, "group_size": 128, "sym": true}"#)
    #expect(gptq.format.bitsPerWeight == 4.125)
    // GPTQ 8-bit asymmetric in groups of 64: 8 + 24/64.
    let gptq8 = try scheme(#"{"quant_method": "gptq", "bits": 8, "group_size": 64, "sym": false}"#)
    #expect(gptq8.format.bitsPerWeight == 8.375)
    // compressed-tensors w4a16, groups of 128, symmetric: 4 + 16/128.
    let w4a16 = try scheme(
      #"{"quant_method": "compressed-tensors", "format": "pack-quantized", "ignore": ["lm_head"], "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 4, "type": "int", "symmetric": true, "strategy": "group", "group_size": 128}}}}"#
    )
    #expect(w4a16.format.bitsPerWeight == 4.125 && w4a16.format.name == "w4a16-int4:g128")
    // compressed-tensors fp8 per channel: 8 bits (the channel scales are negligible).
    let fp8 = try scheme(
      #"{"quant_method": "compressed-tensors", "config_groups": {"group_0": {"weights": {"num_bits": 8, "type": "float", "strategy": "channel"}}}}"#
    )
    #expect(fp8.format.bitsPerWeight == 8 && fp8.format.elementType == .fp8)
    // DeepSeek-V3's fp8 with one fp32 scale per 128 × 128 block: 8 + 32/16384.
    let block = try scheme(
      #"{"quant_method": "fp8", "fmt": "e4m3", "activation_scheme": "dynamic", "weight_block_size": [128, 128]}"#
    )
    #expect(block.format.bitsPerWeight == 8.001953125 && block.format.name == "fp8:128x128")
    // bitsandbytes nf4: 64 nibbles and an fp32 absmax = 36 B / 64 = 4.5 bits;
    // nested: an int8 absmax plus an fp32 per 256 blocks = (32 + 1 + 4/256) B / 64.
    let nf4 = try scheme(
      #"{"quant_method": "bitsandbytes", "load_in_4bit": true, "bnb_4bit_quant_type": "nf4"}"#)
    #expect(nf4.format.bitsPerWeight == 4.5 && nf4.format.name == "nf4")
    let nested = try scheme(
      #"{"quant_method": "bitsandbytes", "load_in_4bit": true, "bnb_4bit_quant_type": "nf4", "bnb_4bit_use_double_quant": true}"#
    )
    #expect(nested.format.bitsPerWeight == 4.126953125)
    let int8 = try scheme(#"{"quant_method": "bitsandbytes", "load_in_8bit": true}"#)
    #expect(int8.format.bitsPerWeight == 8)
    // MXFP4: 32 e2m1 values and an e8m0 scale = 17 B / 32 = 4.25 bits.
    let mx = try scheme(
      #"{"quant_method": "mxfp4", "modules_to_not_convert": ["model.layers.*.self_attn", "model.layers.*.mlp.router", "model.embed_tokens", "lm_head"]}"#
    )
    #expect(mx.format.bitsPerWeight == 4.25)
    // ModelOpt NVFP4: 16 e2m1 values and an e4m3 scale = 9 B / 16 = 4.5 bits.
    let modelOpt = try QuantizationScheme.parse(
      hfQuantConfig: JSONNode.parse(
        #"{"producer": {"name": "modelopt"}, "quantization": {"quant_algo": "NVFP4", "group_size": 16, "exclude_modules": ["lm_head"]}}"#,
        file: "hf_quant_config.json"))
    #expect(modelOpt.format.bitsPerWeight == 4.5 && modelOpt.method == .modelopt)
  }

  @Test func ignoredModulesStayUnquantized() throws {
    let mx = try scheme(
      #"{"quant_method": "mxfp4", "modules_to_not_convert": ["model.layers.*.self_attn", "model.layers.*.mlp.router", "model.embed_tokens", "lm_head"]}"#
    )
    #expect(!mx.quantizes(layer: 3, site: .qProj))
    #expect(mx.quantizes(layer: 3, site: .expertsDownProj))
    #expect(!mx.quantizes(layer: -1, site: .lmHead))
    let ct = try scheme(
      #"{"quant_method": "compressed-tensors", "ignore": ["lm_head", "re:.*mlp.down_proj$"], "config_groups": {"g": {"weights": {"num_bits": 8, "type": "int"}}}}"#
    )
    #expect(!ct.quantizes(layer: 0, site: .downProj))
    #expect(ct.quantizes(layer: 0, site: .upProj))
    #expect(!ct.quantizes(layer: -1, site: .lmHead))
    // AWQ never quantizes the LM head, listed or not.
    let awq = try scheme(#"{"quant_method": "awq", "modules_to_not_convert": ["mlp.gate"]}"#)
    #expect(!awq.quantizes(layer: -1, site: .lmHead))
    #expect(!awq.quantizes(layer: 2, site: .router))
    #expect(awq.quantizes(layer: 2, site: .gateProj))
  }

  @Test func gptOssPresetStoresItsExpertsInMXFP4() throws {
    let model = try ModelConfig.preset(named: "gpt-oss-20b")
    let stored = try #require(model.storedWeights)
    #expect(stored.label.text == "mxfp4")
    #expect(stored.entry(layer: 0, site: .expertsUpProj)?.choice.text == "mxfp4")
    #expect(stored.entry(layer: 0, site: .qProj)?.choice == .plain(.bf16))
    #expect(stored.entry(layer: -1, site: .lmHead)?.choice == .plain(.bf16))
    // OpenAI's model card: gpt-oss-20b's checkpoint is 12.8 GiB; the
    // shapes give 13.76 GB = 12.82 GiB.
    let workload = try Workload(model: model, options: WorkloadOptions(prompt: 1))
    #expect(abs(workload.weightsBytes / 1_073_741_824 - 12.82) < 0.02)
  }

  @Test func badConfigsAreClearErrors() throws {
    let unknown = try #require(error(#"{"quant_method": "awk"}"#))
    #expect(unknown.description.contains("unsupported quant_method"))
    #expect(unknown.description.contains("awq"))
    let nothing = try #require(error(#"{"quant_method": "bitsandbytes"}"#))
    #expect(nothing.description.contains("quantizes nothing"))
    let zero = try #require(error(#"{"quant_method": "gptq", "group_size": 0}"#))
    #expect(zero.description.contains("group_size"))
  }
}
