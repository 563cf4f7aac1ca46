import Foundation

/// Reads input files with errors that say what is wrong with the path.
package enum FileInput {
  /// The largest input file LIFE reads (configs, scenarios, measurements).
  package static let maxBytes = 64 << 20

  /// The bytes of a file; clear errors for a missing path, a directory, an
  /// unreadable or oversized file.
  package static func readBytes(_ path: String) throws(LifeError) -> [UInt8] {
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
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.read(upToCount: maxBytes + 1) ?? Data()
    } catch {
      throw LifeError.file(path, path: nil, "cannot be read: \(error.localizedDescription)")
    }
    if data.count > maxBytes {
      throw LifeError.file(
        path, path: nil, "file too large", expected: "at most \(maxBytes >> 20) MiB")
    }
    return [UInt8](data)
  }

  /// The text of a UTF-8 file; binary content is an error.
  package static func readText(_ path: String) throws(LifeError) -> String {
    let bytes = try readBytes(path)
    if bytes.contains(0) {
      throw LifeError.file(path, path: nil, "not a text file: it contains binary data (a NUL byte)")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw LifeError.file(path, path: nil, "not valid UTF-8 text")
    }
    return text
  }

  /// Whether `path` names an existing directory.
  package static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
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
