import Foundation
import LifeTestSupport
import Testing
import Trace

/// The real Ryzen AI hybrid scenario, as shipped
/// (NPU prefill, iGPU decode, two `compare` variants, steps 1-16 and last):
/// the timeline `life simulate` writes, loaded by Perfetto's trace
/// processor. Skipped outside CI when the tools are missing.
@Suite(
  .serialized,
  .enabled(if: ExternalTools.runPerfetto, Comment(rawValue: ExternalTools.skipNote)))
struct SimulatePerfettoTests {
  static let scenario = SimulateSupport.scenarioPath("llama-2-7b-ryzen-ai-hybrid.json")

  /// Operator records per phase from ops.csv (column `operators`).
  static func operatorRecords(_ csv: String) -> (prefill: Int, decode: Int) {
    let lines = csv.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    guard let header = lines.first, let column = header.firstIndex(of: "operators") else {
      return (0, 0)
    }
    var prefill = 0, decode = 0
    for row in lines.dropFirst() where row.count > column {
      let count = Int(row[column]) ?? 0
      if row[0] == "prefill" { prefill += count } else { decode += count }
    }
    return (prefill, decode)
  }

  @Test func hybridTimelineLoadsInPerfettoAsSpecified() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let result = try LifeBinary.run(["simulate", Self.scenario, "--out", dir], timeout: 300)
    #expect(result.code == 0, "\(result)")
    guard result.code == 0 else { return }
    let summary = try SimulateSupport.json(dir + "/summary.json")
    let scenarioName = try #require(summary["scenario"]?["name"]?.stringValue)
    let prefix = scenarioName + " · "
    func deviceName(_ key: String) -> String {
      let device = summary["devices"]?[key]
      return "\(device?["name"]?.stringValue ?? "?") (\(device?["kind"]?.stringValue ?? "?"))"
    }
    let npu = prefix + deviceName("npu"), igpu = prefix + deviceName("igpu")
    let tpot = summary["tpot_ms"]?.arrayValue.compactMap(\.doubleValue) ?? []
    let ttft = try #require(summary["ttft_ms"]?.doubleValue)
    let timeline = try SimulateSupport.json(dir + "/timeline.json")
    let run = timeline["metadata"]?["life"]?["runs"]?.arrayValue.first
    #expect(run?["traced_steps"]?.stringValue == "1-16,128")
    let records = Self.operatorRecords(try SimulateSupport.text(dir + "/ops.csv"))
    #expect(records.decode % tpot.count == 0, "every decode step has the same operators")
    let traced = records.prefill + records.decode / max(tpot.count, 1) * 17

    // The scenario's own run is pids 1-99; its variants follow from 100.
    let own =
      "join thread_track tt on s.track_id = tt.id join thread t using(utid) join process p using(upid) where p.pid < 100"
    let rows = try ExternalTools.perfetto(
      dir + "/timeline.json",
      [
        ExternalTools.errorStats,
        "select pid, name from process where name is not null order by pid",
        "select count(*) from slice s \(own) and t.name = 'operators'",
        "select s.dur from slice s \(own) and s.name = 'prefill'",
        "select s.name, s.dur from slice s \(own) and s.name like 'decode step %' order by s.ts",
        "select p.name, count(*) from slice s \(own) group by p.name order by p.name",
        """
        select p1.name, p2.name from flow f
          join slice s1 on f.slice_out = s1.id join thread_track t1 on s1.track_id = t1.id
          join thread th1 on t1.utid = th1.utid join process p1 on th1.upid = p1.upid
          join slice s2 on f.slice_in = s2.id join thread_track t2 on s2.track_id = t2.id
          join thread th2 on t2.utid = th2.utid join process p2 on th2.upid = p2.upid
          where p1.pid < 100
        """,
        "select distinct t.name from counter c join counter_track t on c.track_id = t.id order by t.name",
      ])
    #expect(rows[0].isEmpty, "error stats: \(rows[0])")
    // One process per device, named "<device name> (<kind>)", per run.
    let processes = rows[1].compactMap { $0.last?.stringValue }
    #expect(Array(processes.prefix(3)) == [prefix + "request", npu, igpu])
    #expect(processes.count == 9)
    #expect(
      processes.contains("all on the iGPU · request")
        && processes.contains("all on the NPU · request"))
    #expect(
      rows[2].first?.first?.intValue == traced, "operator slices = op records traced (\(traced))")
    let prefill = try #require(rows[3].first?.first?.doubleValue)
    #expect(abs(prefill / 1e6 - ttft) < 1e-3, "prefill \(prefill) ns vs TTFT \(ttft) ms")
    #expect(rows[4].count == tpot.count)
    for (index, row) in rows[4].enumerated() where index < tpot.count {
      #expect(row.first?.stringValue == "decode step \(index + 1)")
      #expect(abs((row.last?.doubleValue ?? -1) / 1e6 - tpot[index]) < 1e-3, "step \(index + 1)")
    }
    let perProcess = Dictionary(
      uniqueKeysWithValues: rows[5].compactMap { row -> (String, Int)? in
        guard let name = row.first?.stringValue, let count = row.last?.intValue else { return nil }
        return (name, count)
      })
    #expect((perProcess[npu] ?? 0) > 0, "slices on the NPU")
    #expect((perProcess[igpu] ?? 0) > 0, "slices on the iGPU")
    #expect(
      rows[6].contains { $0.first?.stringValue == npu && $0.last?.stringValue == igpu },
      "\(rows[6])")
    let counters = Set(rows[7].compactMap { $0.first?.stringValue })
    #expect(
      counters.isSuperset(of: ["KV cache bytes", "TPOT ms", "bytes moved bytes"]), "\(counters)")
  }
}
