import Testing
import Timeline
import Trace

/// Which compared run wins on TTFT and on mean TPOT, and by how much.
struct CompareVerdictTests {
  static func row(_ label: String, ttft: Double, tpot: Double) throws -> CompareRow {
    let json = try JSONParser.parse(
      """
      {"model": {"name": "m"}, "ttft_ms": \(ttft), "tpot_ms": [\(tpot)], "tpot_ms_mean": \(tpot),
       "tps": 1, "e2e_ms": 1, "dispatch_calls": {"prefill": 1, "decode_per_step": [1]},
       "prefill": {"bound": "compute"}, "decode": {"steps": [{"bound": "memory"}]}}
      """, file: nil)
    var row = try CompareRow(forecast: json, run: label, file: nil)
    row.label = label
    return row
  }

  /// TTFT 900 against 2250 ms: the iGPU wins by 2250 / 900 = 2.50×; TPOT
  /// 39.5 against 40 ms is within 2 %: even.
  @Test func theFasterRunWinsByTheRatio() throws {
    let rows = [
      try Self.row("hybrid", ttft: 2250, tpot: 40),
      try Self.row("igpu", ttft: 900, tpot: 39.5),
      try Self.row("npu", ttft: 2250, tpot: 590),
    ]
    let v = CompareVerdict(rows)
    let ttft = try #require(v.ttft)
    #expect(ttft.winner == "igpu" && ttft.runnerUp == "hybrid")
    #expect(abs(ttft.factor - 2.5) < 1e-12)
    #expect(v.sentences[0].contains("igpu wins with 900.0 ms, 2.50× faster than hybrid (2.25 s)"))
    #expect(v.sentences[0].contains("prefill is compute-bound"))
    #expect(v.sentences[1].contains("are even"))
    #expect(v.html.contains("id=\"verdict\""))
  }

  @Test func oneRunHasNoVerdict() throws {
    let v = CompareVerdict([try Self.row("a", ttft: 1, tpot: 1)])
    #expect(v.ttft == nil && v.tpot == nil && v.sentences.isEmpty && v.html.isEmpty)
  }
}

/// The likely ranges a forecast carries, read back and shown on the page.
struct CompareRangeTests {
  @Test func rangesAreReadAndShown() throws {
    let json = try JSONParser.parse(
      """
      {"model": {"name": "m"}, "ttft_ms": 100, "tpot_ms": [10], "tpot_ms_mean": 10,
       "tps": 100, "e2e_ms": 110, "dispatch_calls": {"prefill": 1, "decode_per_step": [1]},
       "prefill": {"bound": "compute"}, "decode": {"steps": [{"bound": "memory"}]},
       "ttft_ms_range": [80, 125], "tpot_ms_mean_range": null}
      """, file: nil)
    let row = try CompareRow(forecast: json, run: "r", file: nil)
    #expect(row.ttftRange == [80, 125])
    #expect(row.tpotRange == nil)
    let page = ComparePage.html([row])
    #expect(page.contains("likely 80.000–125.000"))
  }

  @Test func aMalformedRangeNamesTheKey() throws {
    let json = try JSONParser.parse(
      """
      {"model": {"name": "m"}, "ttft_ms": 100, "tpot_ms": [], "tpot_ms_mean": null,
       "tps": null, "e2e_ms": 100, "dispatch_calls": {"prefill": 1, "decode_per_step": []},
       "prefill": {"bound": "compute"}, "ttft_ms_range": [80]}
      """, file: "s.json")
    #expect(throws: LifeError.self) { try CompareRow(forecast: json, run: "r", file: "s.json") }
    do {
      _ = try CompareRow(forecast: json, run: "r", file: "s.json")
    } catch {
      #expect(error.message.contains("ttft_ms_range") || "\(error)".contains("ttft_ms_range"))
    }
  }
}
