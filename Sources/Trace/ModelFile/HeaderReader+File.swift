import Foundation

extension HeaderReader {
  /// A reader over the file at `path`, with errors that say what is wrong
  /// with the path (missing, a directory, unreadable). Only the bytes the
  /// caller reads are read; the file's size comes from the file system.
  static func open(path: String, limit: Int) throws(LifeError) -> HeaderReader {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw LifeError.file(path, path: nil, "no such file")
    }
    if isDirectory.boolValue {
      throw LifeError.file(path, path: nil, "is a directory", expected: "a file")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw LifeError.file(path, path: nil, "cannot be read (permission denied?)")
    }
    let end: UInt64
    do {
      end = try handle.seekToEnd()
    } catch {
      try? handle.close()
      throw LifeError.file(path, path: nil, "cannot be read: \(error.localizedDescription)")
    }
    guard end <= UInt64(Int.max) else {
      try? handle.close()
      throw LifeError.file(path, path: nil, "file too large", got: "\(end) bytes")
    }
    return HeaderReader(file: path, source: .file(handle), size: Int(end), limit: limit)
  }
}
