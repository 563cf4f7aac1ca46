import Engine
import Foundation
import LifeTestSupport
import Testing
import Trace

@testable import Timeline

@Suite struct TimelineWriterTests {
  /// X slices grouped by thread, as (start, end) in nanoseconds, sorted.
  static func slicesByThread(_ events: [JSONValue]) -> [String: [(Int64, Int64, String)]] {
    var threads: [String: [(Int64, Int64, String)]] = [:]
    for event in events where event["ph"]?.stringValue == "X" {
      let ts = Int64(((event["ts"]?.doubleValue ?? 0) * 1000).rounded())
      let dur = Int64(((event["dur"]?.doubleValue ?? 0) * 1000).rounded())
      let key = "\(event["pid"]?.intValue ?? -1)/\(event["tid"]?.intValue ?? -1)"
      threads[key, default: []].append((ts, ts + dur, event["name"]?.stringValue ?? ""))
    }
    for key in threads.keys {
      threads[key]?.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }
    }
    return threads
  }

  @Test(arguments: [Overlap.op, .phase], [TraceDetail.op, .layer, .step])
  func slicesNestOnEveryThreadAndNoTidIsZero(overlap: Overlap, detail: TraceDetail) throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.json"
    try TestFiles.writeTrace(FakeRun(overlap: overlap), to: path, detail: detail)
    let events = try TestFiles.events(path)
    #expect(!events.isEmpty)
    for event in events where event["ph"]?.stringValue != "C" {
      #expect(event["tid"]?.intValue != 0)
      #expect(event["tid"] != nil)
    }
    for (thread, slices) in Self.slicesByThread(events) {
      var stack: [(Int64, Int64, String)] = []
      for slice in slices {
        while let top = stack.last, top.1 <= slice.0 { stack.removeLast() }
        if let top = stack.last {
          #expect(slice.1 <= top.1, "\(slice.2) sticks out of \(top.2) on \(thread)")
        }
        stack.append(slice)
      }
    }
  }

  @Test func opOverlapDrawsOneOperatorSlicePerRecord() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.json"
    let result = try TestFiles.writeTrace(FakeRun(), to: path)
    let events = try TestFiles.events(path)
    let operatorSlices = events.filter {
      $0["ph"]?.stringValue == "X" && ($0["tid"]?.intValue ?? 0) % 10 == 1
        && ($0["pid"]?.intValue ?? 0) >= 2
    }
    #expect(operatorSlices.count == result.opsDelivered)
    let first = try #require(operatorSlices.first)
    for key in [
      "kind", "layer", "shape", "input_dtype", "weight_dtype", "compute_dtype", "ops", "ops_padded",
      "read_weights", "read_kv", "written_kv", "compute_us", "memory_us", "bound",
      "compute_efficiency", "memory_efficiency", "peak_tops",
    ] {
      #expect(first["args"]?[key] != nil, "missing arg \(key)")
    }
  }

  @Test func stringsFromInputAreEscaped() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.json"
    var run = FakeRun()
    run.npuName = "NPU \"x\" \\ \u{01}\n</script>"
    try TestFiles.writeTrace(run, to: path)
    let events = try TestFiles.events(path)
    let names = events.compactMap { $0["args"]?["name"]?.stringValue }
    #expect(names.contains("NPU \"x\" \\ \u{01}\n</script> (npu)"))
  }

  @Test func twoWritesAreByteForByteIdentical() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    for gzip in [false, true] {
      try TestFiles.writeTrace(FakeRun(), to: dir + "/a", gzip: gzip)
      try TestFiles.writeTrace(FakeRun(), to: dir + "/b", gzip: gzip)
      let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/a"))
      let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/b"))
      #expect(a == b)
      #expect(!a.isEmpty)
    }
  }

  @Test func anUnfinishedTraceLeavesTheOldFile() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.json"
    try AtomicFile.write("old", to: path)
    do {
      let file = try TimelineFile(path: path)
      var writer = TimelineWriter(file: file, generate: 4)
      FakeRun().play(into: &writer)
      file.discard()
    }
    do {
      let file = try TimelineFile(path: path, gzip: true)
      var writer = TimelineWriter(file: file, generate: 4)
      FakeRun().play(into: &writer)
      // Dropped without finish().
    }
    #expect(try TestFiles.text(path) == "old")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir)
    #expect(leftovers == ["timeline.json"])
  }

  @Test func stepSelectionLimitsDetailButNotRequestSlices() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.json"
    var run = FakeRun()
    run.generate = 10
    let steps = TimelineSteps.chosen(try StepChoice.parse("1-2,5,last"), generate: 10)
    try TestFiles.writeTrace(run, to: path, steps: steps)
    let text = try TestFiles.text(path)
    let json = try JSONParser.parse(text, file: path)
    let meta = json["metadata"]?["life"]?["runs"]
    guard case .array(let runs)? = meta else {
      Issue.record("no run metadata")
      return
    }
    #expect(runs.first?["traced_steps"]?.stringValue == "1-2,5,10")
    let events = try TestFiles.events(path)
    let decodeSlices = events.filter { ($0["name"]?.stringValue ?? "").hasPrefix("decode step ") }
    #expect(decodeSlices.count == 10)
    let tracedSteps = Set(
      events.compactMap { event -> Int? in
        guard event["args"]?["phase"]?.stringValue == "decode" else { return nil }
        return event["args"]?["step"]?.intValue
      })
    #expect(tracedSteps == [1, 2, 5, 10])
  }

  @Test func automaticSelectionKeepsUnderBudget() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.json"
    var run = FakeRun()
    run.generate = 200
    try TestFiles.writeTrace(run, to: path, steps: .automatic, budget: 6000)
    let events = try TestFiles.events(path)
    #expect(events.count <= 6000)
    let json = try JSONParser.parse(try TestFiles.text(path), file: path)
    guard case .array(let runs)? = json["metadata"]?["life"]?["runs"] else {
      Issue.record("no run metadata")
      return
    }
    let traced = runs.first?["traced_steps"]?.stringValue ?? ""
    #expect(traced.hasPrefix("1-"))
    #expect(traced.hasSuffix(",200"))
  }

  @Test func samplerChoosesFirstSpacedAndLast() {
    #expect(StepSampler.choose(from: 1, through: 5, count: 10) == [1, 2, 3, 4, 5])
    let chosen = StepSampler.choose(from: 1, through: 1000, count: 8)
    #expect(chosen.count == 8)
    #expect(chosen.first == 1)
    #expect(chosen.last == 1000)
    #expect(chosen == chosen.sorted())
    #expect(StepSampler.rangesText([1, 2, 3, 7, 9, 10]) == "1-3,7,9-10")
  }

  @Test func stepListsParse() throws {
    let selection = TimelineSteps.chosen(try StepChoice.parse("1-3, 7,last"), generate: 20)
    guard case .predicate(let chosen) = selection.rule else {
      Issue.record("expected a predicate")
      return
    }
    #expect((1...20).filter(chosen) == [1, 2, 3, 7, 20])
    #expect(throws: LifeError.self) { try StepChoice.parse("3-1") }
    #expect(throws: LifeError.self) { try StepChoice.parse("x") }
  }

  @Test func timesPrintAsExactMicroseconds() {
    #expect(TraceTime.micros(0) == "0")
    #expect(TraceTime.micros(1) == "0.001")
    #expect(TraceTime.micros(12_340) == "12.34")
    #expect(TraceTime.micros(5_000) == "5")
    #expect(TraceTime.ns(1.5e-6) == 1500)
  }

  @Test func aLongRunStaysNearTheDefaultBudget() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.json.gz"
    var run = FakeRun()
    run.layers = 32
    run.generate = 2000
    let file = try TimelineFile(path: path, gzip: true)
    var writer = TimelineWriter(file: file, steps: .automatic, generate: run.generate)
    run.play(into: &writer)
    try file.finish()
    #expect(file.eventCount <= 500_000)
    #expect(file.eventCount >= 400_000)
    let traced = writer.tracedDecodeSteps
    #expect(traced.first == 1)
    #expect(traced.last == 2000)
    #expect(traced.count < 2000)
  }
}
