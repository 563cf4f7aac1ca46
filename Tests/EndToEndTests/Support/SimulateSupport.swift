import Foundation
import Testing
import Trace

/// Helpers for the `simulate` and `compare` end-to-end tests: scratch
/// directories, the bundled scenarios, JSON access, and Perfetto's trace
/// processor (skipped outside CI when missing, as in TimelineTests).
enum SimulateSupport {
  /// A new empty directory.
  static func directory() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-e2e-sim-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

  /// Every scenario under traces/, by file name.
  static var scenarios: [String] {
    let dir = LifeBinary.packageRoot.appendingPathComponent("traces").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted()
  }

  static func scenarioPath(_ name: String) -> String {
    LifeBinary.packageRoot.appendingPathComponent("traces/" + name).path
  }

  static func json(_ path: String) throws -> JSONValue {
    try JSONParser.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
  }

  static func text(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  /// Every number in `value` is finite (and where).
  static func nonFinite(_ value: JSONValue, path: String = "") -> [String] {
    switch value {
    case .number(let n): return n.value.isFinite ? [] : [path]
    case .array(let items):
      return items.enumerated().flatMap { nonFinite($1, path: "\(path)[\($0)]") }
    case .object(let members):
      return members.flatMap { nonFinite($0.value, path: path + "." + $0.key) }
    default: return []
    }
  }

  // MARK: - Perfetto

  static let environment = ProcessInfo.processInfo.environment
  static var isCI: Bool { environment["CI"] == "true" }

  static var perfettoDirectory: String {
    environment["LIFE_PERFETTO_DIR"]
      ?? LifeBinary.packageRoot.deletingLastPathComponent().appendingPathComponent(
        "shared/tools/perfetto"
      ).path
  }

  static func executable(_ name: String) -> String? {
    for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let path = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  static var perfettoAvailable: Bool {
    guard executable("node") != nil,
      FileManager.default.fileExists(atPath: perfettoDirectory + "/tp_wasm.js")
    else { return false }
    let home = FileManager.default.homeDirectoryForCurrentUser.path
    let cache =
      environment["XDG_CACHE_HOME"].map { $0 + "/perfetto-ui-v52" } ?? home
      + "/.cache/perfetto-ui-v52"
    return [environment["PERFETTO_UI_DIST"], cache, perfettoDirectory + "/perfetto_ui"].compactMap {
      $0
    }
    .contains { FileManager.default.fileExists(atPath: $0 + "/trace_processor.wasm") }
  }

  /// Run Perfetto checks when the tools are there, or always under CI.
  static var runPerfetto: Bool { isCI || perfettoAvailable }
  static var chromium: String? { executable("chromium") ?? executable("chromium-browser") }
  static var runChromium: Bool { isCI || chromium != nil }

  static let skipNote =
    "skipped: needs node and Perfetto's trace processor (or chromium); run ./scripts/test.sh, which installs them"

  struct ToolError: Error, CustomStringConvertible { var description: String }

  /// Runs a program; its status, stdout and stderr.
  static func run(_ program: String, _ arguments: [String]) throws -> (
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
    return (
      process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8),
      (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    )
  }

  /// Rows of each query from Perfetto's trace processor.
  static func perfetto(_ trace: String, _ queries: [String]) throws -> [[[JSONValue]]] {
    guard let node = executable("node") else {
      throw ToolError(description: "node not found; \(skipNote)")
    }
    let script = perfettoDirectory + "/tp_wasm.js"
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
      out.append(rows.map { if case .array(let cells) = $0 { cells } else { [] } })
    }
    return out
  }

  static let errorStats =
    "select name, value from stats where value > 0 and severity in ('error', 'data_loss')"
}

extension JSONValue {
  var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  var doubleValue: Double? {
    if case .number(let n) = self { return n.value }
    return nil
  }

  var intValue: Int? { doubleValue.map { Int($0) } }

  var arrayValue: [JSONValue] {
    if case .array(let items) = self { return items }
    return []
  }
}
