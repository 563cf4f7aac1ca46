/// Parsing the option values that are more than a name: attention conversions
/// and weight formats.
extension WorkloadOptions.AttentionChoice {
  /// Parses `auto`, `mha`, `gqa:K` (K ≥ 1), `mqa` or `mla`.
  public static func parse(_ text: String) -> Self? {
    switch text.lowercased() {
    case "auto": return .auto
    case "mha": return .mha
    case "mqa": return .mqa
    case "mla": return .mla
    default:
      let parts = text.lowercased().split(separator: ":", omittingEmptySubsequences: false)
      if parts.count == 2, parts[0] == "gqa", let k = Int(parts[1]), k >= 1 { return .gqa(k) }
      return nil
    }
  }
}

extension WorkloadOptions.WeightChoice {
  /// Names listed in help and used for did-you-mean.
  public static var knownNames: [String] {
    ["fp32", "fp16", "bf16", "fp8", "int8", "int4", "mxfp8", "mxint8", "mxfp4"]
      + WeightFormat.ggufNames
  }

  /// Parses a `--weights` value: a plain dtype, `int8`/`int4` (the paper's
  /// group-128 scheme), `intN:gG`, an MX format or a GGUF type name
  /// (case-insensitive).
  /// GGUF's `F16` and `BF16` (as spelled, and `f16`, which is no dtype
  /// name of the contract) keep their GGUF spelling: plain 16-bit storage
  /// that prints as typed.
  public static func parse(_ text: String) -> Self? {
    let lowered = text.lowercased()
    if text == "F16" || text == "BF16" || lowered == "f16", let f = WeightFormat.gguf(named: text) {
      return .quantized(f)
    }
    if let d = DType(name: lowered), !d.isInteger { return .plain(d) }
    if let format = WeightFormat.parse(text) { return .quantized(format) }
    return nil
  }
}
