import Foundation

/// One output set (the files `simulate`, `compare` or `sweep` writes into a
/// directory), committed as a whole: readers that go through the set's
/// ``OutputManifest`` see the previous set or the new one, never a mix.
///
/// Each file is written to a temporary file in the directory
/// (``AtomicFile`` with this transaction) and only *staged*. ``commit()``
/// then writes `manifest.json` naming every staged file (its temporary
/// name included) and renames it into place: that one rename is the commit
/// point. Then each temporary file is renamed over its final name, files
/// of the previous set that the new one lacks are removed, and the manifest
/// is written again without the temporary names. A reader of a manifest
/// that still names a temporary file reads that file while it exists (its
/// rename is still to come); a kill anywhere in this sequence leaves the
/// old set (before the commit point) or the new one, and the next
/// transaction on the directory completes the renames first.
///
/// The directory is locked for the transaction's life (an exclusive
/// `flock` on `.life.lock`, released by the kernel when the process dies):
/// a second run into the same directory is refused, not interleaved.
package final class OutputTransaction {
  /// The manifest's file name.
  package static let manifestName = "manifest.json"
  /// The lock file's name.
  package static let lockName = ".life.lock"

  /// Called with the directory and 1, 2, ... before each rename of a
  /// commit (the manifest's, each file's, the final manifest's): a
  /// fault-injection point for the interrupted-run tests, unset otherwise.
  nonisolated(unsafe) package static var beforeRename: ((String, Int) -> Void)?

  /// The directory the set lives in.
  package let directory: String
  private let owned: [String]
  private var lockDescriptor: Int32 = -1
  private var staged: [(name: String, temporary: String, bytes: Int)] = []
  private var previous: [String] = []
  private var renames = 0
  private var inputIdentities: [(String, FileIdentity)] = []
  private var finished = false

  /// Opens `directory` for a new set: creates it (and its parents) when
  /// missing, locks it, completes a commit a killed run left half done and
  /// removes temporary files of runs that died. `owned` are the names this
  /// set may hold (they and the previous set's files must be regular files
  /// or absent); `inputs` are the paths the run reads: none of the set's
  /// files, and not the directory itself, may be one of them.
  package init(directory: String, owned: [String], inputs: [String] = []) throws(LifeError) {
    self.directory = directory
    self.owned = owned
    let here = ErrorLocation(origin: .parameter(.out))
    try Self.prepare(directory, at: here)
    try lock(at: here)
    do {
      try recover()
      try checkPaths(inputs: inputs)
    } catch {
      unlock()
      throw error
    }
  }

  /// The path of `name` in the directory.
  package func path(_ name: String) -> String {
    (directory as NSString).appendingPathComponent(name)
  }

  // MARK: - Opening

  /// Creates `path` when missing; errors when it is not a directory or
  /// cannot be written to.
  static func prepare(_ path: String, at here: ErrorLocation) throws(LifeError) {
    var status = stat()
    if stat(path, &status) == 0 {
      guard status.st_mode & S_IFMT == S_IFDIR else {
        throw LifeError(
          .failure, at: here, "not a directory",
          got: "'\(path)' (\(FileInput.kindName(status.st_mode) ?? "a file"))",
          expected: "a directory, or a path where one can be created")
      }
    } else {
      do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        throw LifeError(
          .failure, at: here, "cannot create the output directory", got: "'\(path)'",
          expected: "a path where a directory can be created (\(error.localizedDescription))")
      }
    }
    guard access(path, W_OK | X_OK) == 0 else {
      throw LifeError(
        .failure, at: here, "cannot write into the output directory", got: "'\(path)'",
        expected: "a writable directory")
    }
  }

  private func lock(at here: ErrorLocation) throws(LifeError) {
    let lockPath = path(Self.lockName)
    // The lock file is removed when the set is done; a run that opened it
    // just before may then hold a lock on a removed file, so a lock counts
    // only when the path still names the locked file.
    for _ in 0..<8 {
      let descriptor = open(
        lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
      guard descriptor >= 0 else {
        throw LifeError(
          .failure, at: here, "cannot lock the output directory",
          got: "'\(lockPath)': \(String(cString: strerror(errno)))",
          expected: "a directory where a lock file can be written")
      }
      var status = stat()
      guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
        close(descriptor)
        throw LifeError(
          .failure, at: here, "cannot lock the output directory",
          got: "'\(lockPath)' is not a regular file", expected: "a regular lock file")
      }
      if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        let code = errno
        var holder = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &holder, holder.count, 0)
        close(descriptor)
        let pid = String(decoding: holder.prefix(max(0, count)), as: UTF8.self)
          .trimmingCharacters(in: .whitespacesAndNewlines)
        guard code == EWOULDBLOCK || code == EAGAIN else {
          throw LifeError(
            .failure, at: here, "cannot lock the output directory",
            got: "'\(directory)': \(String(cString: strerror(code)))",
            expected: "a local directory")
        }
        throw LifeError(
          .failure, at: here, "another life run is writing into this directory",
          got: "'\(directory)'" + (Int32(pid) != nil ? " (process \(pid))" : ""),
          expected: "one run at a time per output directory: wait for it, or use another --out")
      }
      let locked = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
      guard FileInput.identity(lockPath) == locked else {
        close(descriptor)
        continue
      }
      let pid = Array("\(getpid())\n".utf8)
      _ = ftruncate(descriptor, 0)
      _ = pwrite(descriptor, pid, pid.count, 0)
      lockDescriptor = descriptor
      return
    }
    throw LifeError(
      .failure, at: here, "cannot lock the output directory", got: "'\(directory)'",
      expected: "a directory no other program keeps replacing the lock file of")
  }

  /// Removes the lock file (while still holding the lock) and releases it.
  private func unlock() {
    guard lockDescriptor >= 0 else { return }
    unlink(path(Self.lockName))
    close(lockDescriptor)
    lockDescriptor = -1
  }

  /// Completes the renames of a commit that a killed run left half done,
  /// and removes temporary files of ours left by runs that died.
  private func recover() throws(LifeError) {
    if let manifest = try? OutputManifest.read(directory: directory) {
      previous = manifest.entries.map(\.name)
      if manifest.entries.contains(where: { $0.staged != nil }) {
        for entry in manifest.entries {
          guard let temporary = entry.staged else { continue }
          let source = path(temporary)
          if FileManager.default.fileExists(atPath: source), rename(source, path(entry.name)) != 0 {
            throw LifeError.file(
              path(entry.name), path: nil,
              "cannot complete an interrupted commit: \(String(cString: strerror(errno)))")
          }
        }
        try writeManifest(OutputManifest(entries: manifest.entries.map { $0.settled }))
      }
    }
    let names = Set(owned + previous + [Self.manifestName])
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      return
    }
    for entry in entries where entry.hasPrefix(".") {
      guard let (name, pid) = AtomicFile.temporaryOwner(entry), names.contains(name) else {
        continue
      }
      if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) { unlink(path(entry)) }
    }
  }

  /// The set's files and the names it replaces must be regular files (or
  /// absent), and none may be an input; nor may the directory.
  private func checkPaths(inputs: [String]) throws(LifeError) {
    inputIdentities = inputs.compactMap { input in FileInput.identity(input).map { (input, $0) } }
    if let own = FileInput.identity(directory),
      let input = inputIdentities.first(where: { $0.1 == own })
    {
      throw LifeError(
        .failure, at: ErrorLocation(origin: .parameter(.out)),
        "the output directory is one of the inputs",
        got: "'\(directory)' (\(input.0))", expected: "a directory of its own")
    }
    for name in Set(owned + previous + [Self.manifestName]).sorted() { try check(name) }
  }

  /// Fails unless the set's file `name` may be replaced: absent, or a
  /// regular file (not a link, a FIFO, a device, a socket or a directory)
  /// that is none of the run's inputs.
  func check(_ name: String) throws(LifeError) {
    let target = path(name)
    var status = stat()
    guard lstat(target, &status) == 0 else { return }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw LifeError.file(
        target, path: nil, "not a regular file",
        got: FileInput.kindName(status.st_mode) ?? "a special file",
        expected: "a regular file written by life, or no file (remove it, or use another --out)")
    }
    if let own = FileInput.identity(target),
      let input = inputIdentities.first(where: { $0.1 == own })
    {
      throw LifeError.file(
        target, path: nil, "the output would replace an input of this run",
        got: "'\(input.0)'", expected: "an output directory that holds none of the inputs")
    }
  }

  // MARK: - Staging and committing

  /// Records a finished temporary file (written, flushed and synced) as the
  /// set's `name`. Called by ``AtomicFile/commit()``.
  func stage(name: String, temporary: String, bytes: Int) {
    if let index = staged.firstIndex(where: { $0.name == name }) {
      unlink(path(staged[index].temporary))
      staged.remove(at: index)
    }
    staged.append((name, temporary, bytes))
  }

  private func nextRename() {
    renames += 1
    Self.beforeRename?(directory, renames)
  }

  private func writeManifest(_ manifest: OutputManifest) throws(LifeError) {
    let file = try AtomicFile(path: path(Self.manifestName))
    file.write(manifest.text)
    try file.commit(beforeRename: nextRename)
  }

  /// Commits the staged files as the new set (see the type's documentation
  /// for the order of renames) and unlocks the directory; returns the paths
  /// of the set's files in the order they were staged.
  @discardableResult
  package func commit() throws(LifeError) -> [String] {
    guard !finished else { return staged.map { path($0.name) } }
    defer {
      finished = true
      unlock()
    }
    let entries = staged.map {
      OutputManifest.Entry(name: $0.name, bytes: $0.bytes, staged: $0.temporary)
    }
    do {
      try writeManifest(OutputManifest(entries: entries))
    } catch {
      for file in staged { unlink(path(file.temporary)) }
      throw error
    }
    for file in staged {
      nextRename()
      if rename(path(file.temporary), path(file.name)) != 0 {
        throw LifeError.file(
          path(file.name), path: nil,
          "cannot move the file into place: \(String(cString: strerror(errno)))")
      }
    }
    let kept = Set(staged.map(\.name))
    for name in Set(owned + previous) where !kept.contains(name) {
      var status = stat()
      if lstat(path(name), &status) == 0, status.st_mode & S_IFMT == S_IFREG { unlink(path(name)) }
    }
    try writeManifest(OutputManifest(entries: entries.map { $0.settled }))
    let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if descriptor >= 0 {
      _ = fsync(descriptor)
      close(descriptor)
    }
    return staged.map { path($0.name) }
  }

  /// Abandons the set: staged temporary files are removed, the previous set
  /// stays as it was, and the directory is unlocked.
  package func discard() {
    guard !finished else { return }
    finished = true
    for file in staged { unlink(path(file.temporary)) }
    staged = []
    unlock()
  }

  deinit { discard() }
}
