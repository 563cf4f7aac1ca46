import Trace

/// The runtimes compiled into the binary: each is the text of a runtime
/// JSON file, identical to `traces/runtimes/<name>.json`.
package enum RuntimePresets {
  /// Runtime names in listing order.
  package static var names: [String] { data.map(\.name) }

  /// Each runtime, parsed when first asked for.
  static let parsed = PresetCache<Runtime>(data) { name, json throws(LifeError) in
    try Runtime(node: try JSONNode.parse(json, file: "runtime \(name)"))
  }
}

extension Runtime {
  /// Every runtime's name, in the order `life runtimes` lists them.
  public static var names: [String] { RuntimePresets.names }

  /// The runtime called `name` (case-insensitive), or nil.
  public static func named(_ name: String) -> Runtime? {
    try? RuntimePresets.parsed[name.lowercased()]?.get()
  }

  /// Reads a runtime JSON file (docs/runtimes.md).
  public static func load(path: String) throws(LifeError) -> Runtime {
    try Runtime(node: try JSONNode.load(file: path))
  }

  /// A runtime name, else a runtime JSON path (relative to `file`, a
  /// scenario, when given). An unknown name that is not a file is an error
  /// at `location` suggesting the closest name.
  public static func resolve(
    _ reference: String, relativeTo file: String? = nil, at location: ErrorLocation = .init()
  ) throws(LifeError) -> Runtime {
    if let runtime = named(reference) { return runtime }
    let path = FileInput.resolve(reference, relativeTo: file)
    if reference.lowercased().hasSuffix(".json"), FileInput.exists(path) {
      return try load(path: path)
    }
    throw LifeError(
      location.file == nil ? .usage : .failure, at: location, "unknown runtime",
      got: "'\(reference)'",
      expected: "one of " + names.joined(separator: ", ") + ", or a runtime JSON file",
      suggestion: DidYouMean.suggest(reference, among: names))
  }

  /// The version 1 accounting (`ideal`).
  public static var ideal: Runtime {
    named("ideal")
      ?? Runtime(
        name: "ideal", summary: "", backend: nil, defaults: [], accounting: .standard,
        kernels: nil, peaks: .computeType, classes: [:], verify: nil, sources: [:])
  }
}
