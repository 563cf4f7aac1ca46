import Testing
import Trace

@testable import Engine

/// A sweep's workload, made once as its trace streams: forecasts equal the
/// pipeline's to the last digit, whether the plan times them or the
/// workload streams again, and the plan keeps one sequence per distinct
/// pass shape instead of one record per operator.
@Suite struct SweepWorkloadTests {
  func pipeline(
    prompt: Int, generate: Int, tops: Double, runtime: RuntimeChoice = .automatic,
    batch: Int = 1
  ) throws -> ForecastPipeline {
    var options = WorkloadOptions(prompt: prompt)
    options.generate = generate
    options.batch = batch
    var device = try Device.resolve("v100", at: .none)
    device.peakTops = device.peakTops.mapValues { _ in tops }
    return ForecastPipeline(
      model: try ModelConfig.resolve("llama-2-7b"), options: options,
      devices: [("device", device)], mapping: Mapping(prefill: "device", decode: "device"),
      keepSteps: false, runtime: runtime)
  }

  @Test func forecastsEqualThePipelineOnOtherDevices() throws {
    let workload = try SweepWorkload(pipeline: pipeline(prompt: 96, generate: 5, tops: 126))
    for tops in [10.0, 126, 400] {
      let other = try pipeline(prompt: 96, generate: 5, tops: tops)
      #expect(try workload.forecast(on: other) == other.run().forecast)
    }
  }

  /// A runtime with a kernel graph and host work cannot be timed from the
  /// plan: the workload streams again, and still equals the pipeline.
  @Test func runtimesThePlanCannotTimeStreamAgain() throws {
    let runtime = RuntimeChoice.everywhere(try Runtime.resolve("llama.cpp-cuda", at: .none))
    let base = try pipeline(prompt: 64, generate: 3, tops: 126, runtime: runtime)
    let workload = try SweepWorkload(pipeline: base)
    let simulator = try base.simulator(for: workload.workload)
    #expect(!ReplayPlan.applies(to: simulator))
    #expect(try workload.forecast(on: base) == base.run().forecast)
  }

  /// The streamed plan equals the plan of the recorded trace, and every
  /// decode step of a dense model shares one stored sequence.
  @Test func streamedPlanMatchesTheRecordedOneAndSharesSequences() throws {
    let base = try pipeline(prompt: 32, generate: 40, tops: 126)
    let streamed = try SweepWorkload(pipeline: base).plan
    let recorded = try RecordedWorkload(pipeline: base).plan
    #expect(streamed.passes.count == 41)
    #expect(streamed.passes.count == recorded.passes.count)
    for (a, b) in zip(streamed.passes, recorded.passes) {
      #expect(streamed.sequences[a.sequence] == recorded.sequences[b.sequence])
      #expect(a.timings.count == b.timings.count)
      #expect(a.sums.ops == b.sums.ops && a.sums.calls == b.sums.calls)
    }
    // Prefill and decode run the same operators in the same order, so all
    // 41 passes index their distinct timings alike: one stored sequence.
    #expect(streamed.sequences.count == 1)
    let decodeOps = streamed.sequences[streamed.passes[1].sequence].count
    #expect(streamed.approximateBytes < 41 * 64 * 64 + 2 * decodeOps * 4 + 4096)
  }

  /// The footprint is the workload's: weights, peak KV, peak activations.
  @Test func footprintIsTheWorkloads() throws {
    let base = try pipeline(prompt: 32, generate: 4, tops: 126, batch: 2)
    let workload = try SweepWorkload(pipeline: base)
    let outcome = try base.run()
    #expect(workload.footprint == Footprint(workload: outcome.workload, totals: outcome.totals))
  }
}
