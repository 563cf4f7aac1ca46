import Engine
import Foundation
import LifeTestSupport
import Testing
import Timeline
import Trace

/// Loads our timelines with Perfetto's real trace processor (v52, WebAssembly
/// under Node). Skipped outside CI when the tools are missing.
@Suite(.enabled(if: ExternalTools.runPerfetto, Comment(rawValue: ExternalTools.skipNote)))
struct TimelinePerfettoTests {
  static let errors =
    "select name, value from stats where value > 0 and severity in ('error', 'data_loss')"

  @Test(arguments: [false, true])
  func loadsCleanlyWithProcessesSlicesFlowsAndCounters(gzip: Bool) throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + (gzip ? "/timeline.json.gz" : "/timeline.json")
    let run = FakeRun()
    let result = try TestFiles.writeTrace(run, to: path, gzip: gzip)
    let rows = try ExternalTools.perfetto(
      path,
      [
        Self.errors,
        "select pid, name from process where name is not null order by pid",
        "select count(*) from slice s join thread_track tt on s.track_id = tt.id join thread t using(utid) where t.name = 'operators'",
        "select dur from slice where name = 'prefill'",
        "select name, dur from slice where name like 'decode step %' order by ts",
        """
        select p1.name, p2.name from flow f
          join slice s1 on f.slice_out = s1.id join thread_track t1 on s1.track_id = t1.id
          join thread th1 on t1.utid = th1.utid join process p1 on th1.upid = p1.upid
          join slice s2 on f.slice_in = s2.id join thread_track t2 on s2.track_id = t2.id
          join thread th2 on t2.utid = th2.utid join process p2 on th2.upid = p2.upid
        """,
        "select distinct t.name from counter c join counter_track t on c.track_id = t.id order by t.name",
        "select count(*) from thread where tid = 0 and upid is not null and name is not null",
      ])
    #expect(rows[0].isEmpty, "error stats: \(rows[0])")
    let processes = rows[1].compactMap { $0.last?.stringValue }
    #expect(processes == ["request", "\(run.npuName) (npu)", "\(run.gpuName) (igpu)"])
    #expect(rows[2].first?.first?.intValue == result.opsDelivered)
    // Durations are in nanoseconds: equal to the microsecond.
    let prefill = try #require(rows[3].first?.first?.doubleValue)
    #expect(abs(prefill / 1e6 - result.ttftMs) < 1e-3)
    let steps = rows[4]
    #expect(steps.count == result.tpotMs.count)
    for (index, row) in steps.enumerated() where index < result.tpotMs.count {
      #expect(row.first?.stringValue == "decode step \(index + 1)")
      let dur = row.last?.doubleValue ?? -1
      #expect(abs(dur / 1e6 - result.tpotMs[index]) < 1e-3)
    }
    #expect(rows[5].count == result.handoffs)
    let flow = try #require(rows[5].first)
    #expect(flow.first?.stringValue == "\(run.npuName) (npu)")
    #expect(flow.last?.stringValue == "\(run.gpuName) (igpu)")
    let counters = Set(rows[6].compactMap { $0.first?.stringValue })
    #expect(counters.isSuperset(of: ["KV cache bytes", "TPOT ms", "bytes moved bytes"]))
  }

  @Test(arguments: [Overlap.op, .phase], [TraceDetail.op, .layer, .step])
  func everyDetailAndOverlapLoadsWithoutErrors(overlap: Overlap, detail: TraceDetail) throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.json"
    var run = FakeRun(overlap: overlap)
    run.chunks = 3
    try TestFiles.writeTrace(run, to: path, detail: detail)
    let rows = try ExternalTools.perfetto(
      path,
      [
        Self.errors,
        "select count(*) from slice where name like 'prefill chunk %'",
        "select count(*) from thread where name = 'operators'",
      ])
    #expect(rows[0].isEmpty, "error stats: \(rows[0])")
    #expect(rows[1].first?.first?.intValue == 3)
    let operatorLanes = rows[2].first?.first?.intValue ?? -1
    #expect(operatorLanes == (overlap == .op && detail != .step ? 2 : 0))
  }

  /// The SQL in docs/outputs.md runs and finds rows.
  @Test func documentedQueriesWork() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.json"
    try TestFiles.writeTrace(FakeRun(), to: path)
    let doc = try TestFiles.text(ExternalTools.packageRoot + "/docs/outputs.md")
    let block = try #require(
      doc.components(separatedBy: "```sql\n").dropFirst().first?
        .components(separatedBy: "```").first)
    let queries = block.components(separatedBy: ";").map {
      $0.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
    }.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    #expect(queries.count == 4)
    let rows = try ExternalTools.perfetto(path, queries)
    for (query, result) in zip(queries, rows) {
      #expect(!result.isEmpty, "no rows: \(query)")
    }
    let top = rows[0].first?.first?.stringValue ?? ""
    #expect(!top.hasPrefix("layers."))
  }

  /// Two runs in one file (a comparison) as separate process groups.
  @Test func twoRunsShareOneTimeline() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.json"
    let file = try TimelineFile(path: path)
    for (index, prefix) in ["hybrid · ", "all on iGPU · "].enumerated() {
      var writer = TimelineWriter(
        file: file, layout: TimelineLayout(pidBase: 100 * index, namePrefix: prefix), generate: 4)
      FakeRun().play(into: &writer)
    }
    try file.finish()
    let rows = try ExternalTools.perfetto(
      path,
      [
        Self.errors, "select name from process where name is not null order by pid",
        "select count(*) from flow",
      ])
    #expect(rows[0].isEmpty, "error stats: \(rows[0])")
    let names = rows[1].compactMap { $0.first?.stringValue }
    #expect(names.count == 6)
    #expect(names.first == "hybrid · request")
    #expect(names[3] == "all on iGPU · request")
    #expect(rows[2].first?.first?.intValue == 2)
  }
}
