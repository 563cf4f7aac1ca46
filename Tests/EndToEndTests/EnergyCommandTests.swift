import Foundation
import Testing
import Trace

/// Energy and power caps through the built binary: `forecast --json`'s
/// `energy`, `--power-cap-w` slowing prefill, `simulate`'s steps.csv and
/// timeline power counters, and bad caps.
@Suite(.serialized) struct EnergyCommandTests {
  static let base = "forecast --model llama-2-7b --device h100-sxm --prompt 512 --generate 4 --json"

  static func energy(_ arguments: String) throws -> (ttft: Double, e2e: Double, energy: JSONNode) {
    let r = try LifeBinary.run(arguments)
    #expect(r.code == 0, "\(r)")
    let root = try JSONNode.parse(r.out, file: "stdout")
    return (
      try root.required("ttft_ms").double(), try root.required("e2e_ms").double(),
      try root.required("energy")
    )
  }

  /// The contract's identities hold on the printed numbers, and a cap
  /// below the prefill's power slows it and lowers its power to the cap.
  @Test func forecastEnergyAndCap() throws {
    let free = try Self.energy(Self.base)
    let prefill = try free.energy.required("prefill_j").double()
    let decode = try free.energy.required("decode_j").double()
    let perToken = try free.energy.required("j_per_token").double()
    let watts = try free.energy.required("avg_power_w").double()
    #expect(abs(perToken - (prefill + decode) / 5) < 1e-9 * perToken)
    #expect(abs(watts - (prefill + decode) / (free.e2e / 1000)) < 1e-9 * watts)
    // Prefill draws more than 300 W uncapped; capped at 300 W it is slower
    // and at most 300 W.
    let prefillWatts = prefill / (free.ttft / 1000)
    #expect(prefillWatts > 300)
    let capped = try Self.energy(Self.base + " --power-cap-w 300")
    let cappedPrefill = try capped.energy.required("prefill_j").double()
    #expect(capped.ttft > free.ttft)
    #expect(cappedPrefill / (capped.ttft / 1000) <= 300 + 1e-6)
    let keyed = try Self.energy(Self.base + " --power-cap-w device=300")
    #expect(keyed.ttft == capped.ttft)
  }

  @Test func badCapsAreUsageErrors() throws {
    for cap in ["50", "gpu=300", "lots"] {
      let r = try LifeBinary.run(Self.base + " --power-cap-w " + cap)
      #expect(r.code == 2, "\(r)")
      #expect(r.err.contains("--power-cap-w"), "\(r)")
    }
  }

  /// simulate: `energy` in summary.json, `energy_j` per step in steps.csv,
  /// a `power` counter on each device process of the timeline.
  @Test func simulateWritesEnergy() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let r = try LifeBinary.run([
      "simulate", SimulateSupport.scenarioPath("llama-2-7b-ryzen-ai-hybrid.json"), "--out", dir,
      "--generate", "3",
    ])
    #expect(r.code == 0, "\(r)")
    let summary = try SimulateSupport.json(dir + "/summary.json")
    #expect((summary["energy"]?["j_per_token"]?.doubleValue ?? 0) > 0)
    let steps = try SimulateSupport.text(dir + "/steps.csv").split(separator: "\n")
    #expect(steps.first?.hasSuffix(",device,energy_j") == true)
    #expect(steps.count == 4)
    let timeline = try SimulateSupport.json(dir + "/timeline.json")
    let power = (timeline["traceEvents"]?.arrayValue ?? []).filter {
      $0["name"]?.stringValue == "power" && $0["ph"]?.stringValue == "C"
    }
    #expect(!power.isEmpty)
    #expect(power.allSatisfy { ($0["args"]?["W"]?.doubleValue ?? 0) > 0 })
  }
}
