/// Block sizes and bytes per block: ggml's `type_traits` table in
/// `ggml/src/ggml.c` (`blck_size`, `type_size`), whose type sizes are the
/// `block_*` structs of `ggml/src/ggml-common.h`. QK_K = 256; `ggml_half` is
/// 2 bytes. The layout column sums each struct's fields, as the header's
/// `static_assert`s do.
///
/// | type | block | bytes | layout |
/// |---|---|---|---|
/// | F32, F16, BF16, F64 | 1 | 4, 2, 2, 8 | one value |
/// | I8, I16, I32, I64 | 1 | 1, 2, 4, 8 | one value |
/// | Q4_0 | 32 | 18 | d + 32/2 |
/// | Q4_1 | 32 | 20 | d, m + 32/2 |
/// | Q5_0 | 32 | 22 | d + 4 (qh) + 32/2 |
/// | Q5_1 | 32 | 24 | d, m + 4 + 32/2 |
/// | Q8_0 | 32 | 34 | d + 32 |
/// | Q8_1 | 32 | 36 | d, s + 32 |
/// | Q2_K | 256 | 84 | 2·2 + 256/16 + 256/4 |
/// | Q3_K | 256 | 110 | 2 + 256/4 + 256/8 + 12 |
/// | Q4_K | 256 | 144 | 2·2 + 12 + 256/2 |
/// | Q5_K | 256 | 176 | 2·2 + 12 + 256/2 + 256/8 |
/// | Q6_K | 256 | 210 | 2 + 256/16 + 3·256/4 |
/// | Q8_K | 256 | 292 | 4 (float d) + 256 + 256/16·2 |
/// | IQ2_XXS | 256 | 66 | 2 + 256/8·2 |
/// | IQ2_XS | 256 | 74 | 2 + 256/8·2 + 256/32 |
/// | IQ2_S | 256 | 82 | 2 + 256/4 + 256/16 |
/// | IQ3_XXS | 256 | 98 | 2 + 3·256/8 |
/// | IQ3_S | 256 | 110 | 2 + 13·256/32 + 256/64 |
/// | IQ1_S | 256 | 50 | 2 + 256/8 + 256/16 |
/// | IQ1_M | 256 | 56 | 256/8 + 256/16 + 256/32 |
/// | IQ4_NL | 32 | 18 | 2 + 32/2 |
/// | IQ4_XS | 256 | 136 | 2 + 2 + 256/64 + 256/2 |
/// | TQ1_0 | 256 | 54 | 2 + 256/64 + (256 − 4·256/64)/5 |
/// | TQ2_0 | 256 | 66 | 2 + 256/4 |
/// | MXFP4 | 32 | 17 | 1 (E8M0 scale) + 32/2 |
/// | NVFP4 | 64 | 36 | 64/16 (E4M3 scales) + 64/2 |
/// | Q1_0 | 128 | 18 | 2 + 128/8 |
/// | Q2_0 | 64 | 18 | 2 + 64/4 |
extension GGMLType {
  /// Elements per block.
  package var blockSize: Int {
    switch self {
    case .f32, .f16, .bf16, .f64, .i8, .i16, .i32, .i64: return 1
    case .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q8_1, .iq4_NL, .mxfp4: return 32
    case .nvfp4, .q2_0: return 64
    case .q1_0: return 128
    case .q2_K, .q3_K, .q4_K, .q5_K, .q6_K, .q8_K, .iq2_XXS, .iq2_XS, .iq2_S, .iq3_XXS, .iq3_S,
      .iq1_S, .iq1_M, .iq4_XS, .tq1_0, .tq2_0:
      return 256
    }
  }

  /// Bytes per block.
  package var blockBytes: Int {
    switch self {
    case .i8: return 1
    case .f16, .bf16, .i16: return 2
    case .f32, .i32: return 4
    case .f64, .i64: return 8
    case .mxfp4: return 17
    case .q4_0, .iq4_NL, .q1_0, .q2_0: return 18
    case .q4_1: return 20
    case .q5_0: return 22
    case .q5_1: return 24
    case .q8_0: return 34
    case .q8_1, .nvfp4: return 36
    case .iq1_S: return 50
    case .tq1_0: return 54
    case .iq1_M: return 56
    case .iq2_XXS, .tq2_0: return 66
    case .iq2_XS: return 74
    case .iq2_S: return 82
    case .q2_K: return 84
    case .iq3_XXS: return 98
    case .q3_K, .iq3_S: return 110
    case .iq4_XS: return 136
    case .q4_K: return 144
    case .q5_K: return 176
    case .q6_K: return 210
    case .q8_K: return 292
    }
  }

  /// Bits per element including the block's scales: blockBytes · 8 / blockSize.
  package var bitsPerWeight: Double { Double(blockBytes * 8) / Double(blockSize) }

  /// Exact bytes of `elements` elements: elements / blockSize × blockBytes.
  /// Nil when `elements` is not a whole number of blocks, or the product
  /// overflows.
  package func bytes(elements: Int) -> Int? {
    guard elements >= 0, elements % blockSize == 0 else { return nil }
    let product = (elements / blockSize).multipliedReportingOverflow(by: blockBytes)
    return product.overflow ? nil : product.partialValue
  }
}
