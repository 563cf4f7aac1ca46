/// How the workload costs a tensor stored in a ggml type.
extension GGMLType {
  /// Bits of the quantized values alone, per weight, without the block's
  /// scales and minimums (the `qs`/`qh` arrays of ggml-common.h's `block_*`
  /// structs): what a GEMM reads as values; the rest of the block is
  /// dequantization overhead. Ternary and 1-bit types count their packed
  /// value bits.
  package var valueBits: Double {
    switch self {
    case .f64, .i64: return 64
    case .f32, .i32: return 32
    case .f16, .bf16, .i16: return 16
    case .i8, .q8_0, .q8_1, .q8_K: return 8
    case .q6_K: return 6
    case .q5_0, .q5_1, .q5_K: return 5
    case .q4_0, .q4_1, .q4_K, .iq4_NL, .iq4_XS, .mxfp4, .nvfp4: return 4
    case .q3_K, .iq3_XXS, .iq3_S: return 3
    case .q2_K, .iq2_XXS, .iq2_XS, .iq2_S, .tq2_0, .q2_0: return 2
    case .iq1_S, .iq1_M, .tq1_0, .q1_0: return 1
    }
  }

  /// The storage a Linear in this type is costed in: F32, F16 and BF16 as
  /// plain dtypes; every other type as a block format named by ggml's type
  /// name (`Q4_K`), with ggml's block size and bytes, so k·n weights cost
  /// exactly the tensor's bytes. Integer types (I8 … I64) hold no weights
  /// of a Linear; they are costed as their plain bytes.
  package var weightChoice: WorkloadOptions.WeightChoice {
    switch self {
    case .f32: return .plain(.fp32)
    case .f16: return .plain(.fp16)
    case .bf16: return .plain(.bf16)
    default:
      let bits = min(valueBits, bitsPerWeight)
      let element: DType = bits <= 4 ? .int4 : .int8
      // Q8_0 and the integer types only scale; the others also shift by a
      // minimum or look values up.
      let dequant: Double
      switch self {
      case .i8, .i16, .i32, .i64, .f64: dequant = 0
      case .q8_0, .q8_1, .q8_K, .mxfp4, .nvfp4: dequant = 1
      default: dequant = 2
      }
      return .quantized(
        WeightFormat(
          name: name, blockSize: blockSize, blockBytes: Double(blockBytes), elementType: element,
          valueBits: bits, dequantOpsPerWeight: dequant))
    }
  }
}
