import Foundation

/// Which Linears a scheme quantizes.
extension QuantizationScheme {
  /// Whether the Linear at `site` of `layer` (-1: model level) is stored in
  /// ``format``: not the LM head when ``keepsHead``, and not a module
  /// ``ignore`` names.
  package func quantizes(layer: Int, site: OpSite) -> Bool {
    if site == .lmHead && keepsHead { return false }
    let module = Self.moduleName(layer: layer, site: site)
    return !ignore.contains { Self.pattern($0, matches: module) }
  }

  /// The Hugging Face module name of a site: `model.layers.3.self_attn.q_proj`,
  /// `lm_head`.
  static func moduleName(layer: Int, site: OpSite) -> String {
    if site == .lmHead { return "lm_head" }
    if site == .embedTokens { return "model.embed_tokens" }
    return layer < 0 ? "model." + site.rawValue : "model.layers.\(layer)." + site.rawValue
  }

  /// Whether an ignore entry names `module`: `re:` and a regular expression
  /// matched from the start (compressed-tensors); a glob with `*` (gpt-oss's
  /// `model.layers.*.self_attn`); else a run of whole name components
  /// (`lm_head`, `self_attn`, `mlp.gate`), as transformers' substring check
  /// of `modules_to_not_convert` finds them.
  static func pattern(_ entry: String, matches module: String) -> Bool {
    if entry.hasPrefix("re:") {
      let expression = String(entry.dropFirst(3))
      guard let regex = try? NSRegularExpression(pattern: expression) else { return false }
      let range = NSRange(module.startIndex..., in: module)
      return regex.firstMatch(in: module, options: [.anchored], range: range) != nil
    }
    if entry.contains("*") {
      let parts = entry.split(separator: "*", omittingEmptySubsequences: false)
      let body = parts.map { NSRegularExpression.escapedPattern(for: String($0)) }
        .joined(separator: "[^.]*")
      guard let regex = try? NSRegularExpression(pattern: "^" + body + "(\\..*)?$") else {
        return false
      }
      let range = NSRange(module.startIndex..., in: module)
      return regex.firstMatch(in: module, range: range) != nil
    }
    return ("." + module + ".").contains("." + entry + ".")
  }
}
