import Engine
import Testing
import Trace

@Suite struct ForecastReportTests {
  static let device = Fixture.device(tops: 1, bandwidth: 1, dispatchUs: 1, memoryGiB: 1)

  /// Prefill 2 ms of compute; decode steps of 1, 2, 3 ms of memory
  /// (+ 1 µs dispatch each).
  static func run(generate: Int) throws -> (Simulator, Forecast) {
    let sim = try Fixture.single(device)
    var passes: [(pass: PassInfo, records: [OpRecord])] = [
      (Fixture.prefill(16), [Fixture.op(ops: 2e9)])
    ]
    for step in stride(from: 1, through: generate, by: 1) {
      passes.append(
        (
          Fixture.decode(step, prompt: 16),
          [Fixture.op(.decode, step: step, ops: 1, read: Double(step) * 1e6)]
        ))
    }
    return (sim, try Fixture.forecast(sim, passes))
  }

  @Test func zeroStepsGiveNulls() throws {
    let (sim, f) = try Self.run(generate: 0)
    #expect(f.tpotMeanMs == nil && f.tps == nil && f.tpsTotal == nil)
    let json = ForecastReport(run: sim.info, forecast: f).json(mergingInto: .object([]))
    #expect(json["tpot_ms"] == .array([]))
    #expect(json["tpot_ms_mean"] == .null)
    #expect(json["tps"] == .null)
    #expect(json["tps_total"] == .null)
    #expect(json["e2e_ms"] == json["ttft_ms"])
    #expect(json["decode"]?["steps"] == .array([]))
  }

  /// e2e = ttft + Σ TPOT exactly, as a reader summing the JSON would.
  @Test func endToEndIsExactSum() throws {
    let (_, f) = try Self.run(generate: 3)
    let sum = f.steps.map(\.tpotMs).reduce(0, +)
    #expect(f.e2eMs == f.ttftMs + sum)
    // 2.001 + (1.001 + 2.001 + 3.001) = 8.004 ms; TPS = 3 / 6.003 ms.
    #expect(abs(f.e2eMs - 8.004) < 1e-9)
    #expect(abs((f.tps ?? 0) - 3 / 6.003e-3) < 1e-6)
    #expect(abs((f.tpotMeanMs ?? 0) - 2.001) < 1e-9)
  }

  @Test func batchMultipliesTPS() throws {
    let sim = try Fixture.single(Self.device)
    let f = try Fixture.forecast(
      sim,
      [(Fixture.decode(1, prompt: 0, batch: 4), [Fixture.op(.decode, step: 1, ops: 1, read: 1e6)])])
    #expect(f.ttftMs == 0)
    #expect(abs((f.tpsTotal ?? 0) - 4 * (f.tps ?? 0)) < 1e-9)
  }

  /// The forecast keys merge onto the workload object, keeping its own.
  @Test func jsonMergesOntoWorkload() throws {
    let (sim, f) = try Self.run(generate: 2)
    let workload: JSONValue = .object([
      ("schema_version", .int(1)),
      ("prefill", .object([("tokens", .int(16))])),
      (
        "decode",
        .object([
          (
            "steps",
            .array([
              .object([("step", .int(1)), ("kv_len", .int(17))]),
              .object([("step", .int(2)), ("kv_len", .int(18))]),
            ])
          )
        ])
      ),
      ("footprint", .object([("weights_bytes", .int(100))])),
      ("warnings", .array([])),
    ])
    let footprint = Footprint(weightsBytes: 100, kvCacheBytesPeak: 0, activationsBytesPeak: 0)
    let capacity = try CapacityCheck(
      footprint: footprint, devices: sim.info.devices, mapping: sim.info.mapping)
    let json = ForecastReport(run: sim.info, forecast: f, capacity: capacity).json(
      mergingInto: workload)
    #expect(json["schema_version"] == .int(1))
    #expect(json["prefill"]?["tokens"] == .int(16))
    #expect(json["prefill"]?["bound"] == .string("compute"))
    #expect(json["prefill"]?["device"] == .string("d"))
    #expect(json["prefill"]?["t_compute_ms"] == .num(2))
    #expect(json["decode"]?["steps"]?.stepsCount == 2)
    if case .array(let steps)? = json["decode"]?["steps"] {
      #expect(steps[1]["kv_len"] == .int(18))
      #expect(steps[1]["bound"] == .string("memory"))
      #expect(steps[1]["device"] == .string("d"))
      #expect(steps[1]["tpot_ms"] == json["tpot_ms"]?.item(1))
    }
    #expect(json["dispatch_calls"]?["prefill"] == .int(1))
    #expect(json["dispatch_calls"]?["decode_per_step"] == .array([.int(1), .int(1)]))
    #expect(json["footprint"]?["fits"] == .object([("d", .bool(true))]))
    #expect(json["footprint"]?["weights_bytes"] == .int(100))
    #expect(json["overlap"] == .string("op"))
    #expect(json["mapping"]?["prefill"] == .string("d"))
    #expect(json["devices"]?["d"]?["kind"] == .string("gpu"))
    try JSONFormat.checkFinite(json)
    let text = ForecastReport(run: sim.info, forecast: f, capacity: capacity).text
    #expect(text.contains("TTFT") && text.contains("TPS"))
  }

  @Test func capacityWarnsOrFails() throws {
    let (sim, _) = try Self.run(generate: 0)
    let big = Footprint(
      weightsBytes: 2 * 1_073_741_824, kvCacheBytesPeak: 0, activationsBytesPeak: 0)
    let check = try CapacityCheck(
      footprint: big, devices: sim.info.devices, mapping: sim.info.mapping)
    #expect(check.fits["d"] == false)
    #expect(check.warnings.count == 1)
    let e = #expect(throws: LifeError.self) {
      _ = try CapacityCheck(
        footprint: big, devices: sim.info.devices, mapping: sim.info.mapping, strict: true)
    }
    #expect(e?.location.path == "devices.d.memory_gib")
  }
}

extension JSONValue {
  var stepsCount: Int? { if case .array(let a) = self { return a.count } else { return nil } }
  func item(_ i: Int) -> JSONValue? {
    if case .array(let a) = self, i < a.count { return a[i] } else { return nil }
  }
}
