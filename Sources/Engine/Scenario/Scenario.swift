import Trace

/// A scenario file (CONTRACT.md "Scenario JSON"): a model, a workload and
/// its options, devices, a mapping, links, an overlap model, what to trace,
/// and variants to compare. Parsed and validated by ``load(path:)``.
package struct Scenario: Sendable {
  /// The highest `version` this LIFE reads.
  package static let supportedVersion = 1

  /// The file it was read from.
  package var file: String?
  /// `version`.
  package var version: Int
  /// `name` (the file name when absent).
  package var name: String
  /// The model: a preset or a config.json path.
  package var model: ModelReference
  /// The workload and its options (prompt, generate, batch and `options`).
  package var options: WorkloadOptions
  /// Where in the file each option the scenario sets is set: its JSON path.
  package var optionPaths: [WorkloadOption: String]
  /// Devices in declaration order.
  package var devices: [(key: String, device: Device)]
  /// Which device runs what.
  package var mapping: Mapping
  /// Links between devices.
  package var links: [Link]
  /// The overlap model.
  package var overlap: Overlap
  /// Which runtime runs on which device (`runtime`; the default rule when
  /// absent).
  package var runtime: RuntimeChoice
  /// What the timeline shows.
  package var trace: TraceSettings
  /// The `compare` variants, each resolved to a full run.
  package var compare: [ScenarioRun]
  /// The file's JSON as given (echoed into summary.json).
  package var json: JSONValue
  /// Whether the file has a `workload` section (`simulate` needs one).
  package var hasWorkload = true
  /// The `requests`, `scheduler` and `slo` sections (`life serve`).
  package var serve = ServeSettings()
  /// Whether any of those sections is given.
  package var servesRequests = false
  /// The `speculative` section.
  package var speculative: ScenarioSpeculation?

  /// The scenario's own run.
  package var run: ScenarioRun {
    ScenarioRun(
      name: name, options: options, devices: devices, mapping: mapping, links: links,
      overlap: overlap, runtime: runtime, optionPaths: optionPaths)
  }

  /// The scenario's own run, then each `compare` variant.
  package var runs: [ScenarioRun] { [run] + compare }

  /// The files the scenario reads: itself, a model given as a path, and
  /// device JSON files (of the scenario and its variants).
  package var inputFiles: [String] {
    var files = [file].compactMap { $0 }
    if model.isPath { files.append(model.resolvedPath) }
    func devices(_ value: JSONValue?) {
      guard case .object(let members)? = value else { return }
      for member in members {
        if case .string(let reference) = member.value, Device.preset(named: reference) == nil {
          files.append(FileInput.resolve(reference, relativeTo: file))
        }
      }
    }
    devices(json["devices"])
    if case .array(let variants)? = json["compare"] {
      for variant in variants { devices(variant["devices"]) }
    }
    return files
  }
}

/// A `model` reference: a preset name or a config.json path.
package struct ModelReference: Sendable, Equatable {
  /// As written in the scenario.
  package var text: String
  /// `text` resolved against the scenario's directory.
  package var resolvedPath: String
  /// True when it names a file (it exists, or looks like a path: contains
  /// `/` or ends in `.json`); otherwise it is a preset name.
  package var isPath: Bool

  /// Creates a reference.
  package init(text: String, resolvedPath: String, isPath: Bool) {
    self.text = text
    self.resolvedPath = resolvedPath
    self.isPath = isPath
  }
}

/// What the timeline shows: detail, which decode steps and the file format.
package struct TraceSettings: Sendable, Equatable {
  /// `op`, `layer` or `step`.
  package var detail: TraceDetail
  /// Which decode steps.
  package var steps: StepChoice
  /// `json` or `perfetto`.
  package var format: TraceFormat

  /// Creates settings.
  package init(
    detail: TraceDetail = .op, steps: StepChoice = .automatic, format: TraceFormat = .json
  ) {
    self.detail = detail
    self.steps = steps
    self.format = format
  }
}

/// One run of a scenario: the scenario itself or a `compare` variant.
package struct ScenarioRun: Sendable {
  /// The run's name.
  package var name: String
  /// Workload options.
  package var options: WorkloadOptions
  /// Devices in order.
  package var devices: [(key: String, device: Device)]
  /// The mapping.
  package var mapping: Mapping
  /// Links.
  package var links: [Link]
  /// The overlap model.
  package var overlap: Overlap
  /// Which runtime runs on which device.
  package var runtime: RuntimeChoice
  /// Where in the scenario file each option of this run is set: its JSON
  /// path (a variant's own `options`, else the scenario's).
  package var optionPaths: [WorkloadOption: String]

  /// Creates a run.
  package init(
    name: String, options: WorkloadOptions, devices: [(key: String, device: Device)],
    mapping: Mapping, links: [Link], overlap: Overlap, runtime: RuntimeChoice = .automatic,
    optionPaths: [WorkloadOption: String] = [:]
  ) {
    self.name = name
    self.options = options
    self.devices = devices
    self.mapping = mapping
    self.links = links
    self.overlap = overlap
    self.runtime = runtime
    self.optionPaths = optionPaths
  }
}

/// A scenario's `speculative` section: `draft_model` (a preset or a
/// config.json path relative to the file), `draft_device` (a key of
/// `devices`; default the decode device), `draft_tokens` (K) and
/// `acceptance` (a number, or an array of K numbers).
package struct ScenarioSpeculation: Sendable {
  /// The draft model.
  package var model: ModelReference
  /// The draft's device key; nil for the mapping's decode device.
  package var device: String?
  /// K.
  package var tokens: Int
  /// Acceptance per position (one value, or K).
  package var acceptance: [Double]

  /// Reads the section; `devices` are the scenario's.
  package init(node: JSONNode, devices: [(key: String, device: Device)]) throws(LifeError) {
    _ = try node.members(allowed: Scenario.speculativeKeys)
    let modelNode = try node.required(
      "draft_model", expected: "a model preset or a config.json path")
    let text = try modelNode.string()
    if text.isEmpty {
      throw modelNode.error("empty model", expected: "a model preset or a config.json path")
    }
    let resolved = FileInput.resolve(text, relativeTo: node.file)
    model = ModelReference(
      text: text, resolvedPath: resolved,
      isPath: FileInput.exists(resolved) || text.contains("/") || text.hasSuffix(".json"))
    if let d = try node.optional("draft_device") {
      let key = try d.string()
      let keys = devices.map(\.key)
      guard keys.contains(key) else {
        throw d.error(
          "unknown device key",
          expected: "one of " + keys.map { "'\($0)'" }.joined(separator: ", "),
          suggestion: DidYouMean.suggest(key, among: keys))
      }
      device = key
    }
    let k = try node.required("draft_tokens", expected: "an integer in [1, 64]")
    tokens = try k.int(min: 1, max: Speculation.maxTokens)
    let a = try node.required("acceptance", expected: Speculation.acceptanceExpected)
    switch a.value {
    case .array:
      acceptance = try a.items().map { (item) throws(LifeError) in try item.double(min: 0, max: 1) }
    default:
      acceptance = [try a.double(min: 0, max: 1)]
    }
    if let problem = Speculation.check(tokens: tokens, acceptance: acceptance) {
      throw a.error(problem, expected: Speculation.acceptanceExpected)
    }
  }
}
