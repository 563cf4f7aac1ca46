import Foundation

/// A file's device and inode: two paths with one identity are one file.
package struct FileIdentity: Sendable, Hashable {
  /// The device.
  package var device: UInt64
  /// The inode.
  package var inode: UInt64
}

/// Reads input files with errors that say what is wrong with the path.
///
/// Every reader opens its file here (``openRegular(_:)``): only a regular
/// file (or a symbolic link to one) is opened, and the check comes before
/// the open, which is itself non-blocking, so a FIFO, a device or a socket
/// given as an input is an error at once, never a read that waits forever.
package enum FileInput {
  /// The largest input file LIFE reads whole (configs, scenarios,
  /// measurements, summaries).
  package static let maxBytes = 64 << 20

  /// What a path that is not a regular file is, in words; nil for a regular
  /// file.
  static func kindName(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "a directory"
    case S_IFIFO: return "a FIFO (named pipe)"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    case S_IFLNK: return "a symbolic link"
    default: return "not a regular file"
    }
  }

  /// The error for a path whose status is `mode` and is not a regular file.
  static func notRegular(_ path: String, _ mode: mode_t) -> LifeError {
    if mode & S_IFMT == S_IFDIR {
      return LifeError.file(path, path: nil, "is a directory", expected: "a file")
    }
    return LifeError.file(
      path, path: nil, "not a regular file", got: kindName(mode) ?? "a special file",
      expected: "a regular file")
  }

  /// The error for a failed `stat` or `open` of `path` (errno `code`).
  static func openError(_ path: String, _ code: Int32) -> LifeError {
    switch code {
    case ENOENT, ENOTDIR: return LifeError.file(path, path: nil, "no such file")
    case EACCES, EPERM:
      return LifeError.file(path, path: nil, "cannot be read (permission denied?)")
    case ELOOP: return LifeError.file(path, path: nil, "cannot be read: too many symbolic links")
    default:
      return LifeError.file(path, path: nil, "cannot be read: \(String(cString: strerror(code)))")
    }
  }

  /// Opens `path` for reading when it is a regular file, following symbolic
  /// links, and returns the descriptor and the file's size. A directory, a
  /// FIFO, a device or a socket is an error naming what it is; nothing
  /// blocks (the path's type is checked before it is opened, and the open
  /// is non-blocking and checked again on the open descriptor).
  package static func openRegular(_ path: String) throws(LifeError) -> (
    descriptor: Int32, size: Int
  ) {
    var status = stat()
    guard stat(path, &status) == 0 else { throw openError(path, errno) }
    guard status.st_mode & S_IFMT == S_IFREG else { throw notRegular(path, status.st_mode) }
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw openError(path, errno) }
    var opened = stat()
    guard fstat(descriptor, &opened) == 0 else {
      let code = errno
      Foundation.close(descriptor)
      throw openError(path, code)
    }
    guard opened.st_mode & S_IFMT == S_IFREG else {
      Foundation.close(descriptor)
      throw notRegular(path, opened.st_mode)
    }
    // Reads of a regular file never block; clear the flag all the same.
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    return (descriptor, Int(opened.st_size))
  }

  /// The bytes of a file; clear errors for a missing path, a directory, a
  /// special file, an unreadable or oversized file.
  package static func readBytes(_ path: String) throws(LifeError) -> [UInt8] {
    try readBytes(path, limit: maxBytes)
  }

  /// The bytes of a file of at most `limit` bytes.
  package static func readBytes(_ path: String, limit: Int) throws(LifeError) -> [UInt8] {
    let (descriptor, size) = try openRegular(path)
    defer { Foundation.close(descriptor) }
    func tooLarge() -> LifeError {
      LifeError.file(path, path: nil, "file too large", expected: "at most \(sizeText(limit))")
    }
    if size > limit { throw tooLarge() }
    // The size said up front sizes the buffer; the read stops one byte past
    // the limit whatever the file does meanwhile.
    var bytes = [UInt8](repeating: 0, count: min(size, limit) + 1)
    var count = 0
    while true {
      if count == bytes.count {
        guard bytes.count <= limit else { throw tooLarge() }
        bytes.append(contentsOf: [UInt8](repeating: 0, count: min(bytes.count, limit + 1 - count)))
      }
      let read = bytes[count...].withUnsafeMutableBytes {
        Foundation.read(descriptor, $0.baseAddress, $0.count)
      }
      if read < 0 {
        if errno == EINTR { continue }
        throw LifeError.file(path, path: nil, "cannot be read: \(String(cString: strerror(errno)))")
      }
      if read == 0 { break }
      count += read
    }
    if count > limit { throw tooLarge() }
    bytes.removeSubrange(count...)
    return bytes
  }

  /// `64 MiB`, `512 KiB`, `100 bytes`.
  static func sizeText(_ bytes: Int) -> String {
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }

  /// The text of a UTF-8 file; binary content is an error.
  package static func readText(_ path: String) throws(LifeError) -> String {
    let bytes = try readBytes(path)
    if bytes.contains(0) {
      throw LifeError.file(path, path: nil, "not a text file: it contains binary data (a NUL byte)")
    }
    if let bad = UTF8Check.firstInvalid(bytes[...]) {
      throw LifeError.file(
        path, path: UTF8Check.position(of: bad, in: bytes), "not valid UTF-8 text",
        got: UTF8Check.describe(bytes, at: bad), expected: "UTF-8 (re-save the file as UTF-8)")
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Whether `path` names an existing directory.
  package static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// Whether something other than a directory exists at `path` (a file, or
  /// a special file that reading then refuses by name).
  package static func exists(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && !isDirectory.boolValue
  }

  /// What `path` names (following links), to tell whether two paths are
  /// one file; nil when nothing is there.
  package static func identity(_ path: String) -> FileIdentity? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
  }

  /// `path` resolved against the directory of `relativeTo` (a file), unless
  /// it is absolute.
  package static func resolve(_ path: String, relativeTo file: String?) -> String {
    guard let file, !path.hasPrefix("/") else { return path }
    let directory = (file as NSString).deletingLastPathComponent
    if directory.isEmpty { return path }
    return (directory as NSString).appendingPathComponent(path)
  }
}
