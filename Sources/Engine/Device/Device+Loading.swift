import Foundation
import Trace

extension Device {
  /// The keys of a device JSON object.
  package static let jsonKeys: [String] = [
    "name", "kind", "peak_tops", "bandwidth_gb_s", "dispatch_us", "memory_gib", "tile",
    "shared_memory_group", "efficiency", "vendor", "backend", "memory_type", "sources", "power",
    "uncertainty",
  ]

  /// Reads a device JSON file (CONTRACT.md "Device JSON").
  public static func load(path: String) throws(LifeError) -> Device {
    try Device(node: try JSONNode.load(file: path))
  }

  /// A preset name, else a device JSON path (relative to `file`, a scenario,
  /// when given). An unknown name that is not a file is an error at
  /// `location` suggesting the closest preset.
  public static func resolve(
    _ reference: String, relativeTo file: String? = nil, at location: ErrorLocation = .init()
  ) throws(LifeError) -> Device {
    if let preset = preset(named: reference) { return preset }
    let path = FileInput.resolve(reference, relativeTo: file)
    if FileInput.exists(path) { return try load(path: path) }
    let kind: LifeError.Kind = location.file == nil ? .usage : .failure
    if FileInput.isDirectory(path) {
      throw LifeError(
        kind, at: location, "is a directory", got: "'\(reference)'",
        expected: "a preset (life devices) or a device JSON file")
    }
    throw LifeError(
      kind, at: location, "unknown device", got: "'\(reference)'",
      expected: "a preset (life devices) or a device JSON file",
      suggestion: DidYouMean.suggest(reference, among: presetNames))
  }

  /// Parses a device from a JSON object; kind defaults fill in what it leaves
  /// out. Every error names the file and JSON path.
  package init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: Device.jsonKeys)
    let name = try node.required("name", expected: "a string").string()
    let kindNode = try node.required("kind", expected: "one of cpu, npu, igpu, gpu")
    guard let kind = DeviceKind(rawValue: try kindNode.choice(DeviceKind.allCases.map(\.rawValue)))
    else { throw kindNode.error("unknown value") }
    let tops = try Device.parsePeakTops(try node.required("peak_tops", expected: "an object"))
    let bandwidth = try node.required("bandwidth_gb_s", expected: "a number > 0").rate()
    let dispatch =
      try node.optional("dispatch_us")?.double(min: 0, max: 1e9) ?? kind.defaultDispatchUs
    let memory = try node.optional("memory_gib")?.double(min: 0, exclusiveMin: true)
    let tile = try node.optional("tile")?.int(min: 1, max: 1 << 20)
    let group = try node.optional("shared_memory_group")?.string()
    if let group, group.isEmpty {
      throw try node.required("shared_memory_group").error(
        "empty group name", expected: "a non-empty string")
    }
    let efficiency =
      try node.optional("efficiency").map { (n) throws(LifeError) in
        try Efficiency(node: n)
      } ?? kind.defaultEfficiency
    func trait<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(LifeError)
      -> T?
    where T.RawValue == String {
      guard let n = try node.optional(key) else { return nil }
      return T(rawValue: try n.choice(T.allCases.map(\.rawValue)))
    }
    var sources: [String: String] = [:]
    if let s = try node.optional("sources") {
      for (key, value) in try s.members() { sources[key] = try value.string() }
    }
    self.init(
      name: name, kind: kind, peakTops: tops, bandwidthGBs: bandwidth, dispatchUs: dispatch,
      memoryGiB: memory, tile: tile, sharedMemoryGroup: group, efficiency: efficiency,
      vendor: try trait("vendor", DeviceVendor.self),
      backend: try trait("backend", DeviceBackend.self),
      memoryType: try trait("memory_type", MemoryType.self))
    given = []
    if try node.optional("efficiency") != nil {
      given.formUnion([.computeEfficiency, .memoryEfficiency])
    }
    if try node.optional("dispatch_us") != nil { given.insert(.dispatch) }
    self.sources = sources
    if let powerNode = try node.optional("power") {
      power = try DevicePower(node: powerNode, defaults: power)
    }
    uncertainty = try node.optional("uncertainty").map { (n) throws(LifeError) in
      try ClassUncertainty(node: n)
    }
  }

  static func parsePeakTops(_ node: JSONNode) throws(LifeError) -> [String: Double] {
    var tops: [String: Double] = [:]
    for member in try node.members(allowed: peakTopsKeys) {
      tops[member.key] = try member.node.rate()
    }
    if tops.isEmpty {
      throw node.error(
        "no peak TOPS given", expected: "at least one of " + peakTopsKeys.joined(separator: ", "))
    }
    return tops
  }
}

