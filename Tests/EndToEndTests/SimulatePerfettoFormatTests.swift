import Foundation
import LifeTestSupport
import Testing
import Trace

/// `life simulate --trace-format perfetto` against `--trace-format json` on
/// the same run (the Ryzen AI hybrid scenario with its two variants, a
/// chunked prefill, hand-off flows and counters), both loaded by Perfetto's
/// trace processor: the same tracks, slices, arguments, counters and
/// flows. Skipped outside CI when the tools are missing.
@Suite(
  .serialized,
  .enabled(if: ExternalTools.runPerfetto, Comment(rawValue: ExternalTools.skipNote)))
struct SimulatePerfettoFormatTests {
  static let scenario = SimulateSupport.scenarioPath("llama-2-7b-ryzen-ai-hybrid.json")
  static let run = ["--generate", "6", "--chunk", "512", "--trace-steps", "1-3,last"]

  static let track =
    "join thread_track tt on s.track_id = tt.id join thread t using(utid) join process p using(upid)"

  /// The queries compared between the formats; arguments without their
  /// importer's prefix (`args.` for JSON, `debug.` for protobuf).
  static let queries = [
    ExternalTools.errorStats,
    "select p.pid, p.name from process p where p.name is not null order by p.pid",
    // (The protobuf importer adds its own idle thread, tid 0 of pid 0.)
    "select p.pid, t.tid, t.name from thread t join process p using(upid) where t.name is not null and p.pid > 0 order by t.tid",
    "select p.pid, t.tid, s.name, s.category, s.depth, count(*), sum(s.dur), min(s.ts) from slice s \(track) group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5",
    "select p.pid, c.name, count(*), sum(v.value), min(v.ts), max(v.ts) from counter v join process_counter_track c on v.track_id = c.id join process p using(upid) group by 1, 2 order by 1, 2",
    "select count(*) from flow",
    """
    select s.name, s.ts, substr(a.key, instr(a.key, '.') + 1), a.value_type, a.display_value
      from slice s join args a using(arg_set_id)
      where s.name in ('prefill', 'prefill chunk 2', 'decode step 3', 'layers.0.attn.q_proj')
        or s.name like 'hand-off%'
      order by s.ts, s.name, a.key, a.display_value
    """,
  ]

  @Test func perfettoHoldsWhatTheJSONTimelineHolds() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    var rows: [[[[JSONValue]]]] = []
    for format in ["json", "perfetto"] {
      let out = dir + "/" + format
      let result = try LifeBinary.run(
        ["simulate", Self.scenario, "--out", out, "--trace-format", format] + Self.run,
        timeout: 300)
      #expect(result.code == 0, "\(result)")
      guard result.code == 0 else { return }
      let name = format == "json" ? "timeline.json" : "timeline.pftrace"
      let other = format == "json" ? "timeline.pftrace" : "timeline.json"
      #expect(FileManager.default.fileExists(atPath: out + "/" + name))
      #expect(!FileManager.default.fileExists(atPath: out + "/" + other))
      rows.append(try ExternalTools.perfetto(out + "/" + name, Self.queries))
    }
    let (json, proto) = (rows[0], rows[1])
    #expect(json[0].isEmpty, "JSON error stats: \(json[0])")
    #expect(proto[0].isEmpty, "protobuf error stats: \(proto[0])")
    // 3 runs × (request + 2 devices).
    #expect(json[1].count == 9)
    for index in 1..<Self.queries.count {
      #expect(json[index] == proto[index], "query \(index): \(Self.queries[index])")
    }
    // The comparison is not vacuous: nested chunks, flows, counters, args.
    #expect(json[3].contains { $0.count > 4 && $0[4].intValue == 1 })
    #expect((json[5].first?.first?.intValue ?? 0) > 0)
    #expect(json[4].count >= 9)
    #expect(json[6].count > 50)

    // `compare` of two JSON runs: the combined timeline in both formats.
    var combined: [[[[JSONValue]]]] = []
    for format in ["json", "perfetto"] {
      let out = dir + "/compare-" + format
      let result = try LifeBinary.run(
        ["compare", dir + "/json", dir + "/json", "--out", out, "--trace-format", format],
        timeout: 300)
      #expect(result.code == 0, "\(result)")
      guard result.code == 0 else { return }
      let name = format == "json" ? "timeline.json" : "timeline.pftrace"
      combined.append(try ExternalTools.perfetto(out + "/" + name, Self.queries))
    }
    #expect(combined[1][0].isEmpty, "protobuf error stats: \(combined[1][0])")
    #expect(combined[0][1].count == 18)
    for index in 1..<Self.queries.count {
      #expect(combined[0][index] == combined[1][index], "compare, query \(index)")
    }
  }

  @Test func gzipIsForTheJSONTimelineOnly() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let result = try LifeBinary.run(
      ["simulate", Self.scenario, "--out", dir, "--trace-format", "perfetto", "--gzip"])
    #expect(result.code == 2)
    #expect(
      result.err
        == "error: --gzip: compresses the JSON timeline only (got --trace-format perfetto;"
        + " expected --trace-format json with --gzip, or perfetto without it)\n")
    #expect(!FileManager.default.fileExists(atPath: dir + "/timeline.pftrace"))
  }

  @Test func twoPerfettoRunsAreByteForByteIdentical() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    var traces: [Data] = []
    for name in ["a", "b"] {
      let result = try LifeBinary.run(
        ["simulate", Self.scenario, "--out", dir + "/" + name, "--trace-format", "perfetto"]
          + Self.run, timeout: 300)
      #expect(result.code == 0, "\(result)")
      traces.append(try Data(contentsOf: URL(fileURLWithPath: dir + "/\(name)/timeline.pftrace")))
    }
    #expect(traces.count == 2 && traces[0] == traces[1] && !traces[0].isEmpty)
  }
}
