import Trace

extension Runtime {
  /// The runtime in its JSON file format (docs/runtimes.md), so that it can
  /// be written to a file and loaded back unchanged: keys in file order,
  /// maps sorted by key.
  package var jsonValue: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("name", .string(name)), ("summary", .string(summary)),
    ]
    if let backend { members.append(("backend", .string(backend.rawValue))) }
    members.append(
      ("defaults", .object(defaults.map { ($0.option.name, $0.jsonValue) })))
    var accounting: [(key: String, value: JSONValue)] = []
    if let t = self.accounting.scoreType { accounting.append(("score_dtype", .string(t.rawValue))) }
    if let p = self.accounting.kvPadding { accounting.append(("kv_padding", .int(p))) }
    members.append(("accounting", .object(accounting)))
    if let kernels { members.append(("kernels", kernels.jsonValue)) }
    members.append(("peaks", peaks.jsonValue))
    members.append(
      (
        "classes",
        .object(classes.keys.sorted().compactMap { k in classes[k].map { (k, $0.jsonValue) } })
      ))
    if !priors.isEmpty {
      members.append(
        (
          "priors",
          .object(priors.keys.sorted().compactMap { k in priors[k].map { (k, $0.jsonValue) } })
        ))
    }
    if !uncertainty.isEmpty {
      members.append(
        (
          "uncertainty",
          .object(
            uncertainty.keys.sorted().compactMap { k in uncertainty[k].map { (k, $0.jsonValue) } })
        ))
    }
    if let verify { members.append(("verify", verify.jsonValue)) }
    members.append(
      (
        "sources",
        .object(sources.keys.sorted().compactMap { k in sources[k].map { (k, .string($0)) } })
      ))
    return .object(members)
  }
}

extension WorkloadSetting {
  /// The value as a runtime's `defaults` entry: integers as numbers, the
  /// rest in their canonical spelling.
  var jsonValue: JSONValue { integer.map { .int($0) } ?? .string(text) }
}

extension KernelGraph {
  var jsonValue: JSONValue {
    .object(
      [
        (
          "per_kind",
          .object(
            perKind.keys.sorted().compactMap { k in perKind[k].map { (k.rawValue, .int($0)) } })
        ),
        (
          "per_site",
          .object(
            perSite.keys.sorted { $0.rawValue < $1.rawValue }.compactMap { k in
              perSite[k].map { (k.rawValue, .int($0)) }
            })
        ),
        ("flash_attention", .int(flashAttention)),
        (
          "unfused_attention",
          .object([
            ("scores", .int(unfusedScores)), ("softmax", .int(unfusedSoftmax)),
            ("context", .int(unfusedContext)),
          ])
        ),
        ("per_quantized_linear", .int(perQuantizedLinear)),
        ("per_pass", .int(perPass)),
      ] + (vectorTokens.map { [("vector_tokens", .int($0))] } ?? []))
  }
}

extension PeakPolicy {
  var jsonValue: JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    if let quantizedGEMM { members.append(("quantized_gemm", .string(quantizedGEMM))) }
    members.append(
      (
        "plain_gemm",
        .object(
          plainGEMM.keys.sorted { $0.rawValue < $1.rawValue }.compactMap { d in
            plainGEMM[d].map { (d.rawValue, .string($0)) }
          })
      ))
    if let attention { members.append(("attention", .string(attention))) }
    return .object(members)
  }
}

extension ClassFigures {
  var jsonValue: JSONValue {
    var members: [(key: String, value: JSONValue)] = [("compute", compute.jsonValue)]
    if let attention { members.append(("attention", attention.jsonValue)) }
    members.append(("memory", .num(memory)))
    if !byKind.isEmpty {
      members.append(
        (
          "by_kind",
          .object(
            byKind.keys.sorted().compactMap { kind in
              guard let entry = byKind[kind] else { return nil }
              var fields: [(key: String, value: JSONValue)] = []
              if let c = entry.compute { fields.append(("compute", .num(c))) }
              if let m = entry.memory { fields.append(("memory", .num(m))) }
              return (kind.rawValue, .object(fields))
            })
        ))
    }
    members.append(("launch_us", launchUs.jsonValue))
    members.append(("host_us", hostUs.jsonValue))
    return .object(members)
  }
}

extension PhaseValues {
  var jsonValue: JSONValue { .object([("prefill", .num(prefill)), ("decode", .num(decode))]) }
}

extension ComputeCurveModel {
  var jsonValue: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("max", .num(max)), ("half_tokens", .num(halfTokens)),
      ("reference_tops", .num(referenceTops)), ("size_exponent", .num(sizeExponent)),
    ]
    if let declineTokens { members.append(("decline_tokens", .num(declineTokens))) }
    if declineTokens != nil || declineExponent != 0 {
      members.append(("decline_exponent", .num(declineExponent)))
    }
    return .object(members)
  }
}

extension VerifyTemplate {
  var jsonValue: JSONValue {
    var members: [(key: String, value: JSONValue)] = [("command", .string(command))]
    if !byKind.isEmpty {
      members.append(
        (
          "by_kind",
          .object(
            byKind.keys.sorted { $0.rawValue < $1.rawValue }.compactMap { k in
              byKind[k].map { (k.rawValue, .string($0)) }
            })
        ))
    }
    return .object(members)
  }
}
