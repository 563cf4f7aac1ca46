import Testing
import Trace

@testable import Engine

/// The pipeline hands runs of alike layers to `SimulationRun` whole; a
/// replay of the full recorded trace (every operator on its own) gives the
/// same forecast to the last digit, on one device, on a prefill/decode pair
/// with a link, and with operator kinds mapped to another device (where
/// the run falls back to timing each operator).
@Suite struct LayerRunSimulationTests {
  func pipeline(mapping: Mapping, overlap: Overlap, model: String) throws -> ForecastPipeline {
    var options = WorkloadOptions(prompt: 300)
    options.generate = 3
    options.chunk = 128
    return ForecastPipeline(
      model: try ModelConfig.resolve(model), options: options,
      devices: [
        ("a", try Device.resolve("h100-sxm", at: .none)),
        ("b", try Device.resolve("v100", at: .none)),
      ],
      mapping: mapping, links: [Link(from: "a", to: "b", bandwidthGBs: 10, latencyUs: 5)],
      overlap: overlap)
  }

  @Test func runsTimeAsTheirOperators() throws {
    let mappings = [
      Mapping(prefill: "a", decode: "a"), Mapping(prefill: "a", decode: "b"),
      Mapping(prefill: "a", decode: "a", byKind: [.softmax: "b"]),
    ]
    for model in ["llama-2-7b", "gemma2-2b"] {
      for mapping in mappings {
        for overlap in Overlap.allCases {
          let p = try pipeline(mapping: mapping, overlap: overlap, model: model)
          let workload = try p.workload()
          let simulator = try p.simulator(for: workload)
          var collector = ForecastCollector(keepSteps: true)
          try simulator.run(passes: RecordedWorkload(workload).passes, into: &collector)
          #expect(collector.forecast == (try p.run().forecast), "\(model) \(mapping) \(overlap)")
        }
      }
    }
  }
}
