extension WeightFormat {
  /// The GGUF type names LIFE knows, as llama.cpp spells them.
  package static let ggufNames: [String] = [
    "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_K_M", "Q4_K_M", "Q6_K",
    "Q5_1", "Q4_K_S", "Q5_K_S", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q2_K", "IQ4_XS", "IQ4_NL",
  ]

  /// Parses a quantized format name: `int8`, `int4` (the paper's scheme:
  /// groups of 128, one activation-dtype scale and one zero point in the
  /// weight dtype per group), `intN:gG`, `mxfp8`, `mxint8`, `mxfp4`, or a GGUF
  /// name. Returns nil for anything else.
  package static func parse(_ text: String) -> WeightFormat? {
    let lowered = text.lowercased()
    switch lowered {
    case "int8": return .groupInteger(bits: 8, group: 128)
    case "int4": return .groupInteger(bits: 4, group: 128)
    case "mxfp8": return .mxfp8
    case "mxint8": return .mxint8
    case "mxfp4": return .mxfp4
    default: break
    }
    if let gguf = WeightFormat.gguf(named: text) { return gguf }
    // intN:gG
    let parts = lowered.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].hasPrefix("int"), parts[1].hasPrefix("g"),
      let bits = Int(parts[0].dropFirst(3)), let group = Int(parts[1].dropFirst()),
      (2...8).contains(bits), group >= 1, group <= 1 << 20
    else { return nil }
    return .groupInteger(bits: bits, group: group)
  }
}
