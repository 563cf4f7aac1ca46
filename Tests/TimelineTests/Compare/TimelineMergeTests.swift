import Engine
import Foundation
import LifeTestSupport
import Testing
import Timeline
import Trace

/// Combining finished timelines into one, each run a group of processes.
struct TimelineMergeTests {
  static func events(_ path: String) throws -> [JSONValue] { try TestFiles.events(path) }

  @Test(arguments: [false, true])
  func mergesRunsAsProcessGroups(gzipInput: Bool) throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let a = dir + "/a.json", b = dir + (gzipInput ? "/b.json.gz" : "/b.json")
    let resultA = try TestFiles.writeTrace(FakeRun(), to: a)
    try TestFiles.writeTrace(FakeRun(), to: b, gzip: gzipInput)
    let out = dir + "/merged.json"
    let bases = try TimelineMerge.write(
      [TimelineSource(path: a, prefix: "one · "), TimelineSource(path: b, prefix: "two <2> · ")],
      to: out)
    #expect(bases == [0, 100])

    let original = try Self.events(a)
    let merged = try Self.events(out)
    #expect(merged.count == 2 * original.count)
    let names = merged.filter { $0["name"]?.stringValue == "process_name" }
      .compactMap { $0["args"]?["name"]?.stringValue }
    let run = FakeRun()
    #expect(
      names == [
        "one · request", "one · \(run.npuName) (npu)", "one · \(run.gpuName) (igpu)",
        "two <2> · request", "two <2> · \(run.npuName) (npu)", "two <2> · \(run.gpuName) (igpu)",
      ])
    // The second copy: same events with pids + 100, tids + 1000, flow ids moved.
    for (first, second) in zip(original, merged.dropFirst(original.count)) {
      #expect(second["pid"]?.intValue == first["pid"]?.intValue.map { $0 + 100 })
      if let tid = first["tid"]?.intValue { #expect(second["tid"]?.intValue == tid + 1000) }
      if let id = first["bind_id"]?.intValue {
        #expect(second["bind_id"]?.intValue == id + 100_000_000)
      }
      #expect(
        second["ts"] == first["ts"] && second["dur"] == first["dur"]
          && second["name"] == first["name"])
    }
    let flows = Set(merged.compactMap { $0["bind_id"]?.intValue })
    #expect(flows.count == 2 * resultA.handoffs)
    let text = try TestFiles.text(out)
    let metadata = try JSONParser.parse(text, file: out)["metadata"]?["life"]?["runs"]
    if case .array(let runs)? = metadata {
      #expect(runs.count == 2)
      #expect(runs.last?["pid_base"]?.intValue == 100)
      #expect(runs.last?["name_prefix"]?.stringValue == "two <2> · ")
    } else {
      Issue.record("no runs metadata")
    }
  }

  /// Any layout of the object form is read: whitespace, member order,
  /// other members, strings holding brackets and quotes.
  @Test func readsOtherFormatting() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let input = dir + "/in.json"
    try """
    { "displayTimeUnit" : "ns", "other": {"a": [1, {"b": "]}"}]},
      "traceEvents" : [
        { "name" : "x ] \\" }", "ph" : "X", "ts" : 1.5, "dur" : 2, "pid" : 7, "tid" : 70 , "args": {"pid": 1}} ,
        {"name":"process_name","ph": "M","pid":7,"args":{"name":"dev"}}
      ] }
    """.write(toFile: input, atomically: true, encoding: .utf8)
    let out = dir + "/out.json"
    try TimelineMerge.write([TimelineSource(path: input, prefix: "p · ")], to: out)
    let events = try Self.events(out)
    #expect(events.count == 2)
    #expect(events[0]["name"]?.stringValue == "x ] \" }")
    #expect(events[0]["pid"]?.intValue == 7 && events[0]["args"]?["pid"]?.intValue == 1)
    #expect(events[0]["ts"]?.doubleValue == 1.5)
    #expect(events[1]["args"]?["name"]?.stringValue == "p · dev")
  }

  @Test(arguments: [
    ("[1, 2]", "expected '{'"),
    ("{\"traceEvents\": [{\"ph\": \"X\"}", "unexpected end of file"),
    ("{\"metadata\": {}}", "no traceEvents array"),
  ])
  func badInputsAreErrorsAndWriteNothing(_ test: (String, String)) throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let input = dir + "/in.json"
    try test.0.write(toFile: input, atomically: true, encoding: .utf8)
    let out = dir + "/out.json"
    #expect {
      try TimelineMerge.write([TimelineSource(path: input, prefix: "")], to: out)
    } throws: { error in
      "\(error)".hasPrefix(input + ": byte ") && "\(error)".contains(test.1)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["in.json"])
  }

  @Test func missingAndCorruptGzipInputs() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    #expect(throws: LifeError.self) {
      try TimelineMerge.write(
        [TimelineSource(path: dir + "/none.json", prefix: "")], to: dir + "/o.json")
    }
    let gz = dir + "/bad.json.gz"
    try Data([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03]).write(to: URL(fileURLWithPath: gz))
    #expect {
      try TimelineMerge.write([TimelineSource(path: gz, prefix: "")], to: dir + "/o.json")
    } throws: { error in
      "\(error)".hasPrefix(gz)
    }
  }
}
