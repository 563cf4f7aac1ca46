import Foundation

extension HeaderReader {
  /// A reader over the file at `path`, with errors that say what is wrong
  /// with the path (missing, a directory, a special file, unreadable). Only
  /// the bytes the caller reads are read; the file's size comes from the
  /// file system.
  static func open(path: String, limit: Int) throws(LifeError) -> HeaderReader {
    let (descriptor, size) = try FileInput.openRegular(path)
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    return HeaderReader(file: path, source: .file(handle), size: size, limit: limit)
  }
}
