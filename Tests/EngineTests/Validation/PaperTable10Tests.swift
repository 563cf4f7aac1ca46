import Engine
import Testing
import Trace

/// Paper Table 10, "Forecast TPS" column: TPS = em × BW / Mem (Eq. 4–6),
/// Mem being the decode memory per token of Table 7 at the row's prompt.
///
/// Units: Table 7's "GB" are 2^30 bytes (bf16 weights alone are
/// 6.74e9 × 2 B = 12.55 GiB of its 12.85), but Table 10 divides a GB/s of
/// 10^9 B/s by them as if they were 10^9 B. Reading Table 7 as 10^9 bytes
/// reproduces the printed TPS; reading it as GiB (the true bytes) gives
/// 1/1.0737 = 7 % less. See docs/validation.md, part 2.
@Suite struct PaperTable10Tests {
  struct Row: Sendable {
    let device: String
    let prompt: Int
    let efficiency: Double
    /// Table 7 decode memory at the row's prompt, "GB".
    let memoryGB: Double
    let paperTPS: Double
    /// Table 7 memory that reproduces the printed TPS, where the row used
    /// another prompt length's memory.
    var paperMemoryGB: Double? = nil
  }

  static let rows: [Row] = [
    // Ryzen 9 HX 370 CPU, bf16-bf16, 240 GB/s at 10 %.
    Row(device: "ryzen9-hx370-cpu", prompt: 32, efficiency: 0.10, memoryGB: 12.85, paperTPS: 1.87),
    Row(device: "ryzen9-hx370-cpu", prompt: 64, efficiency: 0.10, memoryGB: 12.88, paperTPS: 1.86),
    Row(device: "ryzen9-hx370-cpu", prompt: 128, efficiency: 0.10, memoryGB: 12.94, paperTPS: 1.85),
    Row(device: "ryzen9-hx370-cpu", prompt: 256, efficiency: 0.10, memoryGB: 13.07, paperTPS: 1.84),
    Row(device: "ryzen9-hx370-cpu", prompt: 512, efficiency: 0.10, memoryGB: 13.32, paperTPS: 1.80),
    Row(
      device: "ryzen9-hx370-cpu", prompt: 1024, efficiency: 0.10, memoryGB: 13.82, paperTPS: 1.74),
    Row(
      device: "ryzen9-hx370-cpu", prompt: 2048, efficiency: 0.10, memoryGB: 14.83, paperTPS: 1.62),
    // Ryzen AI Max+ 395 iGPU, bf16-int4, 256 GB/s at 50 %. Table 7 has no
    // 1536 row: linear between 1024 (4.71) and 2048 (5.72) gives 5.215; the
    // printed 27.2 is 128 / 4.71, the 1024 row's memory.
    Row(
      device: "ryzen-ai-max-395-igpu", prompt: 128, efficiency: 0.50, memoryGB: 3.83, paperTPS: 33.4
    ),
    Row(
      device: "ryzen-ai-max-395-igpu", prompt: 1536, efficiency: 0.50, memoryGB: 5.215,
      paperTPS: 27.2,
      paperMemoryGB: 4.71),
    // V100, fp16-fp16 (bf16-bf16 bytes), 900 GB/s at 50 %. Each printed TPS
    // is 450 / the memory of twice the prompt (1024: 13.82, 2048: 14.83,
    // 4096: 14.83 + 2048 × (14.83 − 13.82) / 1024 = 16.85).
    Row(
      device: "v100", prompt: 512, efficiency: 0.50, memoryGB: 13.32, paperTPS: 32.6,
      paperMemoryGB: 13.82),
    Row(
      device: "v100", prompt: 1024, efficiency: 0.50, memoryGB: 13.82, paperTPS: 30.3,
      paperMemoryGB: 14.83),
    Row(
      device: "v100", prompt: 2048, efficiency: 0.50, memoryGB: 14.83, paperTPS: 26.7,
      paperMemoryGB: 16.85),
  ]

  /// TPS of a forecast whose decode steps each move `bytes`.
  static func tps(device name: String, efficiency: Double, prompt: Int, bytes: Double) throws
    -> Double
  {
    var device = try #require(Device.preset(named: name))
    device.efficiency = Efficiency(compute: 1, memory: efficiency)
    device.dispatchUs = 0
    let sim = try Simulator(
      name: "table 10", devices: [("d", device)], mapping: Mapping(prefill: "d", decode: "d"),
      overlap: .phase)
    var passes: [(pass: PassInfo, records: [OpRecord])] = []
    for step in 1...4 {
      // ~14 GOPs of compute per token (Table 7): far below the memory time.
      passes.append(
        (
          Fixture.decode(step, prompt: prompt),
          [Fixture.op(.decode, step: step, ops: 14e9, read: bytes)]
        ))
    }
    var collector = ForecastCollector()
    try sim.run(passes: passes, into: &collector)
    return try #require(collector.forecast.tps)
  }

  /// The row's own prompt, Table 7 read as 10^9 bytes: within 10 % except
  /// V100 at 2048 (+13.6 %), where the paper used the 4096-token memory.
  @Test(arguments: rows)
  func forecastTPS(_ row: Row) throws {
    let ours = try Self.tps(
      device: row.device, efficiency: row.efficiency, prompt: row.prompt, bytes: row.memoryGB * 1e9)
    let error = abs(ours - row.paperTPS) / row.paperTPS
    if row.device == "v100" && row.prompt == 2048 {
      #expect(error > 0.10 && error < 0.15)
    } else {
      #expect(error <= 0.10, "\(row.device) \(row.prompt): ours \(ours), paper \(row.paperTPS)")
    }
  }

  /// With the memory the paper actually divided by, every row within 1 %.
  @Test(arguments: rows)
  func paperArithmetic(_ row: Row) throws {
    let memory = row.paperMemoryGB ?? row.memoryGB
    let ours = try Self.tps(
      device: row.device, efficiency: row.efficiency, prompt: row.prompt, bytes: memory * 1e9)
    #expect(abs(ours - row.paperTPS) / row.paperTPS <= 0.01, "ours \(ours), paper \(row.paperTPS)")
  }

  /// Reading Table 7 as GiB (2^30 B, the bytes it really counts) lowers
  /// every TPS by 1 − 1/1.073741824 = 6.9 %: CPU prompt 32 gives
  /// 24e9 / (12.85 × 2^30) = 1.7394 tokens/s.
  @Test func gibReading() throws {
    let ours = try Self.tps(
      device: "ryzen9-hx370-cpu", efficiency: 0.1, prompt: 32, bytes: 12.85 * 1_073_741_824)
    #expect(abs(ours - 1.73937) < 1e-4)
  }
}
