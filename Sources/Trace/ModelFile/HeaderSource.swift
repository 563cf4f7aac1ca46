import Foundation

/// Where a model file's header bytes come from: an open file, or bytes in
/// memory (hand-built headers in tests).
enum HeaderSource {
  case file(FileHandle)
  case bytes([UInt8])

  /// Up to `count` bytes starting at `offset`; fewer only when the source
  /// ends first.
  func read(at offset: Int, count: Int, file: String) throws(LifeError) -> [UInt8] {
    switch self {
    case .bytes(let bytes):
      let end = min(bytes.count, offset + count)
      return offset < end ? Array(bytes[offset..<end]) : []
    case .file(let handle):
      do {
        try handle.seek(toOffset: UInt64(offset))
        return [UInt8](try handle.read(upToCount: count) ?? Data())
      } catch {
        throw LifeError.file(file, path: nil, "cannot be read: \(error.localizedDescription)")
      }
    }
  }

  /// Closes the file, if it is one.
  func close() {
    if case .file(let handle) = self { try? handle.close() }
  }
}
