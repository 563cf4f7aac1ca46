import Trace

extension DevicePower {
  /// The keys of a `power` object.
  package static let jsonKeys = [
    "idle_w", "max_w", "pj_per_op", "pj_per_byte", "cap_w", "burst_w", "burst_s",
  ]

  /// Parses a `power` object; what it leaves out comes from `defaults` (the
  /// kind's), and `idle_w` from ``idleFraction`` of `max_w`. `max_w` must
  /// exceed `idle_w`, and a `cap_w` must exceed
  /// `idle_w` (a device cannot draw less than idle).
  package init(node: JSONNode, defaults: DevicePower) throws(LifeError) {
    _ = try node.members(allowed: DevicePower.jsonKeys)
    let maxNode = try node.optional("max_w")
    let maxW = try maxNode?.double(min: 0, max: 1e6, exclusiveMin: true) ?? defaults.maxW
    let idle =
      try node.optional("idle_w")?.double(min: 0, max: 1e6) ?? maxW * DevicePower.idleFraction
    if maxW <= idle {
      throw (maxNode ?? node).error(
        "max_w at or below idle_w", expected: "max_w > idle_w (\(JSONFormat.number(idle)) W)")
    }
    var perOp: [String: Double] = [:]
    if let ops = try node.optional("pj_per_op") {
      for member in try ops.members(allowed: Device.peakTopsKeys) {
        perOp[member.key] = try member.node.double(min: 0, max: 1e9)
      }
    }
    let perByte =
      try node.optional("pj_per_byte")?.double(min: 0, max: 1e9) ?? defaults.pjPerByte
    var cap: Double?
    if let capNode = try node.optional("cap_w") {
      let value = try capNode.double(min: 0, max: 1e6, exclusiveMin: true)
      if value <= idle {
        throw capNode.error(
          "cap_w at or below idle_w", expected: "a cap above idle_w (\(JSONFormat.number(idle)) W)")
      }
      cap = value
    }
    self.init(idleW: idle, maxW: maxW, pjPerOp: perOp, pjPerByte: perByte, capW: cap)
    let burstNode = try node.optional("burst_w")
    let secondsNode = try node.optional("burst_s")
    if burstNode != nil || secondsNode != nil {
      guard let cap, let burstNode, let secondsNode else {
        throw (burstNode ?? secondsNode ?? node).error(
          "incomplete burst profile", expected: "cap_w, burst_w and burst_s together")
      }
      let burst = try burstNode.double(min: 0, max: 1e6, exclusiveMin: true)
      if burst <= cap {
        throw burstNode.error(
          "burst_w at or below cap_w", expected: "more than cap_w (\(JSONFormat.number(cap)) W)")
      }
      burstW = burst
      burstS = try secondsNode.double(min: 0, max: 1e9, exclusiveMin: true)
    }
  }

  /// The `power` object: `pj_per_op` as given (derived entries are left to
  /// the reader, who derives them the same way), `cap_w` when set.
  package var jsonValue: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("idle_w", .num(idleW)), ("max_w", .num(maxW)),
    ]
    let ops = Device.peakTopsKeys.compactMap { key in pjPerOp[key].map { (key, JSONValue.num($0)) }
    }
    if !ops.isEmpty { members.append(("pj_per_op", .object(ops))) }
    members.append(("pj_per_byte", .num(pjPerByte)))
    if let capW { members.append(("cap_w", .num(capW))) }
    if let burstW, let burstS {
      members.append(("burst_w", .num(burstW)))
      members.append(("burst_s", .num(burstS)))
    }
    return .object(members)
  }
}
