import Foundation

/// Writes a file whole or not at all: the bytes go to a temporary file in the
/// target's directory, which is renamed over the target only once every byte
/// is written and flushed. A failure, or a kill mid-write, leaves any previous
/// file untouched. (A class: it owns an open file.)
package final class AtomicFile {
  /// The path that will hold the file once committed.
  package let path: String
  private let temporaryPath: String
  private var handle: UnsafeMutablePointer<FILE>?
  private var committed = false
  private var buffer: [UInt8] = []
  private var failed: LifeError?
  private static let bufferSize = 1 << 20

  /// Opens a temporary file beside `path`.
  package init(path: String) throws(LifeError) {
    self.path = path
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw LifeError.file(directory, path: nil, "output directory does not exist")
    }
    let name = url.lastPathComponent
    let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    temporaryPath = (directory as NSString).appendingPathComponent(".\(name).tmp-\(unique)")
    guard let file = fopen(temporaryPath, "wb") else {
      let reason = String(cString: strerror(errno))
      throw LifeError.file(
        directory, path: nil, "cannot write into the output directory: \(reason)")
    }
    handle = file
    buffer.reserveCapacity(Self.bufferSize)
  }

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
    let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
    if written != buffer.count {
      failed = LifeError.file(path, path: nil, "write failed: \(String(cString: strerror(errno)))")
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, syncs and renames the temporary file over the target.
  package func commit() throws(LifeError) {
    flushBuffer()
    guard let handle else { throw LifeError.file(path, path: nil, "write failed") }
    self.handle = nil
    let flushed = fflush(handle) == 0 && fsync(fileno(handle)) == 0
    let closed = fclose(handle) == 0
    if let failed {
      unlink(temporaryPath)
      throw failed
    }
    guard flushed, closed else {
      unlink(temporaryPath)
      throw LifeError.file(path, path: nil, "write failed: \(String(cString: strerror(errno)))")
    }
    chmod(temporaryPath, 0o644)
    if rename(temporaryPath, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporaryPath)
      throw LifeError.file(path, path: nil, "cannot replace the file: \(reason)")
    }
  }

  /// Abandons the write: the temporary file is removed and the target is
  /// left as it was.
  package func discard() {
    if let handle { fclose(handle) }
    handle = nil
    unlink(temporaryPath)
  }

  deinit {
    if let handle {
      fclose(handle)
      unlink(temporaryPath)
    }
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
}
