import Foundation
import LifeTestSupport
import Testing
import Trace

/// `life serve` as a user runs it: generated and file requests, the bundled
/// serving scenarios (loaded by Perfetto when it is there), one request
/// equal to `forecast`, repeatable outputs and clear errors; and
/// `forecast` with speculative decoding.
@Suite(.serialized) struct ServeTests {
  static let files = ["timeline.json", "summary.json", "requests.csv", "report.html"]

  static var scenarios: [String] {
    let dir = LifeBinary.packageRoot.appendingPathComponent("traces/serve").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted()
  }

  static func rows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  @Test func generatedRequestsWriteEveryFile() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let result = try LifeBinary.run([
      "serve", "--model", "llama-3.2-1b", "--device", "h100-sxm", "--rate", "50", "--count", "20",
      "--prompt", "uniform:64-512", "--generate", "lognormal:40:0.5", "--seed", "5",
      "--slo-ttft-ms", "50", "--slo-tpot-ms", "5", "--out", dir,
    ])
    #expect(result.code == 0, "\(result)")
    guard result.code == 0 else { return }
    #expect(result.out.hasPrefix("Served 20 requests of llama-3.2-1b (engine): 20 completed;"))
    #expect(result.out.split(separator: "\n").count == 1)
    for file in Self.files { #expect(result.out.contains(dir + "/" + file), "\(file)") }
    let present = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(present == (Self.files + ["manifest.json"]).sorted())
    let rows = Self.rows(try SimulateSupport.text(dir + "/requests.csv"))
    #expect(rows.count == 21)
    let summary = try SimulateSupport.json(dir + "/summary.json")
    #expect(SimulateSupport.nonFinite(summary).isEmpty)
    #expect(summary["requests"]?.intValue == 20 && summary["completed"]?.intValue == 20)
    // throughput = output tokens / (last finish − first arrival).
    let tokens = try #require(summary["output_tokens"]?.doubleValue)
    let duration = try #require(summary["duration_s"]?.doubleValue)
    #expect(summary["throughput_tok_s"]?.doubleValue == tokens / duration)
    let e2e = rows.dropFirst().compactMap { Double($0[6]) }.sorted()
    #expect(e2e.count == 20)
    #expect(summary["e2e_ms_p50"]?.doubleValue == (e2e[9] + (e2e[10] - e2e[9]) * 0.5))
    #expect(summary["goodput_req_s"]?.doubleValue != nil)
  }

  @Test func theSameSeedWritesTheSameBytes() throws {
    var dirs: [String] = []
    defer { dirs.forEach(SimulateSupport.remove) }
    for seed in ["3", "3", "4"] {
      let dir = try SimulateSupport.directory()
      dirs.append(dir)
      let result = try LifeBinary.run([
        "serve", "--model", "llama-3.2-1b", "--device", "h100-sxm", "--rate", "100", "--count",
        "12", "--prompt", "lognormal:300:0.7", "--generate", "uniform:8-64", "--arrival",
        "bursty", "--seed", seed, "--kv-blocks", "60", "--out", dir,
      ])
      #expect(result.code == 0, "\(result)")
    }
    for file in Self.files {
      let a = try Data(contentsOf: URL(fileURLWithPath: dirs[0] + "/" + file))
      let b = try Data(contentsOf: URL(fileURLWithPath: dirs[1] + "/" + file))
      #expect(a == b, "\(file) differs between two runs with one seed")
    }
    let c = try SimulateSupport.text(dirs[2] + "/requests.csv")
    #expect(c != (try SimulateSupport.text(dirs[0] + "/requests.csv")), "another seed differs")
  }