extension Efficiency {
  /// The keys of an `efficiency` object.
  package static let jsonKeys = ["compute", "memory", "by_kind", "compute_curve", "memory_curve"]

  /// Parses an `efficiency` object. It replaces the kind's defaults
  /// entirely: `compute` is required unless `compute_curve` is given, and
  /// `memory` unless `memory_curve` is.
  package init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: Efficiency.jsonKeys)
    let computeCurve = try node.optional("compute_curve").map { (n) throws(LifeError) in
      try EfficiencyCurve(node: n)
    }
    let memoryCurve = try node.optional("memory_curve").map { (n) throws(LifeError) in
      try EfficiencyCurve(node: n)
    }
    func value(_ key: String, curve: EfficiencyCurve?) throws(LifeError) -> Double {
      if let n = try node.optional(key) { return try n.efficiency() }
      if let curve, let last = curve.points.last { return last.1 }
      _ = try node.required(key, expected: "a number in (0, 1] (or a \(key)_curve)")
      return 1
    }
    let compute = try value("compute", curve: computeCurve)
    let memory = try value("memory", curve: memoryCurve)
    var byKind: [OpKind: KindEfficiency] = [:]
    if let kinds = try node.optional("by_kind") {
      for member in try kinds.members(allowed: OpKind.allCases.map(\.rawValue)) {
        guard let kind = OpKind(rawValue: member.key) else { continue }
        _ = try member.node.members(allowed: ["compute", "memory", "compute_curve"])
        let entry = KindEfficiency(
          compute: try member.node.optional("compute")?.efficiency(),
          memory: try member.node.optional("memory")?.efficiency(),
          computeCurve: try member.node.optional("compute_curve").map {
            (n) throws(LifeError) in try EfficiencyCurve(node: n)
          })
        if entry.compute == nil && entry.memory == nil && entry.computeCurve == nil {
          throw member.node.error(
            "empty override", expected: "'compute', 'memory' and/or 'compute_curve'")
        }
        byKind[kind] = entry
      }
    }
    self.init(
      compute: compute, memory: memory, byKind: byKind, computeCurve: computeCurve,
      memoryCurve: memoryCurve)
  }
}

extension EfficiencyCurve {
  /// Parses `{"over": "tokens", "points": [[tokens, efficiency], ...]}`:
  /// at least one point, tokens > 0 and strictly increasing, efficiencies
  /// in (0, 1].
  package init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: ["over", "points"])
    let over = try node.optional("over")?.choice(["tokens"]) ?? "tokens"
    let pointsNode = try node.required("points", expected: "an array of [tokens, efficiency] pairs")
    var points: [(Double, Double)] = []
    for item in try pointsNode.items() {
      let pair = try item.items()
      guard pair.count == 2 else {
        throw item.error("wrong number of values", expected: "[tokens, efficiency]")
      }
      let tokens = try pair[0].double(min: 0, exclusiveMin: true)
      if let previous = points.last, tokens <= previous.0 {
        throw pair[0].error(
          "points out of order", expected: "tokens increasing from point to point")
      }
      points.append((tokens, try pair[1].efficiency()))
    }
    if points.isEmpty {
      throw pointsNode.error("no points", expected: "at least one [tokens, efficiency] pair")
    }
    self.init(over: over, points: points)
  }
}

extension Device {
  /// The smallest rate (TOPS, GB/s) or efficiency LIFE accepts: below it
  /// times overflow to infinity (a forecast of 1e-320 TOPS is no forecast).
  package static let minimumRate = 1e-9
  /// The largest rate (TOPS, GB/s) LIFE accepts: 10^9, a million times
  /// today's fastest accelerator (about 10^4 dense TOPS and 10^4 GB/s).
  /// Beyond it a rate is a typo, and near 10^296 its reciprocal in seconds
  /// per operation underflows to zero.
  package static let maximumRate = 1e9
}

extension JSONNode {
  /// An efficiency: a number in (0, 1], at least ``Device/minimumRate``.
  func efficiency() throws(LifeError) -> Double {
    let value = try double(min: 0, max: 1, exclusiveMin: true)
    if value < Device.minimumRate {
      throw error("number too small", expected: "a number in [1e-9, 1]")
    }
    return value
  }

  /// A rate (TOPS or GB/s): a number in [``Device/minimumRate``,
  /// ``Device/maximumRate``].
  package func rate() throws(LifeError) -> Double {
    let value = try double(min: 0, exclusiveMin: true)
    if value < Device.minimumRate {
      throw error("number too small", expected: "a number in [1e-9, 1e9]")
    }
    if value > Device.maximumRate {
      throw error("number too large", expected: "a number in [1e-9, 1e9]")
    }
    return value
  }
}
