/// A checkpoint's weight quantization as its config states it: the
/// `quantization_config` of a Hugging Face config.json, or ModelOpt's
/// `hf_quant_config.json`. It gives each Linear its storage format when no
/// safetensors header does, and the value bits of packed tensors when one
/// does.
package struct QuantizationScheme: Sendable, Equatable {
  /// The quantizer that wrote the checkpoint (`quant_method`).
  package enum Method: String, Sendable, CaseIterable {
    case awq
    case gptq
    case compressedTensors = "compressed-tensors"
    case fp8
    case bitsandbytes
    case mxfp4
    case modelopt
  }

  /// The quantizer.
  package var method: Method
  /// The stored format of a quantized Linear.
  package var format: WeightFormat
  /// Module names or patterns left unquantized (`ignore`,
  /// `modules_to_not_convert`, `exclude_modules`): a name, a dotted suffix,
  /// a `*` glob, or `re:` and a regular expression.
  package var ignore: [String]
  /// Whether the LM head stays unquantized whatever ``ignore`` says: AWQ,
  /// GPTQ, bitsandbytes and fp8 block checkpoints never quantize it.
  package var keepsHead: Bool
  /// Where it was read: the file and key, for messages.
  package var origin: String
}
