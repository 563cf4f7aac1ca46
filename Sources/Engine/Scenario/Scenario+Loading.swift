import Foundation
import Trace

extension Scenario {
  /// The top-level keys of a scenario.
  package static let keys = [
    "version", "name", "model", "workload", "options", "devices", "mapping", "links", "overlap",
    "runtime", "trace", "compare", "requests", "scheduler", "slo", "speculative",
  ]
  /// The keys of the `speculative` section.
  package static let speculativeKeys = [
    "draft_model", "draft_device", "draft_tokens", "acceptance",
  ]
  /// The keys of a `compare` entry.
  package static let compareKeys = [
    "name", "mapping", "devices", "options", "overlap", "links", "runtime",
  ]
  /// The options `options` accepts (prompt, generate and batch live in
  /// `workload`).
  package static let optionKeys = WorkloadOption.allCases.filter { !$0.isOperatingPoint }.map(
    \.name)

  /// Reads and validates a scenario file. Paths inside it (model, device
  /// files) are relative to the file.
  package static func load(path: String) throws(LifeError) -> Scenario {
    try Scenario(node: try JSONNode.load(file: path))
  }

  /// Parses a scenario from its root node (its `file` resolves relative
  /// paths).
  package init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: Scenario.keys)
    let file = node.file
    var version = Scenario.supportedVersion
    if let v = try node.optional("version") {
      version = try v.int(min: 1, max: Int(Int32.max))
      if version > Scenario.supportedVersion {
        throw v.error(
          "unsupported scenario version",
          expected:
            "version \(Scenario.supportedVersion) or lower (this LIFE reads version \(Scenario.supportedVersion); the file is version \(version))"
        )
      }
    }
    let defaultName =
      file.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
      ?? "scenario"
    let name = try node.optional("name")?.string() ?? defaultName

    let modelNode = try node.required("model", expected: "a model preset or a config.json path")
    let modelText = try modelNode.string()
    if modelText.isEmpty {
      throw modelNode.error("empty model", expected: "a model preset or a config.json path")
    }
    let resolved = FileInput.resolve(modelText, relativeTo: file)
    let isPath =
      FileInput.exists(resolved) || modelText.contains("/") || modelText.hasSuffix(".json")

    var options = WorkloadOptions(prompt: 0)
    var optionPaths: [WorkloadOption: String] = [:]
    let workload = try node.optional("workload")
    if let workload {
      _ = try workload.members(allowed: ["prompt", "generate", "batch"])
      _ = try workload.required("prompt", expected: WorkloadOption.prompt.accepted)
      for option in [WorkloadOption.prompt, .generate, .batch] {
        guard let value = try workload.optional(option.name) else { continue }
        try value.setting(option).apply(to: &options)
        optionPaths[option] = value.path
      }
    }
    var serve = ServeSettings()
    var servesRequests = false
    for section in ServeOption.Section.allCases {
      guard let n = try node.optional(section.rawValue) else { continue }
      try serve.read(section: section, node: n)
      servesRequests = true
    }
    if workload == nil && !servesRequests {
      _ = try node.required(
        "workload", expected: "an object with prompt, generate, batch (or a requests section)")
    }
    if let o = try node.optional("options") {
      try Scenario.apply(options: o, to: &options, paths: &optionPaths)
    }

    let devicesNode = try node.required(
      "devices", expected: "an object: key → preset, device JSON path or device object")
    let devices = try Scenario.parseDevices(devicesNode, over: [])
    if devices.isEmpty { throw devicesNode.error("no devices", expected: "at least one device") }

    let mapping = try Scenario.parseMapping(
      try node.optional("mapping"), devices: devices, base: nil, at: node)
    let links = try Scenario.parseLinks(try node.optional("links"), devices: devices) ?? []
    let overlap =
      try node.optional("overlap").map { (n) throws(LifeError) in
        Overlap(rawValue: try n.choice(Overlap.allCases.map(\.rawValue))) ?? .op
      } ?? .op
    let runtime =
      try Scenario.parseRuntime(try node.optional("runtime"), devices: devices) ?? .automatic
    var trace = TraceSettings()
    if let t = try node.optional("trace") {
      _ = try t.members(allowed: ["detail", "steps", "format"])
      if let d = try t.optional("detail") {
        trace.detail =
          TraceDetail(rawValue: try d.choice(TraceDetail.allCases.map(\.rawValue))) ?? .op
      }
      if let s = try t.optional("steps") { trace.steps = try Scenario.parseSteps(s) }
      if let f = try t.optional("format") {
        trace.format =
          TraceFormat(rawValue: try f.choice(TraceFormat.allCases.map(\.rawValue))) ?? .json
      }
    }

    self.file = file
    self.version = version
    self.name = name
    self.model = ModelReference(text: modelText, resolvedPath: resolved, isPath: isPath)
    self.options = options
    self.optionPaths = optionPaths
    self.devices = devices
    self.mapping = mapping
    self.links = links
    self.overlap = overlap
    self.runtime = runtime
    self.trace = trace
    self.json = node.value
    self.compare = []
    self.hasWorkload = workload != nil
    self.serve = serve
    self.servesRequests = servesRequests
    self.speculative = try node.optional("speculative").map {
      (n) throws(LifeError) in try ScenarioSpeculation(node: n, devices: devices)
    }

    if let compareNode = try node.optional("compare") {
      for item in try compareNode.items() {
        compare.append(try variant(item))
      }
    }
  }

  /// A `compare` entry applied to this scenario's run.
  func variant(_ node: JSONNode) throws(LifeError) -> ScenarioRun {
    _ = try node.members(allowed: Scenario.compareKeys)
    var run = self.run
    run.name = try node.required("name", expected: "a string").string()
    if let o = try node.optional("options") {
      try Scenario.apply(options: o, to: &run.options, paths: &run.optionPaths)
    }
    if let d = try node.optional("devices") {
      run.devices = try Scenario.parseDevices(d, over: run.devices)
    }
    if let m = try node.optional("mapping") {
      run.mapping = try Scenario.parseMapping(m, devices: run.devices, base: run.mapping, at: node)
    } else {
      try Scenario.check(run.mapping, devices: run.devices, at: node)
    }
    if let l = try Scenario.parseLinks(try node.optional("links"), devices: run.devices) {
      run.links = l
    }
    if let o = try node.optional("overlap") {
      run.overlap = Overlap(rawValue: try o.choice(Overlap.allCases.map(\.rawValue))) ?? .op
    }
    if let r = try Scenario.parseRuntime(try node.optional("runtime"), devices: run.devices) {
      run.runtime = r
    } else {
      try Scenario.check(run.runtime, devices: run.devices, at: node)
    }
    return run
  }

  // MARK: - Parts

  /// A `runtime` (nil when absent): its per-device keys must be devices.
  static func parseRuntime(_ node: JSONNode?, devices: [(key: String, device: Device)])
    throws(LifeError) -> RuntimeChoice?
  {
    guard let node else { return nil }
    let choice = try RuntimeChoice(node: node, relativeTo: node.file)
    try check(choice, devices: devices, at: node)
    return choice
  }

  /// Checks that a per-device runtime names only declared devices.
  static func check(
    _ choice: RuntimeChoice, devices: [(key: String, device: Device)], at node: JSONNode
  )
    throws(LifeError)
  {
    let keys = devices.map(\.key)
    for key in choice.deviceKeys where !keys.contains(key) {
      throw node.error(
        "runtime for unknown device '\(key)'", expected: "one of " + keys.joined(separator: ", "),
        suggestion: DidYouMean.suggest(key, among: keys))
    }
  }

  /// Applies an `options` object, noting each option's JSON path.
  static func apply(
    options node: JSONNode, to options: inout WorkloadOptions,
    paths: inout [WorkloadOption: String]
  ) throws(LifeError) {
    for (key, value) in try node.members(allowed: optionKeys) {
      guard let option = WorkloadOption(rawValue: key), value.value != .null else { continue }
      try value.setting(option).apply(to: &options)
      paths[option] = value.path
    }
  }

  static func parseDevices(
    _ node: JSONNode, over base: [(key: String, device: Device)]
  ) throws(LifeError) -> [(key: String, device: Device)] {
    var devices = base
    for (key, value) in try node.members() {
      if key.isEmpty { throw value.error("empty device key", expected: "a name such as 'npu'") }
      let device: Device
      switch value.value {
      case .string(let reference):
        device = try Device.resolve(
          reference, relativeTo: value.file, at: ErrorLocation(file: value.file, path: value.path))
      case .object:
        device = try Device(node: value)
      default:
        throw value.error(
          "wrong type", expected: "a preset name, a device JSON path or a device object")
      }
      if let i = devices.firstIndex(where: { $0.key == key }) {
        devices[i].device = device
      } else {
        devices.append((key, device))
      }
    }
    return devices
  }

  static func parseMapping(
    _ node: JSONNode?, devices: [(key: String, device: Device)], base: Mapping?, at parent: JSONNode
  ) throws(LifeError) -> Mapping {
    let keys = devices.map(\.key)
    func key(_ n: JSONNode) throws(LifeError) -> String {
      let k = try n.string()
      guard keys.contains(k) else {
        throw n.error(
          "unknown device key",
          expected: "one of " + keys.map { "'\($0)'" }.joined(separator: ", "),
          suggestion: DidYouMean.suggest(k, among: keys))
      }
      return k
    }
    let only = keys.count == 1 ? keys[0] : nil
    guard let node else {
      if let base { return base }
      guard let only else {
        throw LifeError.file(
          parent.file, path: "mapping", "missing required field",
          expected: "a mapping when more than one device is declared")
      }
      return Mapping(prefill: only, decode: only)
    }
    _ = try node.members(allowed: ["prefill", "decode", "by_kind"])
    func phase(_ name: String, _ fallback: String?) throws(LifeError) -> String {
      if let n = try node.optional(name) { return try key(n) }
      if let fallback { return fallback }
      _ = try node.required(name, expected: "a device key")
      return ""
    }
    let prefill = try phase("prefill", base?.prefill ?? only)
    let decode = try phase("decode", base?.decode ?? only)
    var byKind = base?.byKind ?? [:]
    if let kinds = try node.optional("by_kind") {
      byKind = [:]
      for (name, value) in try kinds.members(allowed: OpKind.allCases.map(\.rawValue)) {
        if let kind = OpKind(rawValue: name) { byKind[kind] = try key(value) }
      }
    }
    let mapping = Mapping(prefill: prefill, decode: decode, byKind: byKind)
    try check(mapping, devices: devices, at: parent)
    return mapping
  }

  /// Checks that an inherited mapping still names declared devices.
  static func check(_ mapping: Mapping, devices: [(key: String, device: Device)], at node: JSONNode)
    throws(LifeError)
  {
    let keys = devices.map(\.key)
    for k in [mapping.prefill, mapping.decode] + mapping.byKind.values where !keys.contains(k) {
      throw LifeError.file(
        node.file, path: node.path.isEmpty ? "mapping" : node.path + ".mapping",
        "unknown device key",
        got: "'\(k)'", expected: "one of " + keys.map { "'\($0)'" }.joined(separator: ", "),
        suggestion: DidYouMean.suggest(k, among: keys))
    }
  }

  static func parseLinks(_ node: JSONNode?, devices: [(key: String, device: Device)])
    throws(LifeError) -> [Link]?
  {
    guard let node else { return nil }
    let keys = devices.map(\.key)
    var links: [Link] = []
    for item in try node.items() {
      _ = try item.members(allowed: ["from", "to", "bandwidth_gb_s", "latency_us"])
      func key(_ name: String) throws(LifeError) -> String {
        let n = try item.required(name, expected: "a device key")
        let k = try n.string()
        guard keys.contains(k) else {
          throw n.error(
            "unknown device key",
            expected: "one of " + keys.map { "'\($0)'" }.joined(separator: ", "),
            suggestion: DidYouMean.suggest(k, among: keys))
        }
        return k
      }
      let from = try key("from")
      let to = try key("to")
      if from == to {
        throw try item.required("to").error(
          "a link from a device to itself", expected: "another device")
      }
      links.append(
        Link(
          from: from, to: to,
          bandwidthGBs: try item.required("bandwidth_gb_s", expected: "a number > 0").rate(),
          latencyUs: try item.optional("latency_us")?.double(min: 0, max: 1e9)
            ?? Device.defaultLinkLatencyUs))
    }
    return links
  }

  static func parseSteps(_ node: JSONNode) throws(LifeError) -> StepChoice {
    let text = try node.string()
    do throws(LifeError) {
      return try StepChoice.parse(text)
    } catch {
      throw node.error(error.message, expected: StepChoice.expected)
    }
  }
}
