import Engine
import Foundation
import Testing
import Timeline
import Trace

/// The examples of README.md ("From Swift") and docs/library.md, compiled and
/// run as written, each with checks of what it computes.
@Suite struct LibraryExampleTests {
  @Test func readmeExampleForecastsFromSwift() throws {
    let model = try ModelConfig.resolve("llama-2-7b")
    var options = WorkloadOptions(prompt: 1024)
    options.generate = 128
    let gpu = try Device.resolve("h100-sxm")
    let outcome = try ForecastPipeline(
      model: model, options: options, devices: [("gpu", gpu)],
      mapping: Mapping(prefill: "gpu", decode: "gpu")
    ).run()
    // Decode reads about 13.5 GB of fp16 weights per token at
    // 3350 GB/s × 0.75: ≈ 5.4 ms; prefill ≈ 13.5 TOPs at 989.4 × 0.6 TOPS.
    #expect(outcome.forecast.steps.count == 128)
    let tpot = try #require(outcome.forecast.tpotMeanMs)
    #expect(tpot > 5 && tpot < 7)
    #expect(outcome.forecast.ttftMs > 20 && outcome.forecast.ttftMs < 30)
    #expect(outcome.forecast.e2eMs > outcome.forecast.ttftMs)
  }

  @Test func traceExample() throws {
    let model = try ModelConfig.resolve("llama-2-7b")
    var options = WorkloadOptions(prompt: 2048)
    options.generate = 16
    try options.set(.weights, to: "int4")
    options.apply([.kv(.int8), .fusion(.eager)])
    let workload = try Workload(model: model, options: options)
    var totals = WorkloadTotals()
    workload.run(into: &totals)
    // About 2 × 6.74e9 parameters × 2048 tokens = 27.6 TOPs (causal scores
    // add little; Table 4's 29.3 counts the full S×S).
    #expect(totals.prefill.ops / 1e12 > 27 && totals.prefill.ops / 1e12 < 28)
    #expect(totals.steps.count == 16)
    // int4 weights ≈ 3.5 GB plus the int8 cache: a few GB per step.
    let read = totals.steps[0].totals.read.total / 1e9
    #expect(read > 3 && read < 5)

    struct GemmBytes: OpSink {
      var bytes = 0.0
      mutating func beginPass(_ pass: PassInfo) {}
      mutating func consume(_ record: OpRecord) {
        if record.kind == .gemm { bytes += record.bytes }
      }
      mutating func endPass(_ pass: PassInfo) {}
    }
    var gemm = GemmBytes()
    workload.run(into: &gemm)
    #expect(gemm.bytes > 0 && gemm.bytes < totals.prefill.read.total * 100)
  }

  @Test func engineSplitExample() throws {
    let model = try ModelConfig.resolve("llama-2-7b")
    var options = WorkloadOptions(prompt: 1024)
    options.generate = 128
    let gpu = try Device.resolve("h100-sxm")
    let npu = Device(
      name: "my NPU", kind: .npu, peakTops: ["int8": 40, "default": 40], bandwidthGBs: 120,
      dispatchUs: 15, efficiency: Efficiency(compute: 0.3, memory: 0.6))
    let split = try ForecastPipeline(
      model: model, options: options, devices: [("npu", npu), ("gpu", gpu)],
      mapping: Mapping(prefill: "npu", decode: "gpu")
    ).run()
    #expect(split.forecast.prefill.bound == .compute)
    #expect((split.forecast.steps.last?.tpotMs ?? 0) > 5)
  }

  @Test func timelineExample() throws {
    let directory = NSTemporaryDirectory() + "life-example-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var outputs = try OutputSet(
      options: OutputOptions(directory: directory, generate: 8, steps: .all))
    var small = WorkloadOptions(prompt: 256)
    small.generate = 8
    let run = try ForecastPipeline(
      model: try ModelConfig.resolve("llama-3.2-1b"), options: small,
      devices: [("gpu", try Device.resolve("rtx-4090"))],
      mapping: Mapping(prefill: "gpu", decode: "gpu")
    ).run(into: &outputs)
    let files = try outputs.finish(outcome: run, scenario: nil)
    #expect(
      files.map { ($0 as NSString).lastPathComponent } == [
        "timeline.json", "summary.json", "steps.csv", "ops.csv", "report.html",
      ])
    for file in files { #expect(FileManager.default.fileExists(atPath: file)) }
  }

  @Test func errorsNameTheirOrigin() {
    do {
      _ = try WorkloadOption.prompt.parse("-1")
      Issue.record("accepted")
    } catch {
      #expect(error.location.origin == .option(.prompt))
      #expect(error.description.hasPrefix("prompt: out of range"))
      #expect(error.description(naming: { "--" + $0.name }).hasPrefix("--prompt: out of range"))
    }
  }
}
