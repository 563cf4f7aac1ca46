import Foundation
import LifeTestSupport
import Testing
import Trace

/// `life simulate` on every bundled scenario under traces/: exit 0, every
/// output file present and consistent with the summary.
@Suite struct ScenarioTests {
  @Test func theIssuesScenariosAreBundled() {
    let names = Set(SimulateSupport.scenarios)
    for name in [
      "long-context.json", "ryzen-ai-mapping-comparison.json", "llama-2-7b-ryzen-ai-hybrid.json",
      "llama2-7b-bf16-int4-lora.json", "llama2-7b-bf16-int4-mla.json",
      "llama-3.1-8b-chunked-prefill.json", "mixtral-8x7b-moe-h100.json",
      "llama2-7b-bf16-bf16.json", "llama2-7b-fp16-fp16.json", "llama2-7b-bf16-int4.json",
      "llama2-7b-bf16-int4-fused.json", "llama2-7b-bf16-int4-kv4.json",
    ] {
      #expect(names.contains(name), "traces/\(name) is missing")
    }
  }

  /// Extra flags per scenario: long runs get a short `--generate`, except
  /// long-context, which runs as is with step detail.
  static func flags(for name: String, generate: Int) -> [String] {
    if name == "long-context.json" { return ["--trace-detail", "step"] }
    return generate > 16 ? ["--generate", "16"] : []
  }

  @Test(arguments: SimulateSupport.scenarios)
  func simulateWritesEveryFile(_ name: String) throws {
    let scenarioPath = SimulateSupport.scenarioPath(name)
    let scenario = try SimulateSupport.json(scenarioPath)
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let generate = scenario["workload"]?["generate"]?.intValue ?? 0
    let flags = Self.flags(for: name, generate: generate)
    let expectedSteps = flags.contains("--generate") ? 16 : generate
    let result = try LifeBinary.run(["simulate", scenarioPath, "--out", dir] + flags, timeout: 300)
    #expect(result.code == 0, "\(result)")
    guard result.code == 0 else { return }

    var files = ["timeline.json", "summary.json", "steps.csv", "ops.csv", "report.html"]
    let hasVariants = !(scenario["compare"]?.arrayValue.isEmpty ?? true)
    if hasVariants { files += ["compare.csv", "compare.html"] }
    let present = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(present == (files + ["manifest.json"]).sorted(), "files in --out")
    #expect(result.out.hasPrefix("Simulated '"))
    #expect(result.out.split(separator: "\n").count == 1, "one paragraph")
    for file in files { #expect(result.out.contains(dir + "/" + file), "stdout names \(file)") }

    let summary = try SimulateSupport.json(dir + "/summary.json")
    #expect(SimulateSupport.nonFinite(summary).isEmpty)
    #expect(summary["scenario"] == scenario, "scenario echoed")
    #expect(summary["tool_version"]?.stringValue != nil)
    let tpot = summary["tpot_ms"]?.arrayValue.compactMap(\.doubleValue) ?? []
    #expect(tpot.count == expectedSteps)
    let ttft = try #require(summary["ttft_ms"]?.doubleValue)
    let e2e = try #require(summary["e2e_ms"]?.doubleValue)
    let sum = ttft + tpot.reduce(0, +)
    #expect(abs(e2e - sum) <= 1e-9 * max(1, e2e), "e2e \(e2e) = ttft + Σ tpot \(sum)")
    #expect(ttft > 0 && e2e >= ttft)

    let steps = try SimulateSupport.text(dir + "/steps.csv").split(separator: "\n")
    #expect(steps.count == expectedSteps + 1)
    #expect(steps.first?.hasPrefix("step,kv_len,") == true)
    let ops = try SimulateSupport.text(dir + "/ops.csv").split(separator: "\n")
    #expect(ops.count > 2)
    let report = try SimulateSupport.text(dir + "/report.html")
    #expect(report.contains("id=\"tpot-curve\""))

    let timeline = try SimulateSupport.json(dir + "/timeline.json")
    #expect(!(timeline["traceEvents"]?.arrayValue.isEmpty ?? true))
    let runs = timeline["metadata"]?["life"]?["runs"]?.arrayValue ?? []
    #expect(runs.count == 1 + (scenario["compare"]?.arrayValue.count ?? 0))
    if hasVariants {
      let rows = try SimulateSupport.text(dir + "/compare.csv").split(separator: "\n")
      #expect(rows.count == runs.count + 1)
    }
  }
}
