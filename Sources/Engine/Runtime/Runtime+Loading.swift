import Trace

extension Runtime {
  /// The keys of a runtime JSON file.
  static let jsonKeys = [
    "name", "summary", "backend", "defaults", "accounting", "kernels", "peaks", "classes",
    "priors", "uncertainty", "verify", "sources",
  ]

  /// Parses a runtime JSON file's root object; every error names the file
  /// and JSON path.
  init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: Runtime.jsonKeys)
    name = try node.required("name", expected: "a string").string()
    summary = try node.optional("summary")?.string() ?? ""
    backend =
      try node.optional("backend").map { (n) throws(LifeError) in
        DeviceBackend(rawValue: try n.choice(DeviceBackend.allCases.map(\.rawValue)))
      } ?? nil
    var defaults: [WorkloadSetting] = []
    if let d = try node.optional("defaults") {
      for (key, value) in try d.members(allowed: WorkloadOption.allCases.map(\.name)) {
        guard let option = WorkloadOption(rawValue: key) else { continue }
        defaults.append(try value.setting(option))
      }
    }
    self.defaults = defaults
    var accounting = WorkloadAccounting.standard
    if let a = try node.optional("accounting") {
      _ = try a.members(allowed: ["score_dtype", "kv_padding"])
      if let t = try a.optional("score_dtype") {
        guard let d = DType(name: try t.string()) else {
          throw t.error("unknown dtype", expected: "fp32, fp16 or bf16")
        }
        accounting.scoreType = d
      }
      accounting.kvPadding = try a.optional("kv_padding")?.int(min: 1, max: 1 << 20)
    }
    self.accounting = accounting
    kernels = try node.optional("kernels").map { (n) throws(LifeError) in
      try KernelGraph(node: n)
    }
    peaks =
      try node.optional("peaks").map { (n) throws(LifeError) in try PeakPolicy(node: n) }
      ?? .computeType
    let classesNode = try node.required("classes", expected: "an object: device class → figures")
    var classes: [String: ClassFigures] = [:]
    for (key, value) in try classesNode.members() {
      classes[key] = try ClassFigures(node: value)
    }
    if classes.isEmpty {
      throw classesNode.error("no device classes", expected: "at least a 'default' class")
    }
    self.classes = classes
    var priors: [String: ClassFigures] = [:]
    if let p = try node.optional("priors") {
      for (key, value) in try p.members() { priors[key] = try ClassFigures(node: value) }
    }
    self.priors = priors
    var uncertainty: [String: ClassUncertainty] = [:]
    if let u = try node.optional("uncertainty") {
      for (key, value) in try u.members() { uncertainty[key] = try ClassUncertainty(node: value) }
    }
    self.uncertainty = uncertainty
    verify = try node.optional("verify").map { (n) throws(LifeError) in
      try VerifyTemplate(node: n)
    }
    var sources: [String: String] = [:]
    if let s = try node.optional("sources") {
      for (key, value) in try s.members() { sources[key] = try value.string() }
    }
    self.sources = sources
  }
}

extension KernelGraph {
  init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: [
      "per_kind", "per_site", "flash_attention", "unfused_attention", "per_quantized_linear",
      "per_pass", "vector_tokens",
    ])
    func count(_ n: JSONNode?) throws(LifeError) -> Int { try n?.int(min: 0, max: 1000) ?? 0 }
    var perKind: [OpKind: Int] = [:]
    if let k = try node.optional("per_kind") {
      for (key, value) in try k.members(allowed: OpKind.allCases.map(\.rawValue)) {
        if let kind = OpKind(rawValue: key) { perKind[kind] = try count(value) }
      }
    }
    self.perKind = perKind
    var perSite: [OpSite: Int] = [:]
    if let k = try node.optional("per_site") {
      for (key, value) in try k.members(allowed: OpSite.allCases.map(\.rawValue)) {
        if let site = OpSite(rawValue: key) { perSite[site] = try count(value) }
      }
    }
    self.perSite = perSite
    flashAttention = try count(try node.optional("flash_attention"))
    let unfused = try node.optional("unfused_attention")
    _ = try unfused?.members(allowed: ["scores", "softmax", "context"])
    unfusedScores = try count(try unfused?.optional("scores"))
    unfusedSoftmax = try count(try unfused?.optional("softmax"))
    unfusedContext = try count(try unfused?.optional("context"))
    perQuantizedLinear = try count(try node.optional("per_quantized_linear"))
    perPass = try count(try node.optional("per_pass"))
    vectorTokens = try node.optional("vector_tokens")?.int(min: 1, max: 1 << 20)
  }
}

