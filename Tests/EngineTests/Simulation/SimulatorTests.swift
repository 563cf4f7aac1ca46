import Engine
import Testing
import Trace

@Suite struct SimulatorTests {
  /// Device: 10 TOPS, 100 GB/s, 5 µs dispatch, ec 0.5, em 0.8.
  /// Op: 2e10 ops, 4e8 bytes, 2 dispatch calls.
  /// compute = 2e10 / (0.5 × 10e12) = 4 ms; memory = 4e8 / (0.8 × 100e9) = 5 ms;
  /// dispatch = 2 × 5 µs = 10 µs; op overlap: 0.010 + max(4, 5) = 5.010 ms.
  @Test func oneOperatorByHand() throws {
    let device = Fixture.device(tops: 10, bandwidth: 100, dispatchUs: 5, compute: 0.5, memory: 0.8)
    var sink = RecordingSink()
    let record = Fixture.op(ops: 2e10, read: 3e8, written: 1e8, calls: 2)
    try Fixture.single(device).run(passes: [(Fixture.prefill(128), [record])], into: &sink)
    let event = try #require(sink.ops.first)
    #expect(abs(event.compute.duration - 4e-3) < 1e-12)
    #expect(abs(event.memory.duration - 5e-3) < 1e-12)
    #expect(abs(event.dispatch.duration - 10e-6) < 1e-15)
    #expect(abs(event.end - 5.010e-3) < 1e-12)
    #expect(event.bound == .memory)
    #expect(event.computeEfficiency == 0.5 && event.memoryEfficiency == 0.8)
    #expect(event.peakTops == 10)
    let timing = try #require(sink.timings.first)
    #expect(abs(timing.span.duration - 5.010e-3) < 1e-12)
    #expect(timing.dispatchCalls == 2)
  }

  /// Padded ops set the compute time: 1e12 padded ops at 1 TOPS = 1 s even
  /// though the ideal ops are half that.
  @Test func computeUsesPaddedOps() throws {
    var record = Fixture.op(ops: 5e11)
    record.opsPadded = 1e12
    let f = try Fixture.forecast(
      Fixture.single(Fixture.device(tops: 1, bandwidth: 1)), [(Fixture.prefill(1), [record])])
    #expect(abs(f.prefill.tComputeMs - 1000) < 1e-9)
  }

  /// The compute dtype picks its `peak_tops` entry, else `default`.
  @Test func computeDTypePicksPeakTops() throws {
    var device = Fixture.device(tops: 1, bandwidth: 1)
    device.peakTops = ["int8": 4, "default": 1]
    let records = [Fixture.op(dtype: .int8, ops: 4e12), Fixture.op(dtype: .bf16, ops: 1e12)]
    // int8: 4e12 / 4e12 = 1 s; bf16: 1e12 / 1e12 = 1 s → 2000 ms.
    let f = try Fixture.forecast(Fixture.single(device), [(Fixture.prefill(1), records)])
    #expect(abs(f.prefill.tComputeMs - 2000) < 1e-9)
  }

