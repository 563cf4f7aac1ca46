import Engine
import Foundation
import LifeTestSupport
import Testing
import Trace

@testable import Timeline

/// `life compare` trusts nothing in a run directory: seeded byte-level
/// mutations of a real run's summary.json, timeline.json and manifest.json
/// (with the manifest's sizes kept true, or left stale, or the manifest
/// gone) are read and merged. Each is refused with an error naming the file,
/// or merged into a timeline that is valid JSON with finite numbers and
/// process ids within bounds. A trap kills the test process.
@Suite struct RunDirectoryFuzzTests {
  static let cases = 150

  /// A small real run: Llama-3.2-1B on an H100, 8 prompt tokens, 3 steps.
  static func writeRun(into dir: String) throws {
    let model = try ModelConfig.resolve("llama-3.2-1b")
    var options = WorkloadOptions(prompt: 8)
    options.generate = 3
    let gpu = try Device.resolve("h100-sxm", at: .none)
    let pipeline = ForecastPipeline(
      name: "fuzz", model: model, options: options, devices: [("device", gpu)],
      mapping: Mapping(prefill: "device", decode: "device"))
    var outputs = try OutputSet(options: OutputOptions(directory: dir, generate: 3))
    let outcome = try pipeline.run(into: &outputs)
    try outputs.finish(outcome: outcome, scenario: nil)
  }

  @Test func aRunWithOnlyAPerfettoTraceIsRefusedByName() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let model = try ModelConfig.resolve("llama-3.2-1b")
    var options = WorkloadOptions(prompt: 8)
    options.generate = 2
    let gpu = try Device.resolve("h100-sxm", at: .none)
    let pipeline = ForecastPipeline(
      name: "perfetto", model: model, options: options, devices: [("device", gpu)],
      mapping: Mapping(prefill: "device", decode: "device"))
    var outputs = try OutputSet(
      options: OutputOptions(directory: dir, generate: 2, format: .perfetto))
    let outcome = try pipeline.run(into: &outputs)
    try outputs.finish(outcome: outcome, scenario: nil)
    #expect(FileManager.default.fileExists(atPath: dir + "/timeline.pftrace"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/timeline.json"))
    do {
      _ = try RunDirectory.read(dir)
      Issue.record("a run without a JSON timeline was read")
    } catch {
      #expect(error.message.contains("not its Perfetto trace"))
      #expect(error.location.file?.hasSuffix("timeline.pftrace") == true)
    }
  }

  @Test func mutatedRunDirectoriesAreRefusedOrMergeCleanly() throws {
    let base = try TestFiles.directory()
    defer { TestFiles.remove(base) }
    let pristine = base + "/pristine"
    try Self.writeRun(into: pristine)
    let names = ["summary.json", "timeline.json", "manifest.json"]
    var originals: [String: [UInt8]] = [:]
    for name in names {
      originals[name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: pristine + "/" + name)))
    }
    var merged = 0
    var refused = 0
    for index in 0..<Self.cases {
      var fuzz = ByteFuzz(seed: ByteFuzz.seed("run-directory", index))
      let dir = base + "/case"
      TestFiles.remove(dir)
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      for name in names {
        try Data(originals[name] ?? []).write(to: URL(fileURLWithPath: dir + "/" + name))
      }
      let target = names[index % names.count]
      let mutated = fuzz.mutate(originals[target] ?? [])
      try Data(mutated).write(to: URL(fileURLWithPath: dir + "/" + target))
      switch (index / names.count) % 3 {
      case 0 where target != "manifest.json":
        // Keep the manifest true to the mutated file, so that the reader
        // gets past the size check to the content.
        let sizes = try names.filter { $0 != "manifest.json" }.map { name in
          OutputManifest.Entry(
            name: name,
            bytes: try FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.size]
              as? Int ?? 0)
        }
        try OutputManifest(entries: sizes).text.write(
          toFile: dir + "/manifest.json", atomically: false, encoding: .utf8)
      case 1 where target != "manifest.json":
        try FileManager.default.removeItem(atPath: dir + "/manifest.json")
      default: break
      }
      let out = dir + "/merged.json"
      do throws(LifeError) {
        let (_, timeline) = try RunDirectory.read(dir)
        try TimelineMerge.write([TimelineSource(path: timeline, prefix: "p · ")], to: out)
      } catch {
        refused += 1
        #expect(error.location.file?.hasPrefix(dir) == true, "\(error)")
        #expect(!error.message.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out), "a refused merge wrote its output")
        continue
      }
      merged += 1
      let json = try JSONParser.parse(
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: out))), file: out)
      try JSONFormat.checkFinite(json)
      if case .array(let events)? = json["traceEvents"] {
        for event in events {
          if case .number(let pid)? = event["pid"] {
            #expect(pid.value >= 0 && pid.value <= Double(TraceEventLimits.maxPid))
          }
        }
      }
    }
    #expect(merged > 0 && refused > 0, "merged \(merged), refused \(refused)")
  }
}
