import Foundation
import LifeTestSupport
import Testing

/// viewers/index.html driven in headless Chromium with two real-shaped
/// summary.json files (viewers/test/check.mjs: loads them through the file
/// input, checks the bars, curves and tables it draws, escaping, bad files and
/// console errors). Needs node and chromium: skipped outside CI when missing.
@Suite(.serialized) struct ViewerPageTests {
  @Test(
    .enabled(
      if: ExternalTools.isCI || SimulateSupport.viewerToolsAvailable,
      Comment(rawValue: ExternalTools.skipNote)))
  func viewerPageLoadsTwoSummariesAndDrawsThem() throws {
    guard let node = ExternalTools.executable("node") else {
      Issue.record("node is missing: run ./scripts/test.sh, which installs it")
      return
    }
    let root = LifeBinary.packageRoot.path
    let shot = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-viewer-\(UUID().uuidString).png").path
    defer { try? FileManager.default.removeItem(atPath: shot) }
    let result = try ExternalTools.run(node, [root + "/viewers/test/check.mjs", shot])
    #expect(result.status == 0, "check.mjs: \(result.out)\n\(result.err)")
    #expect(FileManager.default.fileExists(atPath: shot))
  }

  /// Every SQL query in viewers/README.md runs in Perfetto's trace processor
  /// against a real timeline and returns rows.
  @Test(.enabled(if: ExternalTools.runPerfetto, Comment(rawValue: ExternalTools.skipNote)))
  func viewerReadmeQueriesRunInPerfetto() throws {
    guard let node = ExternalTools.executable("node") else {
      Issue.record("node is missing: run ./scripts/test.sh, which installs it")
      return
    }
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let run = try LifeBinary.run([
      "simulate", "traces/llama-2-7b-ryzen-ai-hybrid.json", "--out", dir, "--generate", "4",
    ])
    #expect(run.code == 0, "\(run)")
    let root = LifeBinary.packageRoot.path
    let result = try ExternalTools.run(
      node, [root + "/viewers/test/check-sql.mjs", dir + "/timeline.json"])
    #expect(result.status == 0, "check-sql.mjs: \(result.out)\n\(result.err)")
  }
}

extension SimulateSupport {
  /// node and chromium are both on the PATH.
  static var viewerToolsAvailable: Bool {
    ExternalTools.executable("node") != nil && ExternalTools.chromium != nil
  }
}
