import Engine
import Foundation
import Testing
import Timeline
import Trace

/// Guards the numbers while the hot paths change: a small two-device run
/// (Llama-3.2-1B, int4:g128 weights, prompt 64, 8 decode steps, prefill on an
/// H100 and decode on an RTX 4090 over a PCIe link, op overlap; both devices
/// as explicit device files with the version 1 figures, efficiencies and
/// dispatch latencies, and the `ideal` runtime) must
/// reproduce the committed summary.json, steps.csv and ops.csv in
/// Golden/two-device/ to 1e-9 relative in every number (the tool version
/// aside), and two runs must write byte-identical files.
///
/// `LIFE_RECORD_GOLDEN=1 swift test --filter GoldenFileTests` re-records the
/// golden files.
@Suite struct GoldenFileTests {
  static let files = [OutputSet.FileName.summary, OutputSet.FileName.steps, OutputSet.FileName.ops]
  static let goldenDirectory = LifeBinary.packageRoot
    .appendingPathComponent("Tests/EndToEndTests/Golden/two-device")
  static let deviceDirectory = LifeBinary.packageRoot
    .appendingPathComponent("Tests/EndToEndTests/Golden/devices")

  @Test func outputsMatchTheGoldenFiles() throws {
    let dir = try GoldenScenario.runInScratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    if ProcessInfo.processInfo.environment["LIFE_RECORD_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(
        at: Self.goldenDirectory, withIntermediateDirectories: true)
      for name in Self.files {
        let data = try Data(contentsOf: dir.appendingPathComponent(name))
        try data.write(to: Self.goldenDirectory.appendingPathComponent(name))
      }
      return
    }
    for name in Self.files {
      let golden = try String(
        contentsOf: Self.goldenDirectory.appendingPathComponent(name), encoding: .utf8)
      let actual = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
      var mismatches: [String] = []
      if name.hasSuffix(".json") {
        let g = try JSONParser.parse(golden, file: name)
        let a = try JSONParser.parse(actual, file: name)
        NumericCompare.json(a, g, path: "", into: &mismatches)
      } else {
        NumericCompare.csv(actual, golden, into: &mismatches)
      }
      #expect(mismatches.isEmpty, "\(name): \(mismatches.prefix(10).joined(separator: "; "))")
    }
  }

  @Test func twoRunsWriteIdenticalBytes() throws {
    let first = try GoldenScenario.runInScratch()
    let second = try GoldenScenario.runInScratch()
    defer {
      try? FileManager.default.removeItem(at: first)
      try? FileManager.default.removeItem(at: second)
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
    #expect(names == (try FileManager.default.contentsOfDirectory(atPath: second.path).sorted()))
    #expect(names.contains(OutputSet.FileName.timeline))
    for name in names {
      let a = try Data(contentsOf: first.appendingPathComponent(name))
      let b = try Data(contentsOf: second.appendingPathComponent(name))
      #expect(a == b, "\(name) differs between two runs")
    }
  }

  @Test func numericCompareFlagsRealDifferences() {
    var mismatches: [String] = []
    NumericCompare.csv("a,b\n1.0,x\n", "a,b\n1.0000000001,x\n", into: &mismatches)
    #expect(mismatches.isEmpty)
    NumericCompare.csv("a,b\n1.00001,x\n", "a,b\n1.0,x\n", into: &mismatches)
    #expect(mismatches.count == 1)
    mismatches = []
    NumericCompare.csv("a,b\n1.0,y\n", "a,b\n1.0,x\n", into: &mismatches)
    #expect(mismatches.count == 1)
  }
}

/// The golden scenario, run in-process through ``ForecastPipeline`` into an
/// ``OutputSet``.
enum GoldenScenario {
  static func runInScratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-golden-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var options = WorkloadOptions(prompt: 64)
    options.generate = 8
    options.weights = .quantized(try #require(WeightFormat.parse("int4:g128")))
    let pipeline = ForecastPipeline(
      name: "golden", model: try ModelConfig.resolve("llama-3.2-1b"), options: options,
      devices: [
        (
          "gpu",
          try Device.load(
            path: GoldenFileTests.deviceDirectory.appendingPathComponent("h100-sxm-v1.json").path)
        ),
        (
          "edge",
          try Device.load(
            path: GoldenFileTests.deviceDirectory.appendingPathComponent("rtx-4090-v1.json").path)
        ),
      ],
      mapping: Mapping(prefill: "gpu", decode: "edge"),
      links: [Link(from: "gpu", to: "edge", bandwidthGBs: 32, latencyUs: 5)], overlap: .op)
    var outputs = try OutputSet(
      options: OutputOptions(directory: dir.path, generate: options.generate, steps: .all))
    let outcome = try pipeline.run(into: &outputs)
    try outputs.finish(outcome: outcome, scenario: nil, toolVersion: "golden")
    return dir
  }
}

/// Compares outputs number by number, to a relative tolerance.
enum NumericCompare {
  static let tolerance = 1e-9

  static func close(_ a: Double, _ b: Double) -> Bool {
    if a == b { return true }
    return abs(a - b) <= tolerance * max(abs(a), abs(b))
  }

  static func json(_ a: JSONValue, _ g: JSONValue, path: String, into out: inout [String]) {
    switch (a, g) {
    case (.number(let x), .number(let y)):
      if !close(x.value, y.value) { out.append("\(path): \(x.text) vs golden \(y.text)") }
    case (.object(let xs), .object(let ys)):
      let keys = xs.map(\.key)
      if keys != ys.map(\.key) {
        out.append("\(path): keys \(keys) vs golden \(ys.map(\.key))")
        return
      }
      for (x, y) in zip(xs, ys) where !(path.isEmpty && x.key == "tool_version") {
        json(x.value, y.value, path: path + "." + x.key, into: &out)
      }
    case (.array(let xs), .array(let ys)):
      if xs.count != ys.count {
        out.append("\(path): \(xs.count) items vs golden \(ys.count)")
        return
      }
      for (i, (x, y)) in zip(xs, ys).enumerated() { json(x, y, path: "\(path)[\(i)]", into: &out) }
    default:
      if a != g { out.append("\(path): \(a.brief) vs golden \(g.brief)") }
    }
  }

  static func csv(_ actual: String, _ golden: String, into out: inout [String]) {
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let g = golden.split(separator: "\n", omittingEmptySubsequences: false)
    if a.count != g.count {
      out.append("\(a.count) lines vs golden \(g.count)")
      return
    }
    for (line, (x, y)) in zip(a, g).enumerated() {
      let xs = x.split(separator: ",", omittingEmptySubsequences: false)
      let ys = y.split(separator: ",", omittingEmptySubsequences: false)
      if xs.count != ys.count {
        out.append("line \(line + 1): \(xs.count) cells vs golden \(ys.count)")
        continue
      }
      for (column, (p, q)) in zip(xs, ys).enumerated() where p != q {
        if let u = Double(p), let v = Double(q), close(u, v) { continue }
        out.append("line \(line + 1) column \(column + 1): '\(p)' vs golden '\(q)'")
      }
    }
  }
}
