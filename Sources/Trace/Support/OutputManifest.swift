import Foundation

/// `manifest.json`: the files of an output set, written last by
/// ``OutputTransaction``; what readers of a run directory trust.
///
/// ```json
/// {
///   "manifest_version": 1,
///   "files": [
///     {"name": "timeline.json", "bytes": 3780892},
///     {"name": "summary.json", "bytes": 6912}
///   ]
/// }
/// ```
///
/// While a commit is under way an entry also names its temporary file
/// (`"staged": ".timeline.json.tmp-4242-17"`): the file's content is there
/// until the rename that moves it into place.
package struct OutputManifest: Sendable, Equatable {
  /// One file of the set.
  package struct Entry: Sendable, Equatable {
    /// The file's name in the directory.
    package var name: String
    /// Its size in bytes.
    package var bytes: Int
    /// Its temporary name while the commit is under way.
    package var staged: String?

    /// Creates an entry.
    package init(name: String, bytes: Int, staged: String? = nil) {
      self.name = name
      self.bytes = bytes
      self.staged = staged
    }

    /// The entry once its file is in place.
    package var settled: Entry { Entry(name: name, bytes: bytes) }
  }

  /// The manifest format this LIFE writes and reads.
  package static let version = 1
  /// The most files a manifest may list.
  package static let maxFiles = 4096

  /// The files, in the order they were written.
  package var entries: [Entry]

  /// Creates a manifest.
  package init(entries: [Entry]) { self.entries = entries }

  /// The manifest's JSON text.
  package var text: String {
    JSONFormat.text(
      .object([
        ("manifest_version", .int(Self.version)),
        (
          "files",
          .array(
            entries.map { entry in
              var members: [(key: String, value: JSONValue)] = [
                ("name", .string(entry.name)), ("bytes", .int(entry.bytes)),
              ]
              if let staged = entry.staged { members.append(("staged", .string(staged))) }
              return .object(members)
            })
        ),
      ]))
  }

  /// Whether `name` is a plain file name: not empty, no `/`, not `.` or
  /// `..`, at most 255 bytes, no control characters.
  static func isPlainName(_ name: String) -> Bool {
    !name.isEmpty && name != "." && name != ".." && name.utf8.count <= 255
      && !name.unicodeScalars.contains { $0 == "/" || $0.value < 0x20 || $0.value == 0x7F }
  }

  /// Reads the manifest of `directory`; nil when there is none. Every field
  /// is checked: a manifest naming a path outside the directory, a
  /// temporary file that is not the entry's own, or a negative size is an
  /// error naming the manifest and the field.
  package static func read(directory: String) throws(LifeError) -> OutputManifest? {
    let file = (directory as NSString).appendingPathComponent(manifestName)
    var status = stat()
    guard lstat(file, &status) == 0 else { return nil }
    let root = try JSONNode.load(file: file)
    _ = try root.members(allowed: ["manifest_version", "files"])
    let version = try root.required("manifest_version", expected: "an integer").int(min: 1)
    guard version <= Self.version else {
      throw try root.required("manifest_version").error(
        "unsupported manifest version", expected: "version \(Self.version) or lower")
    }
    let files = try root.required("files", expected: "an array").items()
    guard files.count <= maxFiles else {
      throw try root.required("files").error(
        "too many files", expected: "at most \(maxFiles)")
    }
    var entries: [Entry] = []
    var seen = Set<String>()
    for item in files {
      _ = try item.members(allowed: ["name", "bytes", "staged"])
      let nameNode = try item.required("name", expected: "a file name")
      let name = try nameNode.string()
      guard isPlainName(name), name != manifestName else {
        throw nameNode.error("not a file name of the set", expected: "a plain file name")
      }
      guard seen.insert(name).inserted else {
        throw nameNode.error("file listed twice", expected: "each file once")
      }
      let bytes = try item.required("bytes", expected: "an integer ≥ 0").int(min: 0)
      var staged: String?
      if let node = try item.optional("staged") {
        let text = try node.string()
        guard isPlainName(text), AtomicFile.temporaryOwner(text)?.name == name else {
          throw node.error(
            "not the entry's temporary file", expected: "'.\(name).tmp-PID-N'")
        }
        staged = text
      }
      entries.append(Entry(name: name, bytes: bytes, staged: staged))
    }
    return OutputManifest(entries: entries)
  }

  private static var manifestName: String { OutputTransaction.manifestName }

  /// The entry for `name`, if the set has that file.
  package func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

  /// Where the content of the set's file `name` is now in `directory`: its
  /// temporary file while a commit is moving it into place, else its final
  /// name; checked to be a regular file of the size the manifest gives.
  /// nil when the set has no such file.
  package func path(of name: String, in directory: String) throws(LifeError) -> String? {
    guard let entry = entry(name) else { return nil }
    func at(_ file: String) -> String { (directory as NSString).appendingPathComponent(file) }
    var candidates = [at(entry.name)]
    if let staged = entry.staged { candidates.insert(at(staged), at: 0) }
    for candidate in candidates {
      var status = stat()
      guard lstat(candidate, &status) == 0 else { continue }
      guard status.st_mode & S_IFMT == S_IFREG else {
        throw FileInput.notRegular(candidate, status.st_mode)
      }
      guard Int(status.st_size) == entry.bytes else {
        throw LifeError.file(
          candidate, path: nil, "does not match the run's manifest.json",
          got: "\(status.st_size) bytes", expected: "\(entry.bytes) bytes, as the run wrote it")
      }
      return candidate
    }
    throw LifeError.file(
      at(entry.name), path: nil, "no such file",
      expected: "the file manifest.json lists (the run directory is incomplete)")
  }
}
