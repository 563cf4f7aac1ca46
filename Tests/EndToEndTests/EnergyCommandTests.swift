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

  /// serve: `energy` over the window; its identities with duration_s and
  /// output_tokens.
  @Test func serveWritesEnergy() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let r = try LifeBinary.run(
      "serve --model llama-3.2-1b --device h100-sxm --rate 20 --count 6 --prompt 64 --generate 8"
        + " --out " + dir)
    #expect(r.code == 0, "\(r)")
    let summary = try SimulateSupport.json(dir + "/summary.json")
    let energy = try #require(summary["energy"])
    let prefill = try #require(energy["prefill_j"]?.doubleValue)
    let decode = try #require(energy["decode_j"]?.doubleValue)
    let seconds = try #require(summary["duration_s"]?.doubleValue)
    let tokens = try #require(summary["output_tokens"]?.doubleValue)
    let watts = try #require(energy["avg_power_w"]?.doubleValue)
    let perToken = try #require(energy["j_per_token"]?.doubleValue)
    #expect(prefill > 0 && decode > 0)
    #expect(abs(watts - (prefill + decode) / seconds) < 1e-9 * watts)
    #expect(abs(perToken - (prefill + decode) / tokens) < 1e-9 * perToken)
    // At least the H100's 105 W idle power over the whole window.
    #expect(watts >= 105)
  }

  /// sweep: `power-cap` as an axis; a lower cap is slower, and a cap at or
  /// below idle power is a usage error.
  @Test func sweepVariesThePowerCap() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let base = "sweep --model llama-3.2-1b --device h100-sxm --prompt 1024 --generate 2"
    let r = try LifeBinary.run(base + " --vary power-cap=150,700 --out " + dir + "/a")
    #expect(r.code == 0, "\(r)")
    let rows = try SimulateSupport.text(dir + "/a/sweep.csv").split(separator: "\n")
    #expect(rows.first?.hasPrefix("point,power-cap,ttft_ms") == true)
    let ttft = rows.dropFirst().map { Double($0.split(separator: ",")[2]) ?? 0 }
    #expect(ttft.count == 2 && ttft[0] > ttft[1])
    let bad = try LifeBinary.run(base + " --vary power-cap=50 --out " + dir + "/b")
    #expect(bad.code == 2, "\(bad)")
    #expect(bad.err.contains("power-cap"), "\(bad)")
  }
}
