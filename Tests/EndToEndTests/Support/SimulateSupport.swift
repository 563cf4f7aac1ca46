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
}
