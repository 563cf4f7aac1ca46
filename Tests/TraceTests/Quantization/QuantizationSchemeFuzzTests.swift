import Foundation
import LifeTestSupport
import Testing

@testable import Trace

/// Seeded byte-level mutations of quantization configs through the
/// `quantization_config` and `hf_quant_config.json` readers: every input is
/// a scheme whose formats are finite and positive, or an error that names
/// the file. A trap kills the test process.
@Suite struct QuantizationSchemeFuzzTests {
  static let configs = [
    #"{"quantization_config": {"quant_method": "awq", "bits": 4, "group_size": 128, "zero_point": true, "modules_to_not_convert": ["mlp.gate"]}}"#,
    #"{"quantization_config": {"quant_method": "gptq", "bits": 8, "group_size": -1, "sym": false}}"#,
    #"{"quantization_config": {"quant_method": "compressed-tensors", "ignore": ["lm_head", "re:.*mlp.gate$"], "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 4, "type": "int", "symmetric": true, "strategy": "group", "group_size": 128}}}}}"#,
    #"{"quantization_config": {"quant_method": "fp8", "fmt": "e4m3", "weight_block_size": [128, 128]}}"#,
    #"{"quantization_config": {"quant_method": "bitsandbytes", "load_in_4bit": true, "bnb_4bit_quant_type": "nf4", "bnb_4bit_use_double_quant": true}}"#,
    #"{"quantization_config": {"quant_method": "mxfp4", "modules_to_not_convert": ["model.layers.*.self_attn", "lm_head"]}}"#,
    #"{"quantization_config": {"quant_method": "modelopt", "quant_algo": "NVFP4", "group_size": 16, "exclude_modules": ["lm_head"]}}"#,
  ]

  @Test func mutatedConfigsGiveASchemeOrAPlacedError() throws {
    let model = try ModelConfig.preset(named: "llama-3.2-1b")
    var schemes = 0
    var refused = 0
    for (i, text) in Self.configs.enumerated() {
      for index in 0..<300 {
        var fuzz = ByteFuzz(seed: ByteFuzz.seed("quantization-\(i)", index))
        let bytes = fuzz.mutate(Array(text.utf8))
        guard let root = try? JSONParser.parse(bytes, file: "config.json") else { continue }
        do {
          guard
            let scheme = try QuantizationScheme.parse(
              config: JSONNode(root, file: "config.json"))
          else { continue }
          schemes += 1
          let f = scheme.format
          #expect(f.blockSize >= 1 && f.blockBytes.isFinite && f.blockBytes > 0, "\(text)")
          #expect(f.bitsPerWeight.isFinite && f.bitsPerWeight > 0)
          let stored = StoredWeights(scheme: scheme, model: model)
          #expect(stored.layers.count == model.layers)
        } catch {
          refused += 1
          #expect(error.location.file == "config.json", "\(error)")
          #expect(!error.message.isEmpty)
        }
      }
    }
    #expect(schemes > 0 && refused > 0, "schemes \(schemes), refused \(refused)")
  }
}
