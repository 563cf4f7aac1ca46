/// The formats LIFE knows, with their block layouts. Sources: the LIFE paper's
/// appendix 8.1 (group integers), the OCP Microscaling spec v1.0 (MX: 32
/// elements share one 8-bit E8M0 scale), and llama.cpp's `ggml-common.h`
/// block structs (GGUF). See docs/workload.md.
extension WeightFormat {
  /// The paper's group-quantized integers: `bits`-bit values, groups of
  /// `group` along K, one scale in the activation dtype (bf16 until
  /// resolved) and one zero point in the weight dtype per group.
  /// int4/g128 with bf16 scales: 4 + 16/128 + 4/128 = 4.15625 bits/weight.
  package static func groupInteger(bits: Int, group: Int) -> WeightFormat {
    let name = group == 128 && (bits == 4 || bits == 8) ? "int\(bits)" : "int\(bits):g\(group)"
    let element: DType = bits <= 4 ? .int4 : .int8
    let valueBits = Double(bits)
    return WeightFormat(
      name: name, blockSize: group, blockBytes: (Double(group) * valueBits + 16 + valueBits) / 8,
      elementType: element, valueBits: valueBits, dequantOpsPerWeight: 2,
      scaleInActivationType: true, zeroBits: valueBits)
  }

  /// MXFP8 (E4M3): 32 × 8 bits + one 8-bit scale = 33 bytes / 32 = 8.25 bpw.
  package static let mxfp8 = WeightFormat(
    name: "mxfp8", blockSize: 32, blockBytes: 33, elementType: .fp8, valueBits: 8,
    dequantOpsPerWeight: 1)
  /// MXINT8: 32 × 8 bits + one 8-bit scale = 33 bytes / 32 = 8.25 bpw.
  package static let mxint8 = WeightFormat(
    name: "mxint8", blockSize: 32, blockBytes: 33, elementType: .int8, valueBits: 8,
    dequantOpsPerWeight: 1)
  /// MXFP4 (E2M1): 32 × 4 bits + one 8-bit scale = 17 bytes / 32 = 4.25 bpw.
  package static let mxfp4 = WeightFormat(
    name: "mxfp4", blockSize: 32, blockBytes: 17, elementType: .int4, valueBits: 4,
    dequantOpsPerWeight: 1)

