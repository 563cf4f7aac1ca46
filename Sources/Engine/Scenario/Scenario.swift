import Trace

/// A scenario file (CONTRACT.md "Scenario JSON"): a model, a workload and
/// its options, devices, a mapping, links, an overlap model, what to trace,
/// and variants to compare. Parsed and validated by ``load(path:)``.
public struct Scenario: Sendable {
  /// The highest `version` this LIFE reads.
  public static let supportedVersion = 1

  /// The file it was read from.
  public var file: String?
  /// `version`.
  public var version: Int
  /// `name` (the file name when absent).
  public var name: String
  /// The model: a preset or a config.json path.
  public var model: ModelReference
  /// The workload and its options (prompt, generate, batch and `options`).
  public var options: WorkloadOptions
  /// Where in the file each option the scenario sets is set: its JSON path.
  public var optionPaths: [WorkloadOption: String]
  /// Devices in declaration order.
  public var devices: [(key: String, device: Device)]
  /// Which device runs what.
  public var mapping: Mapping
  /// Links between devices.
  public var links: [Link]
  /// The overlap model.
  public var overlap: Overlap
  /// What the timeline shows.
  public var trace: TraceSettings
  /// The `compare` variants, each resolved to a full run.
  public var compare: [ScenarioRun]
  /// The file's JSON as given (echoed into summary.json).
  public var json: JSONValue

  /// The scenario's own run.
  public var run: ScenarioRun {
    ScenarioRun(
      name: name, options: options, devices: devices, mapping: mapping, links: links,
      overlap: overlap, optionPaths: optionPaths)
  }

  /// The scenario's own run, then each `compare` variant.
  public var runs: [ScenarioRun] { [run] + compare }
}

/// A `model` reference: a preset name or a config.json path.
public struct ModelReference: Sendable, Equatable {
  /// As written in the scenario.
  public var text: String
  /// `text` resolved against the scenario's directory.
  public var resolvedPath: String
  /// True when it names a file (it exists, or looks like a path: contains
  /// `/` or ends in `.json`); otherwise it is a preset name.
  public var isPath: Bool

  /// Creates a reference.
  public init(text: String, resolvedPath: String, isPath: Bool) {
    self.text = text
    self.resolvedPath = resolvedPath
    self.isPath = isPath
  }
}

/// What the timeline shows: detail and which decode steps.
public struct TraceSettings: Sendable, Equatable {
  /// `op`, `layer` or `step`.
  public var detail: TraceDetail
  /// Which decode steps.
  public var steps: StepChoice

  /// Creates settings.
  public init(detail: TraceDetail = .op, steps: StepChoice = .automatic) {
    self.detail = detail
    self.steps = steps
  }
}

/// How fine the timeline is.
public enum TraceDetail: String, Sendable, CaseIterable {
  /// Every operator.
  case op
  /// One slice per layer.
  case layer
  /// One slice per pass.
  case step
}

/// One run of a scenario: the scenario itself or a `compare` variant.
public struct ScenarioRun: Sendable {
  /// The run's name.
  public var name: String
  /// Workload options.
  public var options: WorkloadOptions
  /// Devices in order.
  public var devices: [(key: String, device: Device)]
  /// The mapping.
  public var mapping: Mapping
  /// Links.
  public var links: [Link]
  /// The overlap model.
  public var overlap: Overlap
  /// Where in the scenario file each option of this run is set: its JSON
  /// path (a variant's own `options`, else the scenario's).
  public var optionPaths: [WorkloadOption: String]

  /// Creates a run.
  public init(
    name: String, options: WorkloadOptions, devices: [(key: String, device: Device)],
    mapping: Mapping, links: [Link], overlap: Overlap,
    optionPaths: [WorkloadOption: String] = [:]
  ) {
    self.name = name
    self.options = options
    self.devices = devices
    self.mapping = mapping
    self.links = links
    self.overlap = overlap
    self.optionPaths = optionPaths
  }

  /// The simulator for this run.
  public func simulator(kvBytesPerToken: Double? = nil) throws(LifeError) -> Simulator {
    try Simulator(
      name: name, devices: devices, mapping: mapping, links: links, overlap: overlap,
      kvBytesPerToken: kvBytesPerToken)
  }
}
