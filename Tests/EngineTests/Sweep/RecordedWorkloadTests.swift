import Testing
import Trace

@testable import Engine

@Suite struct RecordedWorkloadTests {
  func pipeline(prompt: Int, generate: Int, tops: Double) throws -> ForecastPipeline {
    var options = WorkloadOptions(prompt: prompt)
    options.generate = generate
    var device = try Device.resolve("v100", at: .none)
    device.peakTops = device.peakTops.mapValues { _ in tops }
    return ForecastPipeline(
      model: try ModelConfig.resolve("llama-2-7b"), options: options,
      devices: [("device", device)], mapping: Mapping(prefill: "device", decode: "device"),
      keepSteps: false)
  }

  /// A replay on another device equals that device's own pipeline run, to
  /// the last digit.
  @Test func replayEqualsThePipelineExactly() throws {
    let recorded = try RecordedWorkload(pipeline: pipeline(prompt: 96, generate: 3, tops: 126))
    for tops in [10.0, 126, 400] {
      let other = try pipeline(prompt: 96, generate: 3, tops: tops)
      #expect(try recorded.forecast(on: other) == other.run().forecast)
    }
    #expect(recorded.passes.count == 1 + 3)
    #expect(recorded.totals.steps.count == 3)
  }

  /// The same in phase overlap, with chunked prefill, and on a device with
  /// an efficiency curve and per-kind values (efficiencies per pass).
  @Test func replayEqualsThePipelineWithCurvesChunksAndPhaseOverlap() throws {
    var device = try Device.resolve("v100", at: .none)
    device.efficiency.computeCurve = EfficiencyCurve(
      over: "tokens", points: [(16, 0.2), (1024, 0.7)])
    device.efficiency.byKind = [.softmax: KindEfficiency(compute: nil, memory: 0.5)]
    var options = WorkloadOptions(prompt: 200)
    options.generate = 2
    options.chunk = 64
    for overlap in [Overlap.op, .phase] {
      let pipeline = ForecastPipeline(
        model: try ModelConfig.resolve("llama-2-7b"), options: options,
        devices: [("device", device)], mapping: Mapping(prefill: "device", decode: "device"),
        overlap: overlap, keepSteps: true)
      let recorded = try RecordedWorkload(pipeline: pipeline)
      #expect(try recorded.forecast(on: pipeline) == pipeline.run().forecast)
    }
  }

  /// Llama-2-7B's 32 identical layers merge: a decode pass shrinks by more
  /// than 20×, and every operator is still counted.
  @Test func compactingMergesIdenticalLayers() throws {
    let recorded = try RecordedWorkload(pipeline: pipeline(prompt: 16, generate: 1, tops: 126))
    let compact = recorded.compacted()
    for (full, merged) in zip(recorded.passes, compact) {
      #expect(merged.records.map(\.count).reduce(0, +) == full.records.count)
      #expect(merged.records.count * 20 < full.records.count)
    }
  }

  @Test func boundedMemoDropsTheLeastRecentlyUsed() throws {
    let memo = SweepMemo<Int, Int>(capacity: 2)
    var made = 0
    func get(_ k: Int) throws -> Int {
      try memo.value(for: k) { () throws(LifeError) in
        made += 1
        return k * 10
      }
    }
    #expect(try get(1) == 10 && get(2) == 20 && get(1) == 10)
    #expect(made == 2)
    _ = try get(3)  // evicts 2, the least recently used
    #expect(memo.count == 2)
    _ = try get(1)
    #expect(made == 3)
    _ = try get(2)
    #expect(made == 4)
  }

  @Test func runnerOrderChangesNoResult() throws {
    let grid = try SweepGrid(axes: [SweepAxis.parse("prompt=1,2,3"), SweepAxis.parse("tops=1,2")])
    let evaluate: SweepRunner.Evaluate = { point in
      SweepResult(
        ttftMs: Double(point.index), tComputeMs: 1, tMemoryMs: 2, tpotMsMean: nil, tps: nil)
    }
    let plain = try SweepRunner(threads: 2, chunk: 1).run(grid, evaluate: evaluate)
    let ordered = try SweepRunner(threads: 2, chunk: 1).run(
      grid, order: [5, 3, 1, 4, 2, 0], evaluate: evaluate)
    #expect(plain == ordered)
    #expect(throws: LifeError.self) {
      try SweepRunner().run(grid, order: [0, 0, 1, 2, 3, 4], evaluate: evaluate)
    }
  }

  /// `start:stop:*F`: 128·2^i up to 1024; 0.5·3^i up to 5 (hand-computed).
  @Test func geometricRanges() throws {
    #expect(
      try SweepAxis.parse("prompt=128:1024:*2").values.map(\.text) == ["128", "256", "512", "1024"])
    #expect(try SweepAxis.parse("tops=0.5:5:*3").values.map(\.text) == ["0.5", "1.5", "4.5"])
    for bad in ["tops=1:10:*1", "tops=0:10:*2", "prompt=8:4:*2"] {
      #expect(throws: LifeError.self, "\(bad)") { try SweepAxis.parse(bad) }
    }
  }
}
