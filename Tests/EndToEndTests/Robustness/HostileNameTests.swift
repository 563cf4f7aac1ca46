import Foundation
import Testing
import Trace

/// Strings from input reach report.html only escaped: a scenario, a model
/// folder and a device all named `<script>alert(1)</script>`. Runs once
/// `simulate` is wired.
@Suite(.serialized) struct HostileNameTests {
  static let evil = "<script>alert(1)</script>"

  @Test func reportEscapesNames() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-hostile-\(UInt64.random(in: 0...UInt64.max))").path
    let modelDir = dir + "/" + "<b>model"
    try FileManager.default.createDirectory(atPath: modelDir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let config = LifeBinary.packageRoot.path + "/traces/models/llama-3.2-1b/config.json"
    try FileManager.default.copyItem(atPath: config, toPath: modelDir + "/config.json")
    let scenario = """
      {"version": 1, "name": "\(Self.evil)", "model": "<b>model/config.json",
       "workload": {"prompt": 16, "generate": 2},
       "devices": {"d": {"name": "\(Self.evil)", "kind": "gpu", "peak_tops": {"default": 100},
                         "bandwidth_gb_s": 1000}},
       "mapping": {"prefill": "d", "decode": "d"}}
      """
    try scenario.write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
    let result = try LifeBinary.run(["simulate", dir + "/s.json", "--out", dir + "/out"])
    if result.err.contains("not implemented") { return }
    #expect(result.code == 0, "\(result)")
    let html = try String(contentsOfFile: dir + "/out/report.html", encoding: .utf8)
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("<b>model"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    let summary = try JSONParser.parse(
      [UInt8](FileManager.default.contents(atPath: dir + "/out/summary.json") ?? Data()), file: nil)
    try JSONFormat.checkFinite(summary)
  }
}
