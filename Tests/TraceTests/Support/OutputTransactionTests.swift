import Foundation
import Testing

@testable import Trace

/// Output sets: committed whole through manifest.json, one run at a time
/// per directory, never over a special file or an input, and completed by
/// the next run after a kill between renames.
@Suite(.serialized) struct OutputTransactionTests {
  static func scratch() throws -> String {
    let path = NSTemporaryDirectory() + "life-set-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func names(_ dir: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
  }

  /// Writes `files` (name → text) as one set into `dir`.
  @discardableResult
  static func commit(
    _ files: [(String, String)], into dir: String, owned: [String] = ["a", "b", "c"]
  )
    throws -> [String]
  {
    let set = try OutputTransaction(directory: dir, owned: owned)
    for (name, text) in files { try AtomicFile.write(text, name: name, in: set) }
    return try set.commit()
  }

  @Test func commitsTheSetWithAManifest() throws {
    let dir = try Self.scratch()
    let paths = try Self.commit([("a", "one"), ("b", "two!")], into: dir + "/new/out")
    #expect(paths == [dir + "/new/out/a", dir + "/new/out/b"])
    #expect(try Self.names(dir + "/new/out") == ["a", "b", "manifest.json"])
    let manifest = try #require(try OutputManifest.read(directory: dir + "/new/out"))
    #expect(
      manifest.entries == [.init(name: "a", bytes: 3), .init(name: "b", bytes: 4)])
    #expect(try manifest.path(of: "b", in: dir + "/new/out") == dir + "/new/out/b")
    #expect(try manifest.path(of: "c", in: dir + "/new/out") == nil)
  }

  /// The new set replaces the old one: a file the new set lacks goes, a
  /// file that is not the set's stays.
  @Test func replacesTheWholeSet() throws {
    let dir = try Self.scratch()
    try AtomicFile.write("mine", to: dir + "/notes.txt")
    try Self.commit([("a", "1"), ("b", "2")], into: dir)
    try Self.commit([("a", "3"), ("c", "4")], into: dir)
    #expect(try Self.names(dir) == ["a", "c", "manifest.json", "notes.txt"])
    #expect(try String(contentsOfFile: dir + "/a", encoding: .utf8) == "3")
    #expect(try String(contentsOfFile: dir + "/notes.txt", encoding: .utf8) == "mine")
  }

  @Test func aDiscardedSetLeavesTheOldOne() throws {
    let dir = try Self.scratch()
    try Self.commit([("a", "1")], into: dir)
    do {
      let set = try OutputTransaction(directory: dir, owned: ["a"])
      try AtomicFile.write("2", name: "a", in: set)
      set.discard()
    }
    #expect(try Self.names(dir) == ["a", "manifest.json"])
    #expect(try String(contentsOfFile: dir + "/a", encoding: .utf8) == "1")
  }

  @Test func aSecondRunIntoTheDirectoryIsRefused() throws {
    let dir = try Self.scratch()
    let first = try OutputTransaction(directory: dir, owned: ["a"])
    do {
      _ = try OutputTransaction(directory: dir, owned: ["a"])
      Issue.record("two transactions in one directory")
    } catch {
      #expect(
        error.description(naming: \.name)
          == "out: another life run is writing into this directory (got '\(dir)' (process \(getpid()));"
          + " expected one run at a time per output directory: wait for it, or use another --out)")
    }
    first.discard()
    // Released: the next one locks.
    let next = try OutputTransaction(directory: dir, owned: ["a"])
    try next.commit()
    #expect(try Self.names(dir) == ["manifest.json"])
  }

  @Test func specialFilesAndLinksAreNotReplaced() throws {
    let dir = try Self.scratch()
    mkfifo(dir + "/a", 0o644)
    #expect(throws: LifeError.self) { try OutputTransaction(directory: dir, owned: ["a"]) }
    unlink(dir + "/a")
    try AtomicFile.write("target", to: dir + "/elsewhere")
    symlink(dir + "/elsewhere", dir + "/a")
    do {
      _ = try OutputTransaction(directory: dir, owned: ["a"])
      Issue.record("replaced a link")
    } catch {
      #expect(error.message == "not a regular file")
      #expect(error.got == "a symbolic link")
    }
    // A name staged later is checked when its file opens.
    unlink(dir + "/a")
    try FileManager.default.createDirectory(
      atPath: dir + "/chart.svg", withIntermediateDirectories: true)
    let set = try OutputTransaction(directory: dir, owned: ["a"])
    #expect(throws: LifeError.self) { try AtomicFile(name: "chart.svg", in: set) }
    set.discard()
  }

  @Test func theOutputIsNeverAnInput() throws {
    let dir = try Self.scratch()
    try AtomicFile.write("{}", to: dir + "/scenario.json")
    symlink(dir + "/scenario.json", dir + "/a")
    #expect(throws: LifeError.self) {
      try OutputTransaction(directory: dir, owned: ["a"], inputs: [dir + "/scenario.json"])
    }
    unlink(dir + "/a")
    try AtomicFile.write("{}", to: dir + "/a")
    do {
      _ = try OutputTransaction(directory: dir, owned: ["a"], inputs: [dir + "/a"])
      Issue.record("would replace an input")
    } catch {
      #expect(error.message == "the output would replace an input of this run")
    }
    symlink(dir, dir + "/link")
    do {
      _ = try OutputTransaction(directory: dir + "/link", owned: ["a"], inputs: [dir])
      Issue.record("wrote into an input directory")
    } catch {
      #expect(error.message == "the output directory is one of the inputs")
    }
  }

  @Test func theDirectoryMustBeADirectory() throws {
    let dir = try Self.scratch()
    for path in ["/dev/null", dir + "/file"] {
      if path.hasPrefix(dir) { try AtomicFile.write("x", to: path) }
      do {
        _ = try OutputTransaction(directory: path, owned: ["a"])
        Issue.record("accepted \(path)")
      } catch {
        #expect(error.message == "not a directory", "\(error)")
      }
    }
  }

  /// Every rename of a commit, in order: the manifest naming the staged
  /// files, each file, the settled manifest.
  @Test func renamesComeInTheDocumentedOrder() throws {
    let dir = try Self.scratch()
    var seen: [(Int, [String])] = []
    OutputTransaction.beforeRename = { directory, n in
      if directory == dir { seen.append((n, (try? Self.names(dir)) ?? [])) }
    }
    defer { OutputTransaction.beforeRename = nil }
    try Self.commit([("a", "1"), ("b", "2")], into: dir)
    #expect(seen.map(\.0) == [1, 2, 3, 4])
    #expect(!seen[0].1.contains("manifest.json"))
    #expect(seen[1].1.contains("manifest.json") && !seen[1].1.contains("a"))
    #expect(seen[3].1.contains("a") && seen[3].1.contains("b"))
  }

  /// A commit stopped after its manifest (a kill): readers find the new
  /// content in the staged files, and the next transaction moves them in.
  @Test func aHalfDoneCommitReadsNewAndIsCompleted() throws {
    let dir = try Self.scratch()
    try Self.commit([("a", "old a"), ("b", "old b")], into: dir)
    // What a commit killed before its second file's rename leaves.
    try AtomicFile.write("new a", to: dir + "/a")
    try AtomicFile.write("new b!", to: dir + "/.b.tmp-99999999-7")
    let pending = OutputManifest(entries: [
      .init(name: "a", bytes: 5, staged: ".a.tmp-99999999-6"),
      .init(name: "b", bytes: 6, staged: ".b.tmp-99999999-7"),
    ])
    try AtomicFile.write(pending.text, to: dir + "/manifest.json")
    let read = try #require(try OutputManifest.read(directory: dir))
    #expect(try read.path(of: "a", in: dir) == dir + "/a")
    #expect(try read.path(of: "b", in: dir) == dir + "/.b.tmp-99999999-7")

    let next = try OutputTransaction(directory: dir, owned: ["a", "b"])
    #expect(try String(contentsOfFile: dir + "/b", encoding: .utf8) == "new b!")
    #expect(
      try OutputManifest.read(directory: dir)?.entries.allSatisfy { $0.staged == nil } == true)
    next.discard()
    #expect(try Self.names(dir) == ["a", "b", "manifest.json"])
  }

  /// A manifest is input like any other: names outside the directory, a
  /// temporary that is not the entry's, sizes that do not match.
  @Test(arguments: [
    (
      "{\"manifest_version\": 1, \"files\": [{\"name\": \"../x\", \"bytes\": 1}]}",
      "files[0].name: not a file name of the set"
    ),
    (
      "{\"manifest_version\": 1, \"files\": [{\"name\": \"/etc/passwd\", \"bytes\": 1}]}",
      "files[0].name: not a file name of the set"
    ),
    (
      "{\"manifest_version\": 1, \"files\": [{\"name\": \"a\", \"bytes\": -1}]}",
      "files[0].bytes: integer out of range"
    ),
    (
      "{\"manifest_version\": 1, \"files\": [{\"name\": \"a\", \"bytes\": 1, \"staged\": \".b.tmp-1-2\"}]}",
      "files[0].staged: not the entry's temporary file"
    ),
    (
      "{\"manifest_version\": 1, \"files\": [{\"name\": \"a\", \"bytes\": 1}, {\"name\": \"a\", \"bytes\": 1}]}",
      "files[1].name: file listed twice"
    ),
    ("{\"manifest_version\": 2, \"files\": []}", "manifest_version: unsupported manifest version"),
    ("{\"files\": []}", "manifest_version: missing required field"),
    ("{\"manifest_version\": 1, \"files\": [], \"extra\": 1}", "extra: unknown key"),
    ("[1]", "wrong type"),
  ])
  func badManifestsAreRefused(_ text: String, _ expected: String) throws {
    let dir = try Self.scratch()
    try AtomicFile.write(text, to: dir + "/manifest.json")
    do {
      _ = try OutputManifest.read(directory: dir)
      Issue.record("accepted \(text)")
    } catch {
      #expect(error.description.contains(expected), "\(error)")
      #expect(error.location.file == dir + "/manifest.json")
    }
  }

  @Test func aFileThatDoesNotMatchTheManifestIsRefused() throws {
    let dir = try Self.scratch()
    try Self.commit([("a", "abc")], into: dir)
    try "abcd".write(toFile: dir + "/a", atomically: false, encoding: .utf8)
    let manifest = try #require(try OutputManifest.read(directory: dir))
    #expect(
      throws: LifeError.file(
        dir + "/a", path: nil, "does not match the run's manifest.json", got: "4 bytes",
        expected: "3 bytes, as the run wrote it")
    ) { try manifest.path(of: "a", in: dir) }
  }

  @Test func temporaryNamesAreRecognised() {
    #expect(AtomicFile.temporaryOwner(".timeline.json.tmp-42-7")! == ("timeline.json", 42))
    #expect(AtomicFile.temporaryOwner(".a.tmp-x-7") == nil)
    #expect(AtomicFile.temporaryOwner("a.tmp-1-7") == nil)
    #expect(AtomicFile.temporaryOwner(".tmp-1-7") == nil)
  }
}
