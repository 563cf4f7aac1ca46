/// The weights a config's `quantization_config` implies when no header
/// gives them tensor by tensor.
extension StoredWeights {
  /// Every Linear of `model` in `scheme`'s format, but those it leaves
  /// unquantized (in the config's dtype); the embedding table unquantized.
  package init(scheme: QuantizationScheme, model: ModelConfig) {
    let plain = WorkloadOptions.WeightChoice.plain(model.torchDType ?? .bf16)
    let quantized = WorkloadOptions.WeightChoice.quantized(scheme.format)
    let layers: [[OpSite: Entry]] = (0..<model.layers).map { layer in
      var sites: [OpSite: Entry] = [:]
      for (site, _) in Self.siteRoles {
        sites[site] = Entry(scheme.quantizes(layer: layer, site: site) ? quantized : plain)
      }
      return sites
    }
    let name = scheme.format.name
    let method = name.hasPrefix(scheme.method.rawValue) ? name : scheme.method.rawValue + " " + name
    let head = scheme.quantizes(layer: -1, site: .lmHead) ? quantized : plain
    self.init(
      label: quantized, source: scheme.origin,
      mix: method + " on the quantized Linears, \(plain.text) elsewhere",
      bytes: nil, tensors: 0, layers: layers, head: [.lmHead: Entry(head)], embedding: plain)
  }
}
