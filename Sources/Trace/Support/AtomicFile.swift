import Foundation

/// Writes a file whole or not at all: the bytes go to a temporary file in the
/// target's directory, which is renamed over the target only once every byte
/// is written and flushed. A failure, or a kill mid-write, leaves any previous
/// file untouched. Within an ``OutputTransaction`` the finished file is only
/// staged, and the transaction moves the whole set into place together.
/// (A class: it owns an open file.)
///
/// A write that fails (a full disk) is remembered at once in ``failure``,
/// so that a long run can stop when it happens rather than at the end.
package final class AtomicFile {
  /// The path that will hold the file once committed.
  package let path: String
  private let temporaryPath: String
  private let transaction: OutputTransaction?
  private var handle: UnsafeMutablePointer<FILE>?
  private var buffer: [UInt8] = []
  private var failed: LifeError?
  private var written = 0
  private static let bufferSize = 1 << 20

  /// Opens a temporary file beside `path`.
  package convenience init(path: String) throws(LifeError) {
    try self.init(path: path, transaction: nil)
  }

  /// Opens a temporary file for the set's file `name`.
  package convenience init(name: String, in transaction: OutputTransaction) throws(LifeError) {
    try transaction.check(name)
    try self.init(path: transaction.path(name), transaction: transaction)
  }

  private init(path: String, transaction: OutputTransaction?) throws(LifeError) {
    self.path = path
    self.transaction = transaction
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw LifeError.file(directory, path: nil, "output directory does not exist")
    }
    if transaction == nil { try Self.checkTarget(path) }
    let name = url.lastPathComponent
    let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    temporaryPath = (directory as NSString).appendingPathComponent(".\(name).tmp-\(unique)")
    let descriptor = open(
      temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard descriptor >= 0, let file = fdopen(descriptor, "wb") else {
      let reason = String(cString: strerror(errno))
      throw LifeError.file(
        directory, path: nil, "cannot write into the output directory: \(reason)")
    }
    handle = file
    buffer.reserveCapacity(Self.bufferSize)
  }

  /// The first write that failed, as soon as it happened.
  package var failure: LifeError? { failed }

  /// Appends UTF-8 text.
  package func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.bufferSize { flushBuffer() }
  }

  /// Appends bytes.
  package func write(bytes: [UInt8]) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.bufferSize { flushBuffer() }
  }

  /// Appends bytes.
  package func write(buffer bytes: UnsafeBufferPointer<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.bufferSize { flushBuffer() }
  }

  private func flushBuffer() {
    guard failed == nil, let handle, !buffer.isEmpty else {
      buffer.removeAll(keepingCapacity: true)
      return
    }
    let count = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
    written += count
    if count != buffer.count || fflush(handle) != 0 {
      failed = LifeError.file(path, path: nil, "write failed: \(String(cString: strerror(errno)))")
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, syncs and renames the temporary file over the target (within
  /// a transaction: hands it to the transaction, which renames it with the
  /// rest of the set).
  package func commit() throws(LifeError) {
    try commit(beforeRename: {})
  }

  /// ``commit()``, calling `beforeRename` just before the rename.
  func commit(beforeRename: () -> Void) throws(LifeError) {
    flushBuffer()
    guard let handle else { throw LifeError.file(path, path: nil, "write failed") }
    self.handle = nil
    let flushed = fflush(handle) == 0 && fsync(fileno(handle)) == 0
    let reason = String(cString: strerror(errno))
    let closed = fclose(handle) == 0
    if let failed {
      unlink(temporaryPath)
      throw failed
    }
    guard flushed, closed else {
      unlink(temporaryPath)
      throw LifeError.file(path, path: nil, "write failed: \(reason)")
    }
    chmod(temporaryPath, 0o644)
    if let transaction {
      transaction.stage(
        name: (path as NSString).lastPathComponent,
        temporary: (temporaryPath as NSString).lastPathComponent, bytes: written)
      return
    }
    beforeRename()
    if rename(temporaryPath, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporaryPath)
      throw LifeError.file(path, path: nil, "cannot replace the file: \(reason)")
    }
  }

  /// Abandons the write: the temporary file is removed and the target is
  /// left as it was.
  package func discard() {
    if let handle {
      fclose(handle)
      unlink(temporaryPath)
    }
    handle = nil
  }

  deinit { discard() }

  /// Fails unless `path` may be replaced by a file: absent, or a regular
  /// file (or a link to one: the link is replaced) that is none of
  /// `inputs`. A FIFO, a device such as `/dev/null`, a socket or a
  /// directory is never replaced.
  package static func checkTarget(_ path: String, inputs: [String] = []) throws(LifeError) {
    var status = stat()
    guard stat(path, &status) == 0 else { return }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw LifeError.file(
        path, path: nil, "not a regular file",
        got: FileInput.kindName(status.st_mode) ?? "a special file",
        expected: "a regular file, or no file, to write the output to")
    }
    let target = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    if let input = inputs.first(where: { FileInput.identity($0) == target }) {
      throw LifeError.file(
        path, path: nil, "the output would replace an input of this run", got: "'\(input)'",
        expected: "an output file of its own")
    }
  }

  /// The file name and process of a temporary file name of ours
  /// (`.NAME.tmp-PID-N`), or nil when `entry` is not one.
  package static func temporaryOwner(_ entry: String) -> (name: String, pid: Int32)? {
    guard entry.hasPrefix("."), let marker = entry.range(of: ".tmp-", options: .backwards),
      marker.lowerBound > entry.index(after: entry.startIndex)
    else { return nil }
    let name = String(entry[entry.index(after: entry.startIndex)..<marker.lowerBound])
    let parts = entry[marker.upperBound...].split(separator: "-")
    guard !name.isEmpty, parts.count == 2, let pid = Int32(parts[0]), UInt32(parts[1]) != nil
    else { return nil }
    return (name, pid)
  }

  /// Writes `text` to `path` whole or not at all.
  package static func write(_ text: String, to path: String) throws(LifeError) {
    let file = try AtomicFile(path: path)
    file.write(text)
    try file.commit()
  }

  /// Writes `bytes` to `path` whole or not at all.
  package static func write(bytes: [UInt8], to path: String) throws(LifeError) {
    let file = try AtomicFile(path: path)
    file.write(bytes: bytes)
    try file.commit()
  }

  /// Writes `text` as the set's file `name`.
  package static func write(
    _ text: String, name: String, in transaction: OutputTransaction
  ) throws(LifeError) {
    let file = try AtomicFile(name: name, in: transaction)
    file.write(text)
    try file.commit()
  }
}
