import Engine
import Trace

/// `life runtimes`: list the bundled runtimes with what each sets, or print
/// one runtime's JSON file.
struct RuntimesCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "runtimes",
    abstract: "List the bundled runtimes and what each sets, or print one runtime's JSON.",
    discussion: "With NAME, prints that runtime in the runtime JSON format: a starting point"
      + " for a custom runtime file, which --runtime accepts as a path.",
    positionals: [
      PositionalSpec(name: "NAME", help: "a runtime to print in full", minimumCount: 0)
    ],
    flags: [.json],
    examples: ["runtimes", "runtimes --json", "runtimes llama.cpp-cuda > my-runtime.json"])

  /// The runtime to print, if any.
  var name: String?
  /// `--json`.
  var json: Bool

  init(name: String?, json: Bool) {
    self.name = name
    self.json = json
  }

  init(_ arguments: ParsedArguments) {
    self.init(name: arguments.positionals.first, json: arguments.isSet("json"))
  }

  /// One runtime's JSON, or every runtime as a table or JSON.
  func run(console: Console) throws(LifeError) {
    if let name {
      let runtime = try Runtime.resolve(name, at: ErrorLocation(origin: .argument("NAME")))
      console.write(JSONFormat.text(runtime.jsonValue))
      return
    }
    let runtimes = Runtime.names.compactMap(Runtime.named)
    if json {
      console.write(
        JSONFormat.text(.object([("runtimes", .array(runtimes.map(\.jsonValue)))])))
      return
    }
    var text = ""
    for runtime in runtimes {
      text += runtime.name + (runtime.backend.map { " (\($0.rawValue))" } ?? "") + "\n"
      text += "  " + runtime.summary + "\n"
      text += "  sets: " + Self.sets(runtime) + "\n"
    }
    console.write(text)
  }

  /// What a runtime sets, in a line: its option defaults and accounting.
  static func sets(_ runtime: Runtime) -> String {
    var parts = runtime.defaults.map { "\($0.option.name) \($0.text)" }
    if let t = runtime.accounting.scoreType { parts.append("scores in \(t.rawValue)") }
    if let p = runtime.accounting.kvPadding { parts.append("KV padded to \(p)") }
    return parts.isEmpty ? "nothing (flags as given)" : parts.joined(separator: ", ")
  }
}
