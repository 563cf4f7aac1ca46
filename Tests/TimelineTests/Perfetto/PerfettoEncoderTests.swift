import Engine
import Foundation
import Testing
import Trace

@testable import Timeline

/// The Perfetto encoder's bytes: a tiny trace exactly, determinism and
/// atomicity.
@Suite struct PerfettoEncoderTests {
  /// A process, a thread with one slice (one argument) and a counter
  /// sample, as written by `write_pftrace.py`'s field helpers (the
  /// reference in shared/tools/perfetto) and loaded cleanly by the trace
  /// processor.
  static let tiny: [UInt8] = [
    // The sequence's first packet: state cleared, clock snapshot
    // (BOOTTIME 6 and incremental clock 64, both 0), defaults: clock 64.
    0x0A, 0x1A, 0x50, 0x01, 0x32, 0x0E, 0x0A, 0x04, 0x08, 0x06, 0x10, 0x00,
    0x0A, 0x06, 0x08, 0x40, 0x10, 0x00, 0x18, 0x01, 0xDA, 0x03, 0x03, 0xD0,
    0x03, 0x40, 0x68, 0x01,
    // Process track 1: pid 1, "p".
    0x0A, 0x0E, 0x50, 0x01, 0xE2, 0x03, 0x09, 0x08,
    0x01, 0x1A, 0x05, 0x08, 0x01, 0x32, 0x01, 0x70,
    // Thread track 2: pid 1, tid 11, "t".
    0x0A, 0x10, 0x50, 0x01,
    0xE2, 0x03, 0x0B, 0x08, 0x02, 0x22, 0x07, 0x08, 0x01, 0x10, 0x0B, 0x2A,
    0x01, 0x74,
    // Slice begin at +1000 ns with interned "x", "a", "c"; x = 7.
    0x0A, 0x2C, 0x40, 0xE8, 0x07, 0x50, 0x01, 0x62, 0x15, 0x1A,
    0x05, 0x08, 0x01, 0x12, 0x01, 0x78, 0x12, 0x05, 0x08, 0x01, 0x12, 0x01,
    0x61, 0x0A, 0x05, 0x08, 0x01, 0x12, 0x01, 0x63, 0x5A, 0x0E, 0x48, 0x01,
    0x58, 0x02, 0x50, 0x01, 0x18, 0x01, 0x22, 0x04, 0x08, 0x01, 0x20, 0x07,
    // Counter track 3 "n k" under the process; 1.5 at +1000 ns.
    0x0A, 0x10, 0x50, 0x01, 0xE2, 0x03, 0x0B, 0x08, 0x03, 0x12, 0x03, 0x6E,
    0x20, 0x6B, 0x28, 0x01, 0x42, 0x00, 0x0A, 0x15, 0x40, 0xE8, 0x07, 0x50,
    0x01, 0x5A, 0x0E, 0x48, 0x04, 0x58, 0x03, 0xE1, 0x02, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0xF8, 0x3F,
    // Slice end at +1000 ns.
    0x0A, 0x0B, 0x40, 0xE8, 0x07, 0x50, 0x01,
    0x5A, 0x04, 0x48, 0x02, 0x58, 0x02,
  ]

  static func bytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  @Test func aTinyTraceHasExactlyTheReferenceBytes() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.pftrace"
    let file = try TimelineFile(path: path, format: .perfetto)
    file.processName(pid: 1, "p")
    file.processSortIndex(pid: 1, 1)
    file.threadName(pid: 1, tid: 11, "t")
    file.threadSortIndex(pid: 1, tid: 11, 1)
    var args = file.args()
    args.int("x", 7)
    file.slice(
      TimelineSlice(
        quotedName: Array("\"a\"".utf8), quotedCategory: Array("\"c\"".utf8), pid: 1, tid: 11,
        start: 1000, end: 3000, args: args.bytes, flow: nil, nested: false))
    file.counter("n", key: "k", pid: 1, at: 2000, 1.5)
    #expect(file.eventCount == 6)
    try file.finish()
    #expect(try Self.bytes(path) == Self.tiny)
  }

  @Test func twoWritesOfOneRunAreIdentical() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    var outputs: [[UInt8]] = []
    for name in ["a", "b"] {
      let path = dir + "/\(name).pftrace"
      let file = try TimelineFile(path: path, format: .perfetto)
      var writer = TimelineWriter(file: file, steps: .all, generate: FakeRun().generate)
      FakeRun().play(into: &writer)
      try file.finish()
      outputs.append(try Self.bytes(path))
    }
    #expect(outputs[0] == outputs[1])
    #expect(outputs[0].count > Self.tiny.count)
  }

  @Test func bothFormatsCountTheSameEvents() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    var counts: [Int] = []
    var steps: [[Int]] = []
    for format in TraceFormat.allCases {
      let file = try TimelineFile(path: dir + "/t.\(format.rawValue)", format: format)
      var run = FakeRun()
      run.generate = 12
      var writer = TimelineWriter(file: file, generate: run.generate, eventBudget: 150)
      run.play(into: &writer)
      try file.finish()
      counts.append(file.eventCount)
      steps.append(writer.tracedDecodeSteps)
    }
    #expect(counts[0] == counts[1])
    #expect(steps[0] == steps[1])
  }

  @Test func anUnfinishedTraceLeavesTheOldFile() throws {
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    let path = dir + "/timeline.pftrace"
    try AtomicFile.write("old", to: path)
    do {
      let file = try TimelineFile(path: path, format: .perfetto)
      var writer = TimelineWriter(file: file, generate: 4)
      FakeRun().play(into: &writer)
      file.discard()
    }
    do {
      let file = try TimelineFile(path: path, format: .perfetto)
      var writer = TimelineWriter(file: file, generate: 4)
      FakeRun().play(into: &writer)
      // Dropped without finish().
    }
    #expect(try TestFiles.text(path) == "old")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir)
    #expect(leftovers == ["timeline.pftrace"])
  }
}
