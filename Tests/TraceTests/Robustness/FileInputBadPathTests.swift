import Foundation
import Testing
import Trace

/// Paths that do not exist, directories, empty and binary files, and output
/// directories that cannot be written: clear failures, never a trap, and
/// nothing half written.
@Suite struct FileInputBadPathTests {
  static func scratch() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-robust-\(UInt64.random(in: 0...UInt64.max))").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func missingFile() {
    #expect(throws: LifeError.file("/nonexistent/config.json", path: nil, "no such file")) {
      try ModelConfig.load(path: "/nonexistent/config.json")
    }
  }

  @Test func directoryGivenAsFile() throws {
    let dir = try Self.scratch()
    do {
      _ = try ModelConfig.load(path: dir)
      Issue.record("accepted a directory")
    } catch {
      #expect(error.rendered == "error: \(dir): is a directory (expected a file)")
      #expect(error.exitCode == 1)
    }
  }

  @Test(arguments: [
    ([UInt8](), "the file is empty (expected a JSON document)"),
    ([0x7B, 0x00, 0x7D], "not a JSON file: it contains binary data (a NUL byte)"),
    ([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], "not a JSON file: it contains binary data"),
    (
      [0xFF, 0xFE, 0x7B, 0x7D],
      "not valid UTF-8 text (got bytes 0xFF 0xFE (a UTF-16 byte-order mark)"
    ),
  ])
  func emptyAndBinaryFiles(_ bytes: [UInt8], _ expected: String) throws {
    let path = try Self.scratch() + "/config.json"
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    do {
      _ = try ModelConfig.load(path: path)
      Issue.record("accepted")
    } catch {
      #expect(error.rendered.hasPrefix("error: \(path)"), "\(error.rendered)")
      #expect(error.rendered.contains(expected), "\(error.rendered)")
    }
  }

  @Test func binaryTextFile() throws {
    let path = try Self.scratch() + "/m.csv"
    FileManager.default.createFile(atPath: path, contents: Data([0x61, 0x00, 0x62]))
    #expect(throws: LifeError.self) { try FileInput.readText(path) }
  }

  @Test func outputDirectoryMissing() throws {
    do {
      try AtomicFile.write("x", to: "/nonexistent-life-dir/out/summary.json")
      Issue.record("wrote into a missing directory")
    } catch {
      #expect(error.rendered == "error: /nonexistent-life-dir/out: output directory does not exist")
      #expect(error.exitCode == 1)
    }
  }

  /// A read-only directory: the write fails with the reason, and the
  /// previous file is left whole. (Skipped as root, who may write anyway.)
  @Test func unwritableOutputDirectoryKeepsPreviousFile() throws {
    let dir = try Self.scratch()
    let target = dir + "/summary.json"
    try AtomicFile.write("previous", to: target)
    chmod(dir, 0o555)
    defer { chmod(dir, 0o755) }
    guard geteuid() != 0 else { return }
    do {
      try AtomicFile.write("new", to: target)
      Issue.record("wrote into a read-only directory")
    } catch {
      #expect(error.rendered.hasPrefix("error: \(dir): cannot write into the output directory: "))
    }
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "previous")
  }

  /// A target that is a directory: refused before anything is written, and
  /// the directory is untouched.
  @Test func targetIsADirectory() throws {
    let dir = try Self.scratch()
    try FileManager.default.createDirectory(
      atPath: dir + "/out.json", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: dir + "/out.json/keep", withIntermediateDirectories: true)
    do {
      try AtomicFile.write("x", to: dir + "/out.json")
      Issue.record("replaced a directory")
    } catch {
      #expect(
        error.rendered
          == "error: \(dir)/out.json: not a regular file (got a directory; expected a regular"
          + " file, or no file, to write the output to)")
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: dir)
    #expect(left == ["out.json"], "temporary files left: \(left)")
  }
}
