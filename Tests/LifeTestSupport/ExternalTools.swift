import Foundation
import Trace

/// Node with Perfetto's trace processor, and headless Chromium: found from
/// the environment that ./scripts/test.sh sets up. Outside CI a missing tool
/// skips its tests; under `CI=true` the tests run and fail.
public enum ExternalTools {
  public static let environment = ProcessInfo.processInfo.environment
  public static var isCI: Bool { environment["CI"] == "true" }

  public static let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The Perfetto tool folder: `$LIFE_PERFETTO_DIR`, else ../shared/tools/perfetto
  /// beside the package.
  public static var perfettoDirectory: String {
    environment["LIFE_PERFETTO_DIR"]
      ?? URL(fileURLWithPath: packageRoot).deletingLastPathComponent()
      .appendingPathComponent("shared/tools/perfetto").path
  }

  public static func executable(_ name: String) -> String? {
    for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let path = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  public static var perfettoAvailable: Bool {
    guard executable("node") != nil,
      FileManager.default.fileExists(atPath: perfettoDirectory + "/tp_wasm.js")
    else { return false }
    let home = FileManager.default.homeDirectoryForCurrentUser.path
    let cache =
      environment["XDG_CACHE_HOME"].map { $0 + "/perfetto-ui-v52" } ?? home
      + "/.cache/perfetto-ui-v52"
    let candidates = [environment["PERFETTO_UI_DIST"], cache, perfettoDirectory + "/perfetto_ui"]
    return candidates.compactMap { $0 }.contains {
      FileManager.default.fileExists(atPath: $0 + "/trace_processor.wasm")
    }
  }

  public static var chromium: String? { executable("chromium") ?? executable("chromium-browser") }

  /// Run the tests that need a tool when it is there, or always under CI.
  public static var runPerfetto: Bool { isCI || perfettoAvailable }
  public static var runChromium: Bool { isCI || chromium != nil }

  public static let skipNote =
    "skipped: needs node, Perfetto's trace processor and chromium; run ./scripts/test.sh, which installs them"

  /// GNU parallel (Debian's `parallel`), which runs the sharded sweep of
  /// the job-array recipe (./scripts/test.sh installs it).
  public static var parallelAvailable: Bool { executable("parallel") != nil }

  /// Run the tests that need GNU parallel when it is there, or always under CI.
  public static var runParallel: Bool { isCI || parallelAvailable }

  public static let parallelSkipNote =
    "skipped: needs GNU parallel; run ./scripts/test.sh, which installs it"

  /// python3 with the `gguf` package, which writes the GGUF fixtures of the
  /// ModelFile tests (./scripts/test.sh installs it).
  public static let pythonGGUFAvailable: Bool = {
    guard let python = executable("python3") else { return false }
    return (try? run(python, ["-c", "import gguf"]).status) == 0
  }()

  /// Run the tests that need Python's gguf package when it is there, or always under CI.
  public static var runPythonGGUF: Bool { isCI || pythonGGUFAvailable }

  public static let pythonGGUFSkipNote =
    "skipped: needs python3 with the gguf package; run ./scripts/test.sh, which installs it"

  public struct ToolError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
  }

  /// Runs a program; returns its status, stdout and stderr (through
  /// temporary files, so that neither can fill a pipe).
  public static func run(_ program: String, _ arguments: [String]) throws -> (
    status: Int32, out: String, err: String
  ) {
    let dir = FileManager.default.temporaryDirectory
    let outURL = dir.appendingPathComponent("life-tool-\(UUID().uuidString).out")
    let errURL = dir.appendingPathComponent("life-tool-\(UUID().uuidString).err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.standardOutput = outHandle
    process.standardError = errHandle
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    let out = try String(contentsOf: outURL, encoding: .utf8)
    let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    return (process.terminationStatus, out, err)
  }

  /// Rows of each query, as JSON values, from Perfetto's trace processor.
  public static func perfetto(_ trace: String, _ queries: [String]) throws -> [[[JSONValue]]] {
    guard let node = executable("node") else {
      throw ToolError(description: "node not found; \(skipNote)")
    }
    let script = perfettoDirectory + "/tp_wasm.js"
    guard FileManager.default.fileExists(atPath: script) else {
      throw ToolError(description: "\(script) not found; \(skipNote)")
    }
    let result = try run(node, [script, trace] + queries)
    guard result.status == 0 else {
      throw ToolError(description: "tp_wasm.js failed (\(result.status)): \(result.err)")
    }
    let json = try JSONParser.parse(result.out, file: "tp_wasm output")
    if case .string(let error)? = json["append_error"] {
      throw ToolError(description: "append_error: \(error)")
    }
    if case .string(let error)? = json["finalize_error"] {
      throw ToolError(description: "finalize_error: \(error)")
    }
    guard case .array(let results)? = json["results"] else {
      throw ToolError(description: "no results: \(result.out)")
    }
    var out: [[[JSONValue]]] = []
    for item in results {
      if case .string(let error)? = item["error"] {
        throw ToolError(description: "query error: \(error)")
      }
      guard case .array(let rows)? = item["rows"] else { throw ToolError(description: "no rows") }
      out.append(
        rows.map { row in
          if case .array(let cells) = row { return cells }
          return []
        })
    }
    return out
  }

  /// The stats rows that must be empty for a trace that loads cleanly.
  public static let errorStats =
    "select name, value from stats where value > 0 and severity in ('error', 'data_loss')"
}

extension JSONValue {
  /// The string, if this is one.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The number, if this is one.
  public var doubleValue: Double? {
    if case .number(let n) = self { return n.value }
    return nil
  }

  /// The number as an Int, if this is one.
  public var intValue: Int? { doubleValue.map { Int($0) } }

  /// The items, if this is an array (else none).
  public var arrayValue: [JSONValue] {
    if case .array(let items) = self { return items }
    return []
  }
}
