import Testing

@testable import Trace

@Suite struct GGMLTypeTests {
  @Test func blockLayoutsFromGGMLStructs() {
    // (type, block, bytes), each summed from its block_* struct in
    // ggml-common.h; QK_K = 256, ggml_half = 2 bytes.
    let table: [(GGMLType, Int, Int)] = [
      (.f32, 1, 4), (.f16, 1, 2), (.bf16, 1, 2), (.f64, 1, 8),
      (.i8, 1, 1), (.i16, 1, 2), (.i32, 1, 4), (.i64, 1, 8),
      (.q4_0, 32, 2 + 16), (.q4_1, 32, 2 + 2 + 16), (.q5_0, 32, 2 + 4 + 16),
      (.q5_1, 32, 2 + 2 + 4 + 16), (.q8_0, 32, 2 + 32), (.q8_1, 32, 2 + 2 + 32),
      (.q2_K, 256, 2 * 2 + 16 + 64), (.q3_K, 256, 2 + 64 + 32 + 12),
      (.q4_K, 256, 2 * 2 + 12 + 128), (.q5_K, 256, 2 * 2 + 12 + 128 + 32),
      (.q6_K, 256, 2 + 16 + 192), (.q8_K, 256, 4 + 256 + 16 * 2),
      (.iq2_XXS, 256, 2 + 32 * 2), (.iq2_XS, 256, 2 + 32 * 2 + 8), (.iq2_S, 256, 2 + 64 + 16),
      (.iq3_XXS, 256, 2 + 3 * 32), (.iq3_S, 256, 2 + 13 * 8 + 4), (.iq1_S, 256, 2 + 32 + 16),
      (.iq1_M, 256, 32 + 16 + 8), (.iq4_NL, 32, 2 + 16), (.iq4_XS, 256, 2 + 2 + 4 + 128),
      (.tq1_0, 256, 2 + 4 + (256 - 16) / 5), (.tq2_0, 256, 2 + 64),
      (.mxfp4, 32, 1 + 16), (.nvfp4, 64, 4 + 32), (.q1_0, 128, 2 + 16), (.q2_0, 64, 2 + 16),
    ]
    #expect(table.count == GGMLType.allCases.count)
    for (type, block, bytes) in table {
      #expect(type.blockSize == block, "\(type.name)")
      #expect(type.blockBytes == bytes, "\(type.name)")
    }
  }

  @Test func bitsPerWeight() {
    #expect(GGMLType.q4_K.bitsPerWeight == 4.5)  // 144 · 8 / 256
    #expect(GGMLType.q6_K.bitsPerWeight == 6.5625)  // 210 · 8 / 256
    #expect(GGMLType.q8_0.bitsPerWeight == 8.5)  // 34 · 8 / 32
    #expect(GGMLType.tq1_0.bitsPerWeight == 1.6875)  // 54 · 8 / 256
    #expect(GGMLType.mxfp4.bitsPerWeight == 4.25)  // 17 · 8 / 32
  }

  @Test func exactBytesPerTensor() {
    // 4096 × 4096 Q4_K: 65536 blocks × 144 = 9,437,184 bytes.
    #expect(GGMLType.q4_K.bytes(elements: 4096 * 4096) == 9_437_184)
    // Llama-3-8B output, 4096 × 128256 Q6_K: 2,052,096 blocks × 210 = 430,940,160.
    #expect(GGMLType.q6_K.bytes(elements: 4096 * 128_256) == 430_940_160)
    // 4096 × 4096 Q4_0: 524,288 blocks × 18 = 9,437,184.
    #expect(GGMLType.q4_0.bytes(elements: 4096 * 4096) == 9_437_184)
    // A 4096 F32 norm: 16,384 bytes.
    #expect(GGMLType.f32.bytes(elements: 4096) == 16_384)
    // Not a whole number of blocks, and an overflowing product.
    #expect(GGMLType.q4_K.bytes(elements: 100) == nil)
    #expect(GGMLType.f32.bytes(elements: 1 << 62) == nil)
  }

  @Test func namesAndRetiredNumbers() {
    #expect(GGMLType.q4_K.name == "Q4_K")
    #expect(GGMLType.iq2_XXS.name == "IQ2_XXS")
    #expect(GGMLType(name: "q6_k") == .q6_K)
    #expect(GGMLType(name: "Q4_2") == nil)
    #expect(GGMLType(rawValue: 4) == nil && GGMLType.retiredName(4) == "Q4_2")
    #expect(GGMLType.retiredName(31) == "Q4_0_4_4")
    #expect(GGMLType.retiredName(12) == nil)
  }
}