  /// A GGUF type by its llama.cpp name (case-insensitive). F16 and BF16 are
  /// plain dtypes and handled by the caller; this returns the block formats.
  ///
  /// | type | block | bytes | bpw | layout |
  /// |---|---|---|---|---|
  /// | Q8_0 | 32 | 34 | 8.5 | fp16 d + 32 × int8 |
  /// | Q4_0 | 32 | 18 | 4.5 | fp16 d + 16 B nibbles |
  /// | Q4_1 | 32 | 20 | 5.0 | fp16 d, fp16 m + 16 B nibbles |
  /// | Q5_0 | 32 | 22 | 5.5 | fp16 d + 4 B high bits + 16 B nibbles |
  /// | Q6_K | 256 | 210 | 6.5625 | 128 B low + 64 B high + 16 int8 scales + fp16 d |
  /// | Q4_K_M | 256 | 156.48 | 4.89 | mix of Q4_K (144 B) and Q6_K (see docs) |
  /// | Q5_K_M | 256 | 182.4 | 5.70 | mix of Q5_K (176 B) and Q6_K (see docs) |
  /// | Q5_1 | 32 | 24 | 6.0 | fp16 d, fp16 m + 4 B high bits + 16 B nibbles |
  /// | Q4_K_S | 256 | 149.34 | 4.67 | mostly Q4_K (144 B) |
  /// | Q5_K_S | 256 | 178.24 | 5.57 | mostly Q5_K (176 B) |
  /// | Q3_K_S, Q3_K_M, Q3_K_L | 256 | | 3.64, 3.91, 4.30 | Q3_K (110 B) with Q4_K to Q6_K |
  /// | Q2_K | 256 | 101.12 | 3.16 | Q2_K (84 B) with Q3_K to Q6_K |
  /// | IQ4_XS | 256 | 142.72 | 4.46 | mostly IQ4_XS (136 B) |
  /// | IQ4_NL | 32 | 18.72 | 4.68 | mostly IQ4_NL (18 B) |
  ///
  /// The mixes' bits per weight (all but Q5_1, which is its block) are the
  /// file averages of llama.cpp's tools/quantize/README.md table for
  /// Llama-3.1-8B (Q3_K_M, absent there: examples/quantize/README.md, Llama 2
  /// 7B); block bytes are from ggml-common.h's `block_*` structs.
  package static func gguf(named text: String) -> WeightFormat? {
    switch text.uppercased() {
    case "F16":
      return WeightFormat(
        name: "F16", blockSize: 1, blockBytes: 2, elementType: .fp16, valueBits: 16,
        dequantOpsPerWeight: 0)
    case "BF16":
      return WeightFormat(
        name: "BF16", blockSize: 1, blockBytes: 2, elementType: .bf16, valueBits: 16,
        dequantOpsPerWeight: 0)
    case "Q8_0":
      return WeightFormat(
        name: "Q8_0", blockSize: 32, blockBytes: 34, elementType: .int8, valueBits: 8,
        dequantOpsPerWeight: 1)
    case "Q4_0":
      return WeightFormat(
        name: "Q4_0", blockSize: 32, blockBytes: 18, elementType: .int4, valueBits: 4,
        dequantOpsPerWeight: 2)
    case "Q4_1":
      return WeightFormat(
        name: "Q4_1", blockSize: 32, blockBytes: 20, elementType: .int4, valueBits: 4,
        dequantOpsPerWeight: 2)
    case "Q5_0":
      return WeightFormat(
        name: "Q5_0", blockSize: 32, blockBytes: 22, elementType: .int8, valueBits: 5,
        dequantOpsPerWeight: 2)
    case "Q6_K":
      return WeightFormat(
        name: "Q6_K", blockSize: 256, blockBytes: 210, elementType: .int8, valueBits: 6,
        dequantOpsPerWeight: 2)
    case "Q4_K_M":
      // Effective 4.89 bpw: llama.cpp tools/quantize README (Llama-3.1-8B):
      // Q4_K (144 B / 256 = 4.5 bpw) with Q6_K for half of attn_v/ffn_down
      // and the output tensor; modelled as one uniform average.
      return WeightFormat(
        name: "Q4_K_M", blockSize: 256, blockBytes: 4.89 * 32, elementType: .int4, valueBits: 4,
        dequantOpsPerWeight: 2)
    case "Q5_K_M":
      // Effective 5.70 bpw (same source): Q5_K (176 B / 256 = 5.5 bpw) + Q6_K.
      return WeightFormat(
        name: "Q5_K_M", blockSize: 256, blockBytes: 5.70 * 32, elementType: .int8, valueBits: 5,
        dequantOpsPerWeight: 2)
    case "Q5_1":
      return WeightFormat(
        name: "Q5_1", blockSize: 32, blockBytes: 24, elementType: .int8, valueBits: 5,
        dequantOpsPerWeight: 2)
    case "Q4_K_S":
      return kMix("Q4_K_S", bitsPerWeight: 4.67, element: .int4, valueBits: 4)
    case "Q5_K_S":
      return kMix("Q5_K_S", bitsPerWeight: 5.57, element: .int8, valueBits: 5)
    case "Q3_K_S":
      return kMix("Q3_K_S", bitsPerWeight: 3.64, element: .int4, valueBits: 3)
    case "Q3_K_M":
      return kMix("Q3_K_M", bitsPerWeight: 3.91, element: .int4, valueBits: 3)
    case "Q3_K_L":
      return kMix("Q3_K_L", bitsPerWeight: 4.30, element: .int4, valueBits: 3)
    case "Q2_K":
      return kMix("Q2_K", bitsPerWeight: 3.16, element: .int4, valueBits: 2)
    case "IQ4_XS":
      // Non-linear 4-bit values looked up in a 16-entry table, one 6-bit
      // scale per 32 weights.
      return kMix("IQ4_XS", bitsPerWeight: 4.46, element: .int4, valueBits: 4)
    case "IQ4_NL":
      return WeightFormat(
        name: "IQ4_NL", blockSize: 32, blockBytes: 4.68 * 4, elementType: .int4, valueBits: 4,
        dequantOpsPerWeight: 2)
    default: return nil
    }
  }

  /// A 256-weight super-block format modelled as one uniform average of
  /// `bitsPerWeight` (bytes per block = bits per weight × 256 / 8).
  private static func kMix(
    _ name: String, bitsPerWeight: Double, element: DType, valueBits: Double
  ) -> WeightFormat {
    WeightFormat(
      name: name, blockSize: 256, blockBytes: bitsPerWeight * 32, elementType: element,
      valueBits: valueBits, dequantOpsPerWeight: 2)
  }
}
