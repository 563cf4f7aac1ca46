import Engine
import Foundation
import LifeTestSupport
import Testing
import Trace

@testable import Timeline

/// The files of `life serve`: requests.csv, summary.json, report.html and
/// the timeline (loaded by Perfetto's trace processor when it is there).
@Suite struct ServeOutputsTests {
  static func outcome(preemption: Bool = false) throws -> ServeOutcome {
    var scheduler = SchedulerConfig()
    if preemption { scheduler.kvBlocks = 40 }
    let requests = [
      ServeRequest(id: 0, arrival: 0, promptTokens: 200, outputTokens: 300),
      ServeRequest(id: 1, arrival: 0.001, promptTokens: 300, outputTokens: 1),
      ServeRequest(id: 2, arrival: 0.002, promptTokens: 250, outputTokens: 200),
    ]
    var pipeline = ServePipeline(
      name: "serve <b>test</b>", model: try ModelConfig.resolve("llama-3.2-1b"),
      options: WorkloadOptions(prompt: 0),
      devices: [("gpu", try Device.resolve("h100-sxm", at: .none))],
      mapping: Mapping(prefill: "gpu", decode: "gpu"), requests: requests, scheduler: scheduler)
    pipeline.objectives = ServiceObjectives(ttftMs: 5, tpotMs: 5)
    return try pipeline.run()
  }

  static func write(_ outcome: ServeOutcome, detail: TraceDetail = .op) throws -> (String, [String])
  {
    let dir = try TestFiles.directory()
    let set = try OutputTransaction(directory: dir, owned: ServeOutputs.names)
    let paths = try ServeOutputs.write(
      outcome, in: set, scenario: nil, title: outcome.name, detail: detail,
      toolVersion: "9.9.9")
    try set.commit()
    return (dir, paths)
  }

  @Test func writesEveryFileWithTheContractsColumnsAndKeys() throws {
    let outcome = try Self.outcome()
    let (dir, paths) = try Self.write(outcome)
    defer { TestFiles.remove(dir) }
    #expect(
      paths.map { ($0 as NSString).lastPathComponent } == [
        "timeline.json", "summary.json", "requests.csv", "report.html",
      ])
    let csv = try TestFiles.text(dir + "/requests.csv").split(separator: "\n")
    #expect(
      csv.first
        == "id,arrival_s,first_token_s,finish_s,ttft_ms,tpot_ms_mean,e2e_ms,queue_ms,preemptions")
    #expect(csv.count == 4)
    // Request 1 generates only its first token: no TPOT.
    let one = csv[2].split(separator: ",", omittingEmptySubsequences: false)
    #expect(one[0] == "1" && one[5].isEmpty && one[2] == one[3])
    let summary = try JSONParser.parse(try TestFiles.text(dir + "/summary.json"), file: nil)
    for key in [
      "requests", "completed", "ttft_ms_p50", "ttft_ms_p90", "ttft_ms_p99", "tpot_ms_p50",
      "tpot_ms_p90", "tpot_ms_p99", "e2e_ms_p50", "e2e_ms_p90", "e2e_ms_p99", "throughput_tok_s",
      "goodput_req_s", "scenario", "tool_version",
    ] {
      #expect(summary[key] != nil, "summary.json has \(key)")
    }
    #expect(summary["requests"] == .int(3) && summary["completed"] == .int(3))
    #expect(summary["tool_version"] == .string("9.9.9") && summary["scenario"] == .null)
    let report = try TestFiles.text(dir + "/report.html")
    for id in ["ttft-histogram", "tpot-histogram", "e2e-histogram", "queue-length", "kv-blocks"] {
      #expect(report.contains("id=\"\(id)\""), "report has \(id)")
    }
    #expect(report.contains("serve &lt;b&gt;test&lt;/b&gt;") && !report.contains("<b>test"))
    #expect(!report.contains("<script"))
  }

  @Test func theSameRunWritesTheSameBytes() throws {
    let (a, _) = try Self.write(try Self.outcome(preemption: true))
    let (b, _) = try Self.write(try Self.outcome(preemption: true))
    defer {
      TestFiles.remove(a)
      TestFiles.remove(b)
    }
    for name in ["timeline.json", "summary.json", "requests.csv", "report.html"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + name))
      let y = try Data(contentsOf: URL(fileURLWithPath: b + "/" + name))
      #expect(x == y, "\(name) differs")
    }
  }

  @Test(.enabled(if: ExternalTools.runPerfetto, Comment(rawValue: ExternalTools.skipNote)))
  func theTimelineLoadsInPerfettoWithRequestTracksAndCounters() throws {
    let outcome = try Self.outcome(preemption: true)
    #expect(outcome.preemptions > 0)
    let (dir, _) = try Self.write(outcome)
    defer { TestFiles.remove(dir) }
    let rows = try ExternalTools.perfetto(
      dir + "/timeline.json",
      [
        ExternalTools.errorStats,
        "select name from process where name is not null order by pid",
        """
        select t.name, s.name from slice s join thread_track tt on s.track_id = tt.id
          join thread t using(utid) join process p using(upid)
          where p.name = 'requests' and s.depth = 0 order by t.name, s.ts
        """,
        "select distinct t.name from counter_track t order by t.name",
        """
        select count(*) from slice s join thread_track tt on s.track_id = tt.id
          join thread t using(utid) join process p using(upid)
          where p.name = 'scheduler' and t.name = 'engine'
        """,
        "select count(*) from slice where name = 'preempted' and depth = 1",
      ])
    #expect(rows[0].isEmpty, "error stats: \(rows[0])")
    let processes = rows[1].compactMap { $0.first?.stringValue }
    #expect(processes == ["scheduler", "NVIDIA H100 SXM5 80GB (gpu)", "requests"])
    let slices = rows[2].map { $0.compactMap(\.stringValue) }
    // One track per request: queued (when it waited), prefill, decode.
    #expect(slices.filter { $0[0] == "request 0" }.map { $0[1] } == ["prefill", "decode"])
    #expect(slices.filter { $0[0] == "request 1" }.map { $0[1] }.contains("prefill"))
    #expect(slices.filter { $0[0] == "request 2" }.map { $0[1] }.last == "decode")
    let counters = Set(rows[3].compactMap { $0.first?.stringValue })
    #expect(
      counters.isSuperset(of: ["running batch", "queue length", "KV blocks used", "DRAM GB/s"]),
      "\(counters)")
    #expect(rows[4].first?.first?.intValue == outcome.passes.count, "one slice per pass")
    #expect(rows[5].first?.first?.intValue == outcome.preemptions, "preempted inside a request")
  }
}
