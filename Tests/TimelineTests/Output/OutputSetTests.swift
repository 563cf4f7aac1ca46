import Engine
import Foundation
import Testing
import Trace

@testable import Timeline

@Suite struct OutputSetTests {
  static func forecast(model: String = "tiny <model>") -> JSONValue {
    .object([
      (key: "schema_version", value: .int(1)),
      (key: "model", value: .object([(key: "name", value: .string(model))])),
      (key: "ttft_ms", value: .num(1.5)),
      (key: "warnings", value: .array([.string("prompt beyond <max_position_embeddings>")])),
    ])
  }

  /// Runs `run` through an output set into `dir`.
  @discardableResult
  static func write(_ run: FakeRun, into dir: String, gzip: Bool = false) throws -> [String] {
    var outputs = try OutputSet(
      options: OutputOptions(directory: dir, generate: run.generate, gzip: gzip))
    run.play(into: &outputs)
    return try outputs.finish(
      forecast: forecast(), model: "m", warnings: [],
      scenario: .object([(key: "name", value: .string("scenario \"s\""))]),
      toolVersion: "9.9.9", title: "scenario \"s\"")
  }

  @Test func writesEveryFile() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let paths = try Self.write(FakeRun(), into: dir)
    let names = paths.map { ($0 as NSString).lastPathComponent }
    #expect(names == ["timeline.json", "summary.json", "steps.csv", "ops.csv", "report.html"])
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(
      files == [
        "manifest.json", "ops.csv", "report.html", "steps.csv", "summary.json", "timeline.json",
      ])
    let manifest = try #require(try OutputManifest.read(directory: dir))
    #expect(manifest.entries.map(\.name) == names)
    #expect(manifest.entries.allSatisfy { $0.staged == nil })
  }

  @Test func stepsCSVHasOneRowPerStep() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    var run = FakeRun()
    run.generate = 7
    try Self.write(run, into: dir)
    let lines = try TestFiles.text(dir + "/steps.csv").split(separator: "\n")
    #expect(
      lines.first
        == "step,kv_len,ops,bytes_read,bytes_written,kv_bytes_read,dispatch_calls,tpot_ms,t_compute_ms,t_memory_ms,bound,device,energy_j"
    )
    #expect(lines.count == 8)
    let first = lines[1].split(separator: ",")
    #expect(first[0] == "1")
    #expect(first[1] == "\(run.prompt + 1)")
    #expect(first[first.count - 2] == "igpu")
    #expect((Double(first.last ?? "") ?? 0) > 0)
  }

  @Test func opsCSVSumsByPhaseKindAndDevice() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    try Self.write(FakeRun(), into: dir)
    let lines = try TestFiles.text(dir + "/ops.csv").split(separator: "\n")
    #expect(
      lines.first
        == "phase,kind,device,ops,ops_padded,bytes_read,bytes_written,dispatch_calls,time_ms,t_compute_ms,t_memory_ms,operators"
    )
    #expect(lines.contains { $0.hasPrefix("prefill,gemm,npu,") })
    #expect(lines.contains { $0.hasPrefix("decode,gemm,igpu,") })
    // FakeRun has 2 GEMMs per layer and the LM head: 5 per pass, 4 steps.
    let decodeGemm = try #require(lines.first { $0.hasPrefix("decode,gemm,igpu,") })
    #expect(decodeGemm.hasSuffix(",20"))
  }

  @Test func summaryEchoesScenarioAndVersion() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    try Self.write(FakeRun(), into: dir)
    let summary = try JSONParser.parse(try TestFiles.text(dir + "/summary.json"), file: nil)
    #expect(summary["tool_version"] == .string("9.9.9"))
    #expect(summary["scenario"]?["name"] == .string("scenario \"s\""))
    #expect(summary["ttft_ms"] == .num(1.5))
  }

  @Test func nonFiniteForecastWritesNothing() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    var outputs = try OutputSet(options: OutputOptions(directory: dir, generate: 4))
    FakeRun().play(into: &outputs)
    #expect(throws: LifeError.self) {
      try outputs.finish(
        forecast: .object([(key: "x", value: .num(Double.nan))]), model: "m", warnings: [],
        scenario: nil)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
  }

  @Test func replacesOnlyItsOwnFiles() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    try AtomicFile.write("mine", to: dir + "/notes.txt")
    try AtomicFile.write("stale", to: dir + "/timeline.json")
    try Self.write(FakeRun(), into: dir, gzip: true)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(
      files == [
        "manifest.json", "notes.txt", "ops.csv", "report.html", "steps.csv", "summary.json",
        "timeline.json.gz",
      ])
    #expect(try TestFiles.text(dir + "/notes.txt") == "mine")
  }

  @Test func outputsAreByteForByteDeterministic() throws {
    let a = try TestFiles.directory(), b = try TestFiles.directory()
    defer { TestFiles.remove(a); TestFiles.remove(b) }
    try Self.write(FakeRun(), into: a)
    try Self.write(FakeRun(), into: b)
    for name in ["timeline.json", "summary.json", "steps.csv", "ops.csv", "report.html"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + name))
      let y = try Data(contentsOf: URL(fileURLWithPath: b + "/" + name))
      #expect(x == y, "\(name) differs")
    }
  }

  @Test func anAbandonedSetLeavesTheOldFiles() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    try Self.write(FakeRun(), into: dir)
    let before = try TestFiles.text(dir + "/steps.csv")
    do {
      var run = FakeRun()
      run.generate = 9
      var outputs = try OutputSet(options: OutputOptions(directory: dir, generate: 9))
      run.play(into: &outputs)
      // Never finished.
    }
    #expect(try TestFiles.text(dir + "/steps.csv") == before)
    #expect(
      !(try FileManager.default.contentsOfDirectory(atPath: dir)).contains { $0.hasPrefix(".") })
  }
}