  @Test func missingTopsIsAnError() throws {
    var device = Fixture.device(tops: 1, bandwidth: 1)
    device.peakTops = ["int8": 4]
    let error = #expect(throws: LifeError.self) {
      _ = try Fixture.forecast(
        Fixture.single(device), [(Fixture.prefill(1), [Fixture.op(dtype: .fp16, ops: 1)])])
    }
    #expect(error?.location.path == "devices.d.peak_tops")
  }

  /// Three operators on 1 TOPS, 1 GB/s, 1 µs dispatch, efficiency 1:
  /// A: 3 ms compute, 1 ms memory; B: 1 ms, 4 ms; C: 2 ms, 2 ms.
  /// op overlap: (0.001 + 3) + (0.001 + 4) + (0.001 + 2) = 9.003 ms.
  /// phase overlap (Eq. 1–3): t_c = 6 + 0.003, t_m = 7 + 0.003 → 7.003 ms.
  @Test func opVersusPhaseOverlap() throws {
    let device = Fixture.device(tops: 1, bandwidth: 1, dispatchUs: 1)
    let records = [
      Fixture.op(ops: 3e9, read: 1e6), Fixture.op(ops: 1e9, read: 4e6),
      Fixture.op(ops: 2e9, read: 2e6),
    ]
    let op = try Fixture.forecast(
      Fixture.single(device, overlap: .op), [(Fixture.prefill(8), records)])
    let phase = try Fixture.forecast(
      Fixture.single(device, overlap: .phase), [(Fixture.prefill(8), records)])
    #expect(abs(op.ttftMs - 9.003) < 1e-9)
    #expect(abs(phase.ttftMs - 7.003) < 1e-9)
    #expect(abs(phase.prefill.tComputeMs - 6) < 1e-9)
    #expect(abs(phase.prefill.tMemoryMs - 7) < 1e-9)
    #expect(abs(phase.prefill.tDispatchMs - 0.003) < 1e-12)
    #expect(phase.prefill.bound == .memory)

    // The phase pipelines as events: compute lane 0.001+3, 0.001+1, 0.001+2;
    // B's compute span starts at 3.001 + 0.001 = 3.002 ms; its memory span at
    // (0.001 + 1) + 0.001 = 1.002 ms.
    var sink = RecordingSink()
    try Fixture.single(device, overlap: .phase).run(
      passes: [(Fixture.prefill(8), records)], into: &sink)
    #expect(abs(sink.ops[1].compute.start - 3.002e-3) < 1e-12)
    #expect(abs(sink.ops[1].memory.start - 1.002e-3) < 1e-12)
    #expect(abs(sink.timings[0].span.duration - 7.003e-3) < 1e-12)
  }

  /// Summary-only runs (no op events) give the same times as event runs.
  @Test func summaryEqualsEventRun() throws {
    let device = Fixture.device(tops: 1, bandwidth: 1, dispatchUs: 1)
    let records = [Fixture.op(ops: 3e9, read: 1e6), Fixture.op(ops: 1e9, read: 4e6)]
    for overlap in Overlap.allCases {
      var sink = RecordingSink()
      let sim = try Fixture.single(device, overlap: overlap)
      try sim.run(passes: [(Fixture.prefill(8), records)], into: &sink)
      let f = try Fixture.forecast(sim, [(Fixture.prefill(8), records)])
      #expect(abs(sink.timings[0].span.duration * 1000 - f.ttftMs) < 1e-12)
    }
  }

  /// Two devices joined by a link of 10 GB/s and 5 µs. Prefill on `a`
  /// writes 1e6 bytes of activations; the KV cache is 1000 B/token × 10
  /// tokens = 1e4 bytes. The hand-off before decode step 1 copies
  /// 1e6 + 1e4 bytes: 1.01e6 / 1e10 s = 101 µs, + 5 µs = 106 µs.
  @Test func handoffOverLink() throws {
    let a = Fixture.device(tops: 1, bandwidth: 1)
    let b = Fixture.device(tops: 1, bandwidth: 1)
    let sim = try Simulator(
      name: "hybrid", devices: [("a", a), ("b", b)], mapping: Mapping(prefill: "a", decode: "b"),
      links: [Link(from: "a", to: "b", bandwidthGBs: 10, latencyUs: 5)], kvBytesPerToken: 1000)
    let passes: [(pass: PassInfo, records: [OpRecord])] = [
      (Fixture.prefill(10), [Fixture.op(ops: 1e9, written: 1e6)]),
      (Fixture.decode(1, prompt: 10), [Fixture.op(.decode, step: 1, ops: 1e9, written: 10)]),
      (Fixture.decode(2, prompt: 10), [Fixture.op(.decode, step: 2, ops: 1e9, written: 10)]),
    ]
    var sink = RecordingSink()
    try sim.run(passes: passes, into: &sink)
    #expect(
      sink.log == [
        "begin", "pass prefill 0", "op 0", "end prefill 0", "handoff 0->1", "pass decode 1", "op 1",
        "end decode 1", "pass decode 2", "op 1", "end decode 2", "end",
      ])
    let handoff = try #require(sink.handoffs.first)
    #expect(handoff.isTransfer)
    #expect(handoff.bytes == 1.01e6)
    #expect(abs(handoff.span.duration - 106e-6) < 1e-15)
    #expect(handoff.phase == .decode && handoff.step == 1)
    // Step 1's TPOT includes the hand-off: 1 ms + 0.106 ms; step 2 is 1 ms.
    let f = try Fixture.forecast(sim, passes)
    #expect(abs(f.steps[0].tpotMs - 1.106) < 1e-9)
    #expect(abs(f.steps[1].tpotMs - 1) < 1e-9)
    #expect(abs(f.ttftMs - 1) < 1e-9)
    #expect(abs(f.steps[0].tHandoffMs - 0.106) < 1e-9)
  }

  /// In one shared-memory group the hand-off is a synchronisation: no bytes,
  /// the default 20 µs; likewise with no link at all.
  @Test func handoffOnSharedMemory() throws {
    let a = Fixture.device(tops: 1, bandwidth: 1, group: "soc")
    let b = Fixture.device(tops: 1, bandwidth: 1, group: "soc")
    let passes: [(pass: PassInfo, records: [OpRecord])] = [
      (Fixture.prefill(10), [Fixture.op(ops: 1e9, written: 1e6)]),
      (Fixture.decode(1, prompt: 10), [Fixture.op(.decode, step: 1, ops: 1e9)]),
    ]
    for links in [[Link(from: "a", to: "b", bandwidthGBs: 10, latencyUs: 5)], []] {
      let sim = try Simulator(
        name: "soc", devices: [("a", a), ("b", b)], mapping: Mapping(prefill: "a", decode: "b"),
        links: links)
      var sink = RecordingSink()
      try sim.run(passes: passes, into: &sink)
      let handoff = try #require(sink.handoffs.first)
      #expect(!handoff.isTransfer)
      #expect(handoff.bytes == 0)
      #expect(abs(handoff.span.duration - 20e-6) < 1e-15)
    }
  }

  /// A per-kind mapping splits a pass: softmax on `b` costs a hand-off there
  /// and one back, each its own event between the operators.
  @Test func byKindMappingHandsOffInsideThePass() throws {
    let a = Fixture.device(tops: 1, bandwidth: 1)
    let b = Fixture.device(tops: 2, bandwidth: 1)
    let sim = try Simulator(
      name: "split", devices: [("a", a), ("b", b)],
      mapping: Mapping(prefill: "a", decode: "a", byKind: [.softmax: "b"]))
    let records = [
      Fixture.op(kind: .bmm, ops: 1e9), Fixture.op(kind: .softmax, ops: 2e9),
      Fixture.op(kind: .bmm, ops: 1e9),
    ]
    var sink = RecordingSink()
    try sim.run(passes: [(Fixture.prefill(4), records)], into: &sink)
    #expect(
      sink.log == [
        "begin", "pass prefill 0", "op 0", "handoff 0->1", "op 1", "handoff 1->0", "op 0",
        "end prefill 0", "end",
      ])
    // 1 ms + 20 µs + (2e9 / 2e12 = 1 ms) + 20 µs + 1 ms = 3.04 ms.
    #expect(abs(sink.timings[0].span.duration - 3.04e-3) < 1e-12)
  }

  @Test func unknownMappingKeyIsAnError() {
    let error = #expect(throws: LifeError.self) {
      _ = try Simulator(
        name: "x", devices: [("npu", Fixture.device(tops: 1, bandwidth: 1))],
        mapping: Mapping(prefill: "npu", decode: "nup"))
    }
    #expect(error?.suggestion == "npu")
    #expect(error?.location.path == "mapping.decode")
  }

  /// A compute-efficiency curve is evaluated at the pass's tokens × batch:
  /// 128 tokens → 0.11, 1536 tokens → 0.24.
  @Test func curveFollowsTokensProcessed() throws {
    var device = Fixture.device(tops: 1, bandwidth: 1)
    device.efficiency.computeCurve = EfficiencyCurve(points: [(128, 0.11), (1536, 0.24)])
    let sim = try Fixture.single(device)
    // 1.1e9 ops / (0.11 × 1e12) = 10 ms; 2.4e9 / (0.24 × 1e12) = 10 ms.
    let short = try Fixture.forecast(sim, [(Fixture.prefill(128), [Fixture.op(ops: 1.1e9)])])
    let long = try Fixture.forecast(
      sim, [(Fixture.prefill(768, batch: 2), [Fixture.op(ops: 2.4e9)])])
    #expect(abs(short.ttftMs - 10) < 1e-9)
    #expect(abs(long.ttftMs - 10) < 1e-9)
  }

  /// `repeating:` counts an operator n times: 3 × (1 µs + 1 ms).
  @Test func repeatedOperators() throws {
    let sim = try Fixture.single(Fixture.device(tops: 1, bandwidth: 1, dispatchUs: 1))
    var run = sim.start(ForecastCollector())
    run.beginPass(Fixture.prefill(4))
    run.consume(Fixture.op(ops: 1e9), repeating: 3)
    run.endPass(Fixture.prefill(4))
    let f = try run.finish().forecast
    #expect(abs(f.ttftMs - 3.003) < 1e-9)
    #expect(f.prefill.dispatchCalls == 3)
  }

  /// A summary-only run of a 4096-token prompt and 2000 steps of 291
  /// operators each (about 580,000 operators) takes well under a second.
  @Test func summaryRunIsFast() throws {
    let sim = try Fixture.single(Fixture.device(tops: 100, bandwidth: 500, dispatchUs: 2))
    var run = sim.start(ForecastCollector(keepSteps: false))
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      let pre = Fixture.prefill(4096)
      run.beginPass(pre)
      for _ in 0..<291 { run.consume(Fixture.op(ops: 1e11, read: 1e8)) }
      run.endPass(pre)
      for step in 1...2000 {
        let pass = Fixture.decode(step, prompt: 4096)
        run.beginPass(pass)
        let record = Fixture.op(.decode, step: step, ops: 1e7, read: 4e7)
        for _ in 0..<291 { run.consume(record) }
        run.endPass(pass)
      }
    }
    let f = try run.finish().forecast
    #expect(f.generate == 2000)
    #expect(elapsed < .seconds(2))
  }
}
