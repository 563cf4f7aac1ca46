import Engine
import Foundation
import Timeline
import Trace

/// Scratch directories and trace helpers for the tests.
enum TestFiles {
  /// A new empty directory.
  static func directory() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-timeline-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Removes a scratch directory.
  static func remove(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  static func text(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  /// Writes `run` as a timeline at `path`.
  @discardableResult
  static func writeTrace(
    _ run: FakeRun, to path: String, detail: TraceDetail = .op, steps: TimelineSteps = .all,
    gzip: Bool = false, budget: Int = 500_000
  ) throws -> FakeRun.Result {
    let file = try TimelineFile(path: path, gzip: gzip)
    var writer = TimelineWriter(
      file: file, detail: detail, steps: steps, generate: run.generate, eventBudget: budget)
    let result = run.play(into: &writer)
    try file.finish()
    return result
  }

  /// The events of a timeline file.
  static func events(_ path: String) throws -> [JSONValue] {
    let json = try JSONParser.parse(try text(path), file: path)
    guard case .array(let events)? = json["traceEvents"] else { return [] }
    return events
  }
}
