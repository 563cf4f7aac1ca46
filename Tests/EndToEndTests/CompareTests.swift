import Foundation
import LifeTestSupport
import Testing
import Trace

/// `life compare`: two finished runs side by side, and bad inputs.
@Suite(.serialized) struct CompareTests {
  /// Two runs: the hybrid scenario (plain timeline) and the V100 one
  /// (gzip), both short.
  static func twoRuns(in dir: String) throws -> [String] {
    let a = dir + "/hybrid", b = dir + "/v100"
    let first = try LifeBinary.run([
      "simulate", SimulateSupport.scenarioPath("llama2-7b-bf16-int4-fused.json"), "--out", a,
      "--generate", "6",
    ])
    #expect(first.code == 0, "\(first)")
    let second = try LifeBinary.run([
      "simulate", SimulateSupport.scenarioPath("llama2-7b-fp16-fp16.json"), "--out", b,
      "--generate", "4", "--gzip", "--trace-detail", "layer",
    ])
    #expect(second.code == 0, "\(second)")
    return [a, b]
  }

  @Test func compareTwoRuns() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let runs = try Self.twoRuns(in: dir)
    let out = dir + "/compare"
    let result = try LifeBinary.run(["compare"] + runs + ["--out", out])
    #expect(result.code == 0, "\(result)")
    for file in ["timeline.json", "compare.csv", "compare.html"] {
      #expect(result.out.contains(out + "/" + file))
    }
    let csv = try SimulateSupport.text(out + "/compare.csv").split(separator: "\n")
    #expect(csv.count == 3)
    #expect(
      csv.first
        == "run,scenario,model,ttft_ms,tpot_ms_mean,tps,e2e_ms,dispatch_calls_prefill,dispatch_calls_per_step,bound_prefill,bound_decode,fits,j_per_token,avg_power_w"
    )
    #expect(csv[1].hasPrefix(runs[0] + ",\"Llama-2-7B bf16-int4-fused"))
    #expect(csv[2].hasPrefix(runs[1] + ",\"Llama-2-7B fp16-fp16"))
    let summary = try SimulateSupport.json(runs[0] + "/summary.json")
    let ttft = try #require(summary["ttft_ms"]?.doubleValue)
    let fields = csv[1].split(separator: ",")
    #expect(fields.contains { Double($0) == ttft })
    let html = try SimulateSupport.text(out + "/compare.html")
    #expect(html.contains("id=\"tpot-curve-1\"") && html.contains("id=\"tpot-curve-2\""))
    #expect(!html.contains("<script"))

    let timeline = try SimulateSupport.json(out + "/timeline.json")
    let events = timeline["traceEvents"]?.arrayValue ?? []
    let names = events.filter { $0["name"]?.stringValue == "process_name" }
      .compactMap { $0["args"]?["name"]?.stringValue }
    #expect(names.count == 5, "\(names)")
    #expect(names.first?.hasPrefix("Llama-2-7B bf16-int4-fused") == true)
    #expect(names.last?.hasSuffix(" · NVIDIA Tesla V100 SXM2 32GB (gpu)") == true)

    if let chromium = ExternalTools.chromium {
      let page = try ExternalTools.run(
        chromium,
        [
          "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
          "--enable-logging=stderr",
          "--v=0", "--user-data-dir=\(dir)/chromium-profile", "--dump-dom",
          "file://" + out + "/compare.html",
        ])
      #expect(page.status == 0, "chromium failed: \(page.err)")
      #expect(page.out.contains("id=\"tpot-curve-2\""), "the curves are drawn")
      #expect(!page.err.contains(":CONSOLE") && !page.err.contains("Uncaught"), "\(page.err)")
    } else if ExternalTools.isCI {
      Issue.record("chromium not found; \(ExternalTools.skipNote)")
    }

    guard ExternalTools.runPerfetto else { return }
    let rows = try ExternalTools.perfetto(
      out + "/timeline.json",
      [
        ExternalTools.errorStats,
        "select pid, name from process where name is not null order by pid",
        "select count(*) from slice where name like 'decode step %'",
        "select count(*) from flow",
      ])
    #expect(rows[0].isEmpty, "error stats: \(rows[0])")
    let pids = rows[1].compactMap { $0.first?.intValue }
    #expect(pids == [1, 2, 3, 101, 102], "\(rows[1])")
    #expect(rows[2].first?.first?.intValue == 10)
    #expect(rows[3].first?.first?.intValue == 1, "the hybrid run's hand-off")
  }

  @Test func missingRunDirectory() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let result = try LifeBinary.run(["compare", dir + "/a", dir + "/b", "--out", dir + "/out"])
    #expect(result.code == 1, "\(result)")
    #expect(result.err.hasPrefix("error: \(dir)/a: no such run directory"), "\(result)")
  }

  @Test func runDirectoryWithoutSummary() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    try FileManager.default.createDirectory(atPath: dir + "/a", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: dir + "/b", withIntermediateDirectories: true)
    let result = try LifeBinary.run(["compare", dir + "/a", dir + "/b", "--out", dir + "/out"])
    #expect(result.code == 1, "\(result)")
    #expect(result.err.hasPrefix("error: \(dir)/a/summary.json: no such file"), "\(result)")
  }

  @Test func summaryOfTheWrongShape() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    for name in ["a", "b"] {
      try FileManager.default.createDirectory(
        atPath: dir + "/" + name, withIntermediateDirectories: true)
      try "{\"model\": {\"name\": \"m\"}, \"ttft_ms\": \"fast\"}".write(
        toFile: dir + "/\(name)/summary.json", atomically: true, encoding: .utf8)
    }
    let result = try LifeBinary.run(["compare", dir + "/a", dir + "/b", "--out", dir + "/out"])
    #expect(result.code == 1, "\(result)")
    #expect(
      result.err.hasPrefix("error: \(dir)/a/summary.json: ttft_ms: wrong type (got 'fast'"),
      "\(result)")
  }

  @Test func outIsOneOfTheRuns() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let runs = try Self.twoRuns(in: dir)
    let result = try LifeBinary.run(["compare"] + runs + ["--out", runs[0]])
    #expect(result.code == 2, "\(result)")
    #expect(
      result.err.hasPrefix("error: --out: the output directory is one of the run directories"))
  }
}
