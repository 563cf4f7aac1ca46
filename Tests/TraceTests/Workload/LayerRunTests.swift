import Testing

@testable import Trace

/// Runs of alike layers (``Workload/compactRecords(of:into:runs:)``) stand
/// for the full pass: expanded, they are the same records in the same
/// order, and sinks that take them whole sum exactly what the expanded
/// stream sums.
@Suite struct LayerRunTests {
  /// Expands a compact pass as the default `consume(layers:repeating:)` does.
  func expanded(_ records: [OpRecord], _ runs: [LayerRun]) -> [OpRecord] {
    var sink = RecordingSink()
    var i = 0
    for run in runs {
      while i < run.range.lowerBound {
        sink.consume(records[i])
        i += 1
      }
      sink.consume(layers: records[run.range], repeating: run.repeats)
      i = run.range.upperBound
    }
    while i < records.count {
      sink.consume(records[i])
      i += 1
    }
    return sink.records
  }

  static let flagSets: [[(String, String)]] = [
    [], [("weights", "int4")], [("kv", "int8"), ("activations", "int8")], paperEager,
    [("chunk", "700")],
  ]

  @Test(arguments: ModelPresets.names)
  func compactPassesExpandToTheFullOnes(name: String) throws {
    let model = try ModelConfig.preset(named: name)
    for flags in Self.flagSets {
      // Past the sliding windows of the presets that have them (4096).
      let w = try workload(model, prompt: 5000, generate: 3, flags)
      var full: [OpRecord] = []
      var compact: [OpRecord] = []
      var runs: [LayerRun] = []
      for pass in w.prefillPasses + [w.decodePass(step: 1), w.decodePass(step: 3)] {
        w.records(of: pass, into: &full)
        w.compactRecords(of: pass, into: &compact, runs: &runs)
        #expect(expanded(compact, runs) == full, "\(name) \(flags) \(pass)")
        for run in runs { #expect(run.repeats >= 2 && !run.range.isEmpty) }
      }
    }
  }

  @Test func identicalLayersAreBuiltOnce() throws {
    let w = try workload(try llama2(), prompt: 16, generate: 1)
    var records: [OpRecord] = []
    var runs: [LayerRun] = []
    w.compactRecords(of: w.decodePass(step: 1), into: &records, runs: &runs)
    #expect(runs.count == 1)
    #expect(runs.first?.repeats == 32)
    #expect(records.count * 20 < 32 * (runs.first?.range.count ?? 0))
  }

  @Test func layersDifferWhereTheModelSaysSo() throws {
    let gemma = try workload(try ModelConfig.preset(named: "gemma2-2b"), prompt: 8)
    #expect(!gemma.layersAlike(0, 1))
    #expect(gemma.layersAlike(0, 2))
    let deepseek = try workload(try ModelConfig.preset(named: "deepseek-v2-lite"), prompt: 8)
    #expect(!deepseek.layersAlike(0, 1))
    #expect(deepseek.layersAlike(1, 2))
  }

  /// `WorkloadTotals` fed runs whole (``Workload/run(into:)``) equals the
  /// totals of the expanded stream, to the last digit.
  @Test func totalsOfRunsEqualTheExpandedTotals() throws {
    for name in ["llama-2-7b", "gemma2-2b", "mixtral-8x7b", "deepseek-v2-lite"] {
      let w = try workload(try ModelConfig.preset(named: name), prompt: 300, generate: 4)
      var compact = WorkloadTotals()
      w.run(into: &compact)
      var expanded = WorkloadTotals()
      var sink = RecordingSink()
      w.run(into: &sink)
      var records: [OpRecord] = []
      for pass in w.prefillPasses + (1...4).map({ w.decodePass(step: $0) }) {
        expanded.beginPass(pass)
        w.records(of: pass, into: &records)
        for record in records { expanded.consume(record) }
        expanded.endPass(pass)
      }
      #expect(compact.prefill == expanded.prefill, "\(name)")
      #expect(compact.steps == expanded.steps, "\(name)")
      #expect(compact.activationsBytesPeak == expanded.activationsBytesPeak, "\(name)")
    }
  }
}
