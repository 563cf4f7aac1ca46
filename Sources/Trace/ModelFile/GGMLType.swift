/// A ggml tensor type, numbered as `enum ggml_type` in ggml's `ggml.h`.
/// Numbers ggml has retired (4, 5, 31–33, 36–38) are not types: see
/// ``retiredName(_:)``.
package enum GGMLType: UInt32, Sendable, CaseIterable {
  case f32 = 0
  case f16 = 1
  case q4_0 = 2
  case q4_1 = 3
  case q5_0 = 6
  case q5_1 = 7
  case q8_0 = 8
  case q8_1 = 9
  case q2_K = 10
  case q3_K = 11
  case q4_K = 12
  case q5_K = 13
  case q6_K = 14
  case q8_K = 15
  case iq2_XXS = 16
  case iq2_XS = 17
  case iq3_XXS = 18
  case iq1_S = 19
  case iq4_NL = 20
  case iq3_S = 21
  case iq2_S = 22
  case iq4_XS = 23
  case i8 = 24
  case i16 = 25
  case i32 = 26
  case i64 = 27
  case f64 = 28
  case iq1_M = 29
  case bf16 = 30
  case tq1_0 = 34
  case tq2_0 = 35
  case mxfp4 = 39
  case nvfp4 = 40
  case q1_0 = 41
  case q2_0 = 42

  /// The name as llama.cpp and the `gguf` Python package print it: `F32`,
  /// `Q4_K`, `IQ2_XXS`, `MXFP4`.
  package var name: String { String(describing: self).uppercased() }

  /// The type named `name` (case-insensitive), if any.
  package init?(name: String) {
    let upper = name.uppercased()
    guard let found = Self.allCases.first(where: { $0.name == upper }) else { return nil }
    self = found
  }

  /// What a retired type number was, for the error that rejects it.
  package static func retiredName(_ raw: UInt32) -> String? {
    switch raw {
    case 4: return "Q4_2"
    case 5: return "Q4_3"
    case 31: return "Q4_0_4_4"
    case 32: return "Q4_0_4_8"
    case 33: return "Q4_0_8_8"
    case 36: return "IQ4_NL_4_4"
    case 37: return "IQ4_NL_4_8"
    case 38: return "IQ4_NL_8_8"
    default: return nil
    }
  }
}
