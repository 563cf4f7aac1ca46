import Foundation
import Testing
import Trace

/// A run killed mid-write leaves the previous outputs whole: every file of
/// `life simulate --out DIR` is either the previous one or a complete new
/// one. Runs once `simulate` is wired (until then the binary says 'not
/// implemented yet' and the test has nothing to kill).
@Suite(.serialized) struct InterruptedRunTests {
  static let scenario = "traces/llama2-7b-bf16-int4.json"

  static func scratch() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-interrupt-\(UInt64.random(in: 0...UInt64.max))").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Starts `life` and SIGKILLs it after `delay` seconds.
  static func runAndKill(_ arguments: [String], after delay: TimeInterval) throws {
    guard let url = LifeBinary.url else { return }
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    process.currentDirectoryURL = LifeBinary.packageRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    usleep(UInt32(delay * 1_000_000))
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  @Test func killedRunKeepsPreviousOutputs() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let first = try LifeBinary.run(["simulate", Self.scenario, "--out", dir, "--generate", "4"])
    if first.err.contains("not implemented") { return }
    #expect(first.code == 0, "\(first)")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
      !$0.hasPrefix(".")
    }
    #expect(names.contains("summary.json"))
    var before: [String: Data] = [:]
    for name in names { before[name] = FileManager.default.contents(atPath: dir + "/" + name) }

    for delay in [0.2, 0.5, 1.0, 2.0] {
      try Self.runAndKill(
        ["simulate", Self.scenario, "--out", dir, "--generate", "20000"], after: delay)
      for name in names {
        let data = FileManager.default.contents(atPath: dir + "/" + name)
        #expect(data != nil, "\(name) vanished after a kill at \(delay) s")
        if name.hasSuffix(".json"), let data, data != before[name] {
          // A new file must be complete.
          #expect(throws: Never.self, "\(name) is half written") {
            _ = try JSONParser.parse([UInt8](data), file: name)
          }
        }
        if name.hasSuffix(".html"), let data, data != before[name] {
          #expect(
            String(decoding: data, as: UTF8.self).hasSuffix("</html>\n"), "\(name) is half written")
        }
      }
    }
  }
}
