import Foundation
import Testing

@testable import Trace

@Suite struct FileInputTests {
  private func scratch() throws -> String {
    let path = NSTemporaryDirectory() + "life-input-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func readsText() throws {
    let dir = try scratch()
    try AtomicFile.write("héllo\n", to: dir + "/a.txt")
    #expect(try FileInput.readText(dir + "/a.txt") == "héllo\n")
    #expect(try FileInput.readBytes(dir + "/a.txt").count == 7)
  }

  @Test func missingPath() {
    #expect(throws: LifeError.file("/no/such/file.json", path: nil, "no such file")) {
      try FileInput.readText("/no/such/file.json")
    }
  }

  @Test func directory() throws {
    let dir = try scratch()
    #expect(
      throws: LifeError.file(dir, path: nil, "is a directory", expected: "a file")
    ) { try FileInput.readBytes(dir) }
  }

  @Test func binary() throws {
    let dir = try scratch()
    try AtomicFile.write(bytes: [0x7B, 0x00, 0x7D], to: dir + "/b.bin")
    #expect(
      throws: LifeError.file(
        dir + "/b.bin", path: nil, "not a text file: it contains binary data (a NUL byte)")
    ) { try FileInput.readText(dir + "/b.bin") }
    #expect(throws: LifeError.self) { try JSONNode.load(file: dir + "/b.bin") }
    try AtomicFile.write(bytes: [0xC3, 0x28], to: dir + "/c.txt")
    #expect(
      throws: LifeError.file(
        dir + "/c.txt", path: "line 1, column 1", "not valid UTF-8 text",
        got: "byte 0xC3 (Latin-1 'Ã'?)", expected: "UTF-8 (re-save the file as UTF-8)")
    ) {
      try FileInput.readText(dir + "/c.txt")
    }
  }

  @Test func emptyFileIsAnEmptyJSONDocument() throws {
    let dir = try scratch()
    try AtomicFile.write("", to: dir + "/e.json")
    #expect(try FileInput.readText(dir + "/e.json") == "")
    #expect(
      throws: LifeError.file(
        dir + "/e.json", path: nil, "the file is empty", expected: "a JSON document")
    ) { try JSONNode.load(file: dir + "/e.json") }
  }

  @Test func resolvesRelativePaths() {
    #expect(FileInput.resolve("m.json", relativeTo: "traces/s.json") == "traces/m.json")
    #expect(FileInput.resolve("/abs/m.json", relativeTo: "traces/s.json") == "/abs/m.json")
    #expect(FileInput.resolve("m.json", relativeTo: "s.json") == "m.json")
    #expect(FileInput.resolve("m.json", relativeTo: nil) == "m.json")
  }
}
