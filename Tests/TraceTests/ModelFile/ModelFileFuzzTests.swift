import Testing

@testable import Trace

/// Seeded random corruption of valid headers: every outcome is a header or
/// a LifeError, never a trap (a trap would end the test process).
@Suite struct ModelFileFuzzTests {
  /// A small deterministic generator (64-bit LCG, Knuth's constants).
  struct LCG {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 17
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  }

  /// `bytes` with 1–4 random bytes set to random values, often 0xFF or 0
  /// so that counts and lengths become huge or vanish.
  func mutate(_ bytes: [UInt8], _ rng: inout LCG) -> [UInt8] {
    var out = bytes
    for _ in 0...rng.below(4) {
      let choices: [UInt8] = [0, 0xFF, 0x7F, 0x80, UInt8(rng.below(256))]
      out[rng.below(out.count)] = choices[rng.below(choices.count)]
    }
    return out
  }

  @Test func corruptedGGUFHeaders() {
    let valid = GGUFBuilder.file(
      metadata: GGUFHeaderTests.everyType,
      tensors: [
        GGUFBuilder.Tensor("token_embd.weight", [256, 4], .q4_K),
        GGUFBuilder.Tensor("blk.0.attn_norm.weight", [256], .f32),
      ])
    var rng = LCG(state: 42)
    var errors = 0
    for _ in 0..<3000 {
      let bytes = mutate(valid, &rng)
      do {
        _ = try GGUFHeader.parse(bytes: bytes, file: "f.gguf")
      } catch {
        errors += 1
        #expect(error.location.file == "f.gguf")
      }
    }
    #expect(errors > 0)
  }

  @Test func corruptedSafetensorsHeaders() {
    let json = """
      {"__metadata__": {"format": "pt"},
       "a": {"dtype": "BF16", "shape": [10, 4], "data_offsets": [0, 80]},
       "b": {"dtype": "F4", "shape": [4], "data_offsets": [80, 82]}}
      """
    let valid = safetensorsFile(json, data: 82)
    var rng = LCG(state: 7)
    for _ in 0..<3000 {
      do {
        _ = try SafetensorsHeader.parse(bytes: mutate(valid, &rng), file: "f.safetensors")
      } catch {
        #expect(error.location.file == "f.safetensors")
      }
    }
  }
}
