import Foundation

/// The bundled inputs the fuzz tests mutate: every traces/*.json scenario,
/// traces/models/*/config.json and traces/measurements/*.csv, and the
/// llama-bench outputs of the calibration fixtures.
enum FuzzInputs {
  /// The package root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Robustness
    .deletingLastPathComponent()  // EngineTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent().path

  /// Paths of the files in `folder` (relative to the root) ending in `suffix`,
  /// sorted; with `nested`, the files are `folder/*/suffix`.
  static func files(in folder: String, suffix: String, nested: Bool = false) -> [String] {
    let directory = root + "/" + folder
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    if nested {
      return names.sorted().map { directory + "/" + $0 + "/" + suffix }
        .filter { FileManager.default.fileExists(atPath: $0) }
    }
    return names.filter { $0.hasSuffix(suffix) }.sorted().map { directory + "/" + $0 }
  }

  static var scenarios: [String] { files(in: "traces", suffix: ".json") }
  static var configs: [String] { files(in: "traces/models", suffix: "config.json", nested: true) }
  static var measurements: [String] { files(in: "traces/measurements", suffix: ".csv") }
  static var llamaBench: [String] {
    ["csv", "json", "jsonl", "md"].flatMap {
      files(in: "Tests/EngineTests/Calibration/Fixtures", suffix: "." + $0)
    }.filter { !$0.hasSuffix("/SOURCES.md") }.sorted()
  }

  /// The text of a file, or "" when it cannot be read.
  static func text(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  }

  /// A stable seed per file and case.
  static func seed(_ path: String, _ index: Int) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in ((path as NSString).lastPathComponent + "/" + String(index)).utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    return hash
  }
}