  @Test func oneRequestAloneEqualsForecast() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let file = dir + "/one.jsonl"
    try #"{"arrival_s": 0, "prompt_tokens": 300, "output_tokens": 9}"#.write(
      toFile: file, atomically: true, encoding: .utf8)
    let served = try LifeBinary.run([
      "serve", "--model", "llama-3.1-8b", "--device", "rtx-4090", "--weights", "int4",
      "--requests", file, "--out", dir + "/out",
    ])
    #expect(served.code == 0, "\(served)")
    let forecast = try LifeBinary.run([
      "forecast", "--model", "llama-3.1-8b", "--device", "rtx-4090", "--weights", "int4",
      "--prompt", "300", "--generate", "8", "--json",
    ])
    #expect(forecast.code == 0, "\(forecast)")
    guard served.code == 0, forecast.code == 0 else { return }
    let f = try JSONParser.parse(forecast.out, file: nil)
    let row = Self.rows(try SimulateSupport.text(dir + "/out/requests.csv"))[1]
    // ttft_ms, tpot_ms_mean and e2e_ms print the same digits.
    #expect(row[4] == JSONFormat.number(try #require(f["ttft_ms"]?.doubleValue)))
    #expect(row[5] == JSONFormat.number(try #require(f["tpot_ms_mean"]?.doubleValue)))
    #expect(row[6] == JSONFormat.number(try #require(f["e2e_ms"]?.doubleValue)))
    #expect(row[7] == "0" && row[8] == "0")
  }

  @Test func badRequestFilesAreClearErrors() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let file = dir + "/bad.jsonl"
    try """
    {"arrival_s": 0, "prompt_tokens": 10, "output_tokens": 2}
    {"arrival_s": 0.5, "prompt_tokens": "ten", "output_tokens": 2}
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let result = try LifeBinary.run([
      "serve", "--model", "llama-3.2-1b", "--device", "h100-sxm", "--requests", file, "--out",
      dir + "/out",
    ])
    #expect(result.code == 1, "\(result)")
    #expect(
      result.err
        == "error: \(file): line 2, field prompt_tokens: wrong type (got 'ten'; expected an integer)\n"
    )
    #expect(!FileManager.default.fileExists(atPath: dir + "/out"), "nothing written")
    let clash = try LifeBinary.run([
      "serve", "--model", "llama-3.2-1b", "--device", "h100-sxm", "--requests", file, "--rate",
      "3", "--out", dir + "/out",
    ])
    #expect(clash.code == 2, "\(clash)")
    #expect(clash.err.hasPrefix("error: --rate: generated-request settings cannot be used"))
  }

  @Test(arguments: ServeTests.scenarios)
  func bundledScenariosServeAndLoadInPerfetto(_ name: String) throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let path = LifeBinary.packageRoot.appendingPathComponent("traces/serve/" + name).path
    let result = try LifeBinary.run(["serve", path, "--out", dir], timeout: 300)
    #expect(result.code == 0, "\(result)")
    guard result.code == 0 else { return }
    let summary = try SimulateSupport.json(dir + "/summary.json")
    #expect(summary["completed"] == summary["requests"])
    #expect(summary["scenario"] == (try SimulateSupport.json(path)))
    guard ExternalTools.runPerfetto else { return }
    let rows = try ExternalTools.perfetto(
      dir + "/timeline.json",
      [
        ExternalTools.errorStats,
        "select count(distinct t.name) from thread t join process p using(upid) where p.name = 'requests'",
      ])
    #expect(rows[0].isEmpty, "error stats: \(rows[0])")
    #expect(rows[1].first?.first?.intValue == summary["requests"]?.intValue)
  }

  @Test func simulateRefusesAScenarioWithOnlyRequests() throws {
    let path = LifeBinary.packageRoot.appendingPathComponent(
      "traces/serve/ryzen-ai-hybrid-serve.json"
    ).path
    let result = try LifeBinary.run(["simulate", path, "--out", "/tmp/never-written"])
    #expect(result.code == 1, "\(result)")
    #expect(result.err.hasPrefix("error: \(path): workload: missing required field"))
  }

  @Test func forecastDecodesSpeculatively() throws {
    let result = try LifeBinary.run([
      "forecast", "--model", "llama-3.1-8b", "--device", "rtx-4090", "--prompt", "256",
      "--generate", "16", "--draft-model", "llama-3.2-1b", "--draft-device",
      "ryzen-ai-max-395-npu", "--draft-tokens", "4", "--acceptance", "0.8", "--json",
    ])
    #expect(result.code == 0, "\(result)")
    guard result.code == 0 else { return }
    let json = try JSONParser.parse(result.out, file: nil)
    let spec = try #require(json["speculative"])
    #expect(spec["draft_device"]?.stringValue == "draft")
    #expect(json["devices"]?["draft"] != nil, "the draft's device is listed")
    // E = (1 − 0.8⁵) / (1 − 0.8) = 3.3616.
    #expect(abs((spec["expected_tokens_per_pass"]?.doubleValue ?? 0) - 3.3616) < 1e-12)
    #expect(json["tpot_ms"]?.arrayValue.count == 16)
    let sum = json["tpot_ms"]?.arrayValue.compactMap(\.doubleValue).reduce(0, +) ?? 0
    #expect(abs(sum / 16 - (json["tpot_ms_mean"]?.doubleValue ?? 0)) < 1e-9)
  }
}
