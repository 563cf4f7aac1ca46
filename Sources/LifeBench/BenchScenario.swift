import Engine
import Foundation
import Timeline
import Trace

/// Llama-2-7B bf16 on one H100 SXM with `prompt` and `generate` tokens: the
/// benchmark's workloads 1, 2, 3 and 5.
struct BenchScenario {
  var prompt: Int
  var generate: Int

  func pipeline() throws -> ForecastPipeline {
    var options = WorkloadOptions(prompt: prompt)
    options.generate = generate
    return ForecastPipeline(
      model: try ModelConfig.resolve("llama-2-7b"), options: options,
      devices: [("device", try Device.resolve("h100-sxm", at: .none))],
      mapping: Mapping(prefill: "device", decode: "device"))
  }

  /// Operator records the run's op trace holds.
  func recordCount() -> Int {
    guard let workload = try? pipeline().workload() else { return 0 }
    var counter = RecordCounter()
    workload.run(into: &counter)
    return counter.records
  }

  /// `forecast --json` in-process: pipeline, JSON object and its text.
  func timeForecast(reps: Int) throws -> Timing {
    let pipeline = try self.pipeline()
    var seconds: [Double] = []
    var bytes = 0
    for _ in 0..<max(1, reps) {
      let start = DispatchTime.now().uptimeNanoseconds
      let outcome = try pipeline.run()
      let text = JSONFormat.text(outcome.json)
      bytes = text.utf8.count
      seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return Timing(seconds: seconds, outputBytes: bytes)
  }

  /// Every output (timeline with every step, or the default budget) into
  /// `directory`; returns a line with time, records, events and bytes.
  func writeOutputs(all: Bool, directory: String) throws -> String {
    let pipeline = try self.pipeline()
    let start = DispatchTime.now().uptimeNanoseconds
    var outputs = try OutputSet(
      options: OutputOptions(
        directory: directory, generate: generate, detail: .op, steps: all ? .all : .automatic))
    let outcome = try pipeline.run(into: &outputs)
    try outputs.finish(outcome: outcome, scenario: nil)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let path = (directory as NSString).appendingPathComponent(OutputSet.FileName.timeline)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let bytes = (attributes[.size] as? NSNumber)?.intValue ?? 0
    let records = recordCount()
    return String(
      format:
        "timeline %@: %.3f s, %d records (%.1f M/s), %.1f MB timeline (%.1f MB/s), traced steps %d",
      all ? "all" : "auto", seconds, records, Double(records) / seconds / 1e6, Double(bytes) / 1e6,
      Double(bytes) / seconds / 1e6, outputs.tracedSteps.count)
  }
}

/// Counts records and passes.
struct RecordCounter: OpSink {
  var records = 0
  mutating func beginPass(_ pass: PassInfo) {}
  mutating func consume(_ record: OpRecord) { records += 1 }
  mutating func endPass(_ pass: PassInfo) {}
}

/// Repeated wall times of one workload.
struct Timing {
  var seconds: [Double]
  var outputBytes: Int

  var median: Double {
    let s = seconds.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

  func line(label: String, records: Int? = nil) -> String {
    var out = String(
      format: "%@: median %.4f s of %d (min %.4f, max %.4f)", label, median, seconds.count,
      seconds.min() ?? 0, seconds.max() ?? 0)
    if let records {
      out += String(
        format: ", %d records, %.1f M records/s", records, Double(records) / median / 1e6)
    }
    return out
  }
}
