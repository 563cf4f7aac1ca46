import Foundation
import Testing

@testable import Trace

/// Whole-file writing: the target is replaced only on commit.
@Suite struct AtomicFileTests {
  /// A fresh empty directory for one test.
  private func scratch() throws -> String {
    let path = NSTemporaryDirectory() + "life-atomic-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  private func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  private func entries(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  @Test func commitWritesAndReplaces() throws {
    let dir = try scratch()
    let path = dir + "/out.json"
    try AtomicFile.write("first", to: path)
    #expect(read(path) == "first")
    try AtomicFile.write(bytes: Array("second".utf8), to: path)
    #expect(read(path) == "second")
    #expect(entries(dir) == ["out.json"])
  }

  @Test func nothingAppearsBeforeCommit() throws {
    let dir = try scratch()
    let path = dir + "/big.txt"
    let file = try AtomicFile(path: path)
    for _ in 0..<3000 { file.write(String(repeating: "x", count: 1000)) }
    #expect(read(path) == nil)
    try file.commit()
    #expect(read(path)?.count == 3_000_000)
    #expect(entries(dir) == ["big.txt"])
  }

  @Test func discardKeepsTheOldFile() throws {
    let dir = try scratch()
    let path = dir + "/summary.json"
    try AtomicFile.write("old", to: path)
    let file = try AtomicFile(path: path)
    file.write("new, but abandoned")
    file.discard()
    #expect(read(path) == "old")
    #expect(entries(dir) == ["summary.json"])
  }

  @Test func droppedWriterKeepsTheOldFile() throws {
    let dir = try scratch()
    let path = dir + "/summary.json"
    try AtomicFile.write("old", to: path)
    do {
      let file = try AtomicFile(path: path)
      file.write("half a fil")
    }
    #expect(read(path) == "old")
    #expect(entries(dir) == ["summary.json"])
  }

  @Test func missingDirectory() throws {
    let dir = try scratch()
    #expect(
      throws: LifeError.file(dir + "/nope", path: nil, "output directory does not exist")
    ) { try AtomicFile.write("x", to: dir + "/nope/out.json") }
  }

  @Test func directoryThatIsAFile() throws {
    let dir = try scratch()
    try AtomicFile.write("x", to: dir + "/file")
    #expect(throws: LifeError.self) { try AtomicFile.write("x", to: dir + "/file/out.json") }
  }

  @Test func unwritableDirectory() {
    // /proc refuses new files even for root.
    do {
      try AtomicFile.write("x", to: "/proc/life-test.json")
      Issue.record("wrote into /proc")
    } catch {
      #expect(error.kind == .failure)
      #expect(error.rendered.hasPrefix("error: /proc: cannot write into the output directory: "))
    }
  }

  @Test func targetThatIsADirectory() throws {
    let dir = try scratch()
    try FileManager.default.createDirectory(
      atPath: dir + "/sub", withIntermediateDirectories: false)
    try FileManager.default.createDirectory(
      atPath: dir + "/sub/inner", withIntermediateDirectories: false)
    #expect(throws: LifeError.self) { try AtomicFile.write("x", to: dir + "/sub") }
    #expect(entries(dir) == ["sub"])
  }
}