extension PeakPolicy {
  init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: ["quantized_gemm", "plain_gemm", "attention"])
    func key(_ n: JSONNode?) throws(LifeError) -> String? {
      try n?.choice(Device.peakTopsKeys)
    }
    quantizedGEMM = try key(try node.optional("quantized_gemm"))
    var plain: [DType: String] = [:]
    if let p = try node.optional("plain_gemm") {
      for (dtype, value) in try p.members(allowed: ["fp32", "fp16", "bf16", "fp8"]) {
        if let d = DType(name: dtype), let k = try key(value) { plain[d] = k }
      }
    }
    plainGEMM = plain
    attention = try key(try node.optional("attention"))
  }
}

extension ClassFigures {
  init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: [
      "compute", "attention", "memory", "by_kind", "launch_us", "host_us",
    ])
    compute = try ComputeCurveModel(node: try node.required("compute", expected: "an object"))
    attention = try node.optional("attention").map { (n) throws(LifeError) in
      try ComputeCurveModel(node: n)
    }
    memory = try node.required("memory", expected: "a number in (0, 1]").efficiency()
    var byKind: [OpKind: KindEfficiency] = [:]
    if let kinds = try node.optional("by_kind") {
      for (key, value) in try kinds.members(allowed: OpKind.allCases.map(\.rawValue)) {
        guard let kind = OpKind(rawValue: key) else { continue }
        _ = try value.members(allowed: ["compute", "memory"])
        byKind[kind] = KindEfficiency(
          compute: try value.optional("compute")?.efficiency(),
          memory: try value.optional("memory")?.efficiency())
      }
    }
    self.byKind = byKind
    launchUs = try PhaseValues(node: try node.required("launch_us", expected: "an object"))
    hostUs = try PhaseValues(node: try node.required("host_us", expected: "an object"))
  }
}

extension PhaseValues {
  init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: ["prefill", "decode"])
    prefill = try node.required("prefill", expected: "a number ≥ 0 (µs)").double(min: 0, max: 1e9)
    decode = try node.required("decode", expected: "a number ≥ 0 (µs)").double(min: 0, max: 1e9)
  }
}

extension ComputeCurveModel {
  init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: [
      "max", "half_tokens", "reference_tops", "size_exponent", "decline_tokens",
      "decline_exponent",
    ])
    max = try node.required("max", expected: "a number in (0, 1]").efficiency()
    halfTokens = try node.required("half_tokens", expected: "a number ≥ 0").double(min: 0, max: 1e9)
    referenceTops =
      try node.optional("reference_tops")?.double(min: 0, exclusiveMin: true) ?? 100
    sizeExponent = try node.optional("size_exponent")?.double(min: 0, max: 4) ?? 0
    declineTokens = try node.optional("decline_tokens")?.double(min: 0, exclusiveMin: true)
    declineExponent = try node.optional("decline_exponent")?.double(min: 0, max: 4) ?? 0
  }
}

extension VerifyTemplate {
  init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: ["command", "by_kind"])
    command = try node.required("command", expected: "a command line template").string()
    var byKind: [DeviceKind: String] = [:]
    if let k = try node.optional("by_kind") {
      for (key, value) in try k.members(allowed: DeviceKind.allCases.map(\.rawValue)) {
        if let kind = DeviceKind(rawValue: key) { byKind[kind] = try value.string() }
      }
    }
    self.byKind = byKind
  }
}
