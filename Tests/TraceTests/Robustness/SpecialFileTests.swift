import Foundation
import LifeTestSupport
import Testing
import Trace

/// A FIFO, a socket, a character device and a directory given to every
/// reader of the Trace module: each is refused at once, by name, and none
/// blocks (a FIFO with no writer would block an ordinary open forever).
@Suite struct SpecialFileTests {
  static func entries() throws -> [SpecialFiles.Entry] {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-special-\(UInt64.random(in: 0...UInt64.max))").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return try SpecialFiles.make(in: dir)
  }

  static let readers: [(String, @Sendable (String) throws -> Void)] = [
    ("FileInput.readBytes", { _ = try FileInput.readBytes($0) }),
    ("FileInput.readText", { _ = try FileInput.readText($0) }),
    ("JSONNode.load", { _ = try JSONNode.load(file: $0) }),
    ("ModelConfig.load", { _ = try ModelConfig.load(path: $0) }),
    ("GGUFHeader.read", { _ = try GGUFHeader.read(path: $0) }),
    ("SafetensorsHeader.read", { _ = try SafetensorsHeader.read(path: $0) }),
    ("SafetensorsIndex.read", { _ = try SafetensorsIndex.read(path: $0) }),
  ]

  @Test func everyReaderRefusesSpecialFilesWithoutBlocking() throws {
    for entry in try Self.entries() {
      for (name, read) in Self.readers {
        let outcome = SpecialFiles.outcome { try read(entry.path) }
        #expect(outcome != nil, "\(name) blocked on \(entry)")
        #expect(outcome == SpecialFiles.message(for: entry), "\(name), \(entry)")
      }
    }
  }

  @Test func openRegularChecksTheOpenedFile() throws {
    let dir = try Self.entries()[0].path + ".d"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let file = dir + "/a.json"
    try AtomicFile.write("{}", to: file)
    let (descriptor, size) = try FileInput.openRegular(file)
    close(descriptor)
    #expect(size == 2)
    // A symbolic link to a regular file is read; one to a FIFO is refused.
    symlink(file, dir + "/link.json")
    #expect(try FileInput.readText(dir + "/link.json") == "{}")
    mkfifo(dir + "/p", 0o644)
    symlink(dir + "/p", dir + "/plink.json")
    #expect(
      SpecialFiles.outcome { _ = try FileInput.readBytes(dir + "/plink.json") }
        == "\(dir)/plink.json: not a regular file (got a FIFO (named pipe); expected a regular file)"
    )
  }

  @Test func sizeIsBoundedBeforeReading() throws {
    let dir = try Self.entries()[0].path + ".s"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let file = dir + "/big.json"
    try AtomicFile.write(String(repeating: " ", count: 2000), to: file)
    #expect(
      throws: LifeError.file(file, path: nil, "file too large", expected: "at most 1 KiB")
    ) { try FileInput.readBytes(file, limit: 1024) }
    #expect(try FileInput.readBytes(file, limit: 2000).count == 2000)
  }
}
