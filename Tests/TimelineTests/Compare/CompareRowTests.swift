import Testing
import Trace

@testable import Timeline

/// Reading comparison rows from forecast JSON, and compare.csv / compare.html.
struct CompareRowTests {
  static func summary(
    ttft: String = "10", tpot: String = "[2, 3, 4]", scenario: String = "{\"name\": \"s <1>\"}"
  ) throws -> JSONValue {
    try JSONParser.parse(
      """
      {"model": {"name": "m,\\"x\\""}, "ttft_ms": \(ttft), "tpot_ms": \(tpot), "tpot_ms_mean": 3,
       "tps": 333.3, "e2e_ms": 19, "dispatch_calls": {"prefill": 100, "decode_per_step": [10, 10, 11]},
       "prefill": {"bound": "compute"},
       "decode": {"steps": [{"bound": "memory"}, {"bound": "memory"}, {"bound": "compute"}]},
       "footprint": {"fits": {"npu": true, "igpu": false}}, "scenario": \(scenario)}
      """, file: "summary.json")
  }

  @Test func readsTheHeadlineNumbers() throws {
    let row = try CompareRow(forecast: try Self.summary(), run: "out/a", file: "summary.json")
    #expect(row.run == "out/a" && row.scenario == "s <1>" && row.label == "s <1>")
    #expect(row.model == "m,\"x\"")
    #expect(row.ttftMs == 10 && row.tpotMs == [2, 3, 4] && row.tpotMsMean == 3 && row.e2eMs == 19)
    #expect(row.dispatchPrefill == 100 && row.dispatchPerStep == 31.0 / 3)
    #expect(row.boundPrefill == "compute" && row.boundDecode == "memory")
    #expect(row.fits == false)
  }

  @Test func noDecodeSteps() throws {
    let json = try JSONParser.parse(
      """
      {"model": {"name": "m"}, "ttft_ms": 5, "tpot_ms": [], "tpot_ms_mean": null, "tps": null,
       "e2e_ms": 5, "dispatch_calls": {"prefill": 1, "decode_per_step": []}, "prefill": {"bound": "memory"},
       "decode": {"steps": []}}
      """, file: nil)
    let row = try CompareRow(forecast: json, run: "r", file: nil)
    #expect(row.tpotMsMean == nil && row.tps == nil && row.dispatchPerStep == nil)
    #expect(row.boundDecode.isEmpty && row.fits == nil && row.label == "r")
    #expect(CompareTable.csv([row]).hasSuffix("\nr,,m,5,,,5,1,,memory,,,,\n"))
  }

  @Test(arguments: [
    ("\"fast\"", "[1]", "ttft_ms: wrong type (got 'fast'"),
    ("1", "[1, \"x\"]", "tpot_ms[1]: wrong type"),
    ("1", "3", "tpot_ms: wrong type (got 3; expected an array of numbers)"),
  ])
  func wrongShapesNameTheKey(_ test: (String, String, String)) throws {
    let json = try Self.summary(ttft: test.0, tpot: test.1)
    #expect {
      try CompareRow(forecast: json, run: "r", file: "x/summary.json")
    } throws: { error in
      "\(error)".hasPrefix("x/summary.json: " + test.2)
    }
  }

  /// `energy.j_per_token` and `energy.avg_power_w` become the last two
  /// columns and two cells of the page.
  @Test func energyColumns() throws {
    guard case .object(var members) = try Self.summary() else { return }
    members.append(
      ("energy", .object([("j_per_token", .num(0.25)), ("avg_power_w", .num(42.5))])))
    let row = try CompareRow(forecast: .object(members), run: "r", file: nil)
    #expect(row.jPerToken == 0.25 && row.avgPowerW == 42.5)
    #expect(CompareTable.csv([row]).hasSuffix(",compute,memory,false,0.25,42.5\n"))
    let html = ComparePage.html([row], title: "t")
    #expect(html.contains("J per token") && html.contains("<td>0.2500</td><td>42.5</td>"))
  }

  @Test func notAnObject() throws {
    #expect(throws: LifeError.self) {
      try CompareRow(forecast: .array([]), run: "r", file: "s.json")
    }
  }

  @Test func csvQuotesAndPageEscapes() throws {
    var row = try CompareRow(forecast: try Self.summary(), run: "out/<a>,b", file: nil)
    row.label = "<script>alert(1)</script>"
    let other = try CompareRow(
      forecast: try Self.summary(scenario: "{\"name\": \"t\"}"), run: "o", file: nil)
    let csv = CompareTable.csv([row, other])
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[1].hasPrefix("\"out/<a>,b\",s <1>,\"m,\"\"x\"\"\",10,3,333.3,19,100,"))
    #expect(lines[1].hasSuffix(",compute,memory,false,,"))
    let html = ComparePage.html([row, other], title: "t & <u>")
    #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("<title>t &amp; &lt;u&gt;</title>"))
    #expect(html.contains("id=\"tpot-curve-1\"") && html.contains("id=\"tpot-curve-2\""))
    #expect(html.contains("s &lt;1&gt;"), "different scenarios: a scenario column")
  }

  @Test func longRunsKeepMinAndMaxPerColumn() throws {
    let steps = (0..<5000).map { $0 == 2500 ? "9" : "3" }.joined(separator: ",")
    let row = try CompareRow(forecast: try Self.summary(tpot: "[\(steps)]"), run: "r", file: nil)
    let html = ComparePage.html([row])
    let points =
      html.components(separatedBy: "points=\"").dropFirst().first?
      .components(separatedBy: "\"").first?.split(separator: " ") ?? []
    #expect(points.count > 800 && points.count < 2000)
    let ys = points.compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
    #expect(Set(ys).count == 2, "the spike survives")
  }

  /// A run with `tpot_ms_mean_range` [2.4, 4.5] around a mean of 3 gets a
  /// band of 0.8–1.5 × each step's TPOT: steps 2, 3, 4 ms give a polygon
  /// from (step, 1.6 / 2.4 / 3.2 ms) and back through 6 / 4.5 / 3 ms.
  @Test func theLikelyRangeIsDrawnAsABandAroundEachCurve() throws {
    guard case .object(var members) = try Self.summary() else { return }
    members.append(("tpot_ms_mean_range", .array([.num(2.4), .num(4.5)])))
    let row = try CompareRow(forecast: .object(members), run: "r", file: nil)
    let ratios = try #require(row.tpotBandRatios)
    #expect(abs(ratios.low - 0.8) < 1e-12 && abs(ratios.high - 1.5) < 1e-12)
    let html = ComparePage.html([row])
    #expect(html.contains("<polygon id=\"tpot-likely-1\" class=\"likely\""))
    #expect(html.contains("shaded: each run's likely range"))
    let polygon =
      html.components(separatedBy: "<polygon").dropFirst().first?
      .components(separatedBy: "points=\"").dropFirst().first?
      .components(separatedBy: "\"").first?.split(separator: " ") ?? []
    #expect(polygon.count == 6, "three steps forward along the top, three back along the bottom")
    // The axis reaches the band's top (6 ms), not only the curve's (4 ms).
    #expect(html.contains(">6</text>"))
    let plain = ComparePage.html([try CompareRow(forecast: try Self.summary(), run: "r", file: nil)]
    )
    #expect(!plain.contains("<polygon") && !plain.contains("shaded:"))
  }
}
