/// Reads the leading bytes of a model file in order, through a buffer of at
/// most 64 KiB (or one field, when a field is larger), never past the end of
/// the file and never past `limit` bytes from its start.
///
/// Every size read from the file is checked against the bytes that remain
/// (``checkCount(_:max:minimumBytes:what:at:)``) before anything is
/// allocated for it, so a header that claims 2^40 strings is an error naming
/// the field, not an allocation.
struct HeaderReader {
  /// The file as the user named it, for errors.
  let file: String
  /// Bytes in the file.
  let size: Int
  /// The most bytes the header may span from the start of the file.
  let limit: Int
  /// The offset of the next byte to read.
  private(set) var position = 0

  private let source: HeaderSource
  private var buffer: [UInt8] = []
  private var bufferStart = 0
  private static let chunk = 1 << 16

  /// A reader over `source`, which holds `size` bytes.
  init(file: String, source: HeaderSource, size: Int, limit: Int) {
    self.file = file
    self.source = source
    self.size = size
    self.limit = limit
  }

  /// A reader over bytes in memory.
  init(bytes: [UInt8], file: String, limit: Int) {
    self.init(file: file, source: .bytes(bytes), size: bytes.count, limit: limit)
  }

  /// Bytes left before the end of the file.
  var remaining: Int { size - position }

  /// Closes the underlying file.
  func close() { source.close() }

  /// Fails unless `count` more bytes exist in the file and within the limit.
  func require(_ count: Int, at path: @autoclosure () -> String) throws(LifeError) {
    guard count <= remaining else {
      throw LifeError.file(
        file, path: path(), "file truncated: it ends inside this field",
        got: "\(remaining) bytes left", expected: "\(count) bytes")
    }
    guard count <= limit - position else {
      throw LifeError.file(
        file, path: path(), "header too large", got: "more than \(limit) bytes",
        expected: "a header of at most \(limit >> 20) MiB")
    }
  }

  /// Checks a count read from the file: at most `max`, and no more items
  /// than the bytes left can hold at `minimumBytes` each (0: no such check,
  /// for counts that size no allocation). Returns it as an Int.
  func checkCount(
    _ count: UInt64, max: Int, minimumBytes: Int, what: String,
    at path: @autoclosure () -> String
  ) throws(LifeError) -> Int {
    guard count <= UInt64(max) else {
      throw LifeError.file(
        file, path: path(), "\(what) too large", got: String(count), expected: "at most \(max)")
    }
    let n = Int(count)
    let needed = n.multipliedReportingOverflow(by: minimumBytes)
    guard !needed.overflow, needed.partialValue <= remaining else {
      let fit = remaining / Swift.max(minimumBytes, 1)
      throw LifeError.file(
        file, path: path(), "\(what) runs past the end of the file (truncated?)",
        got: String(count),
        expected:
          "at most \(fit) (\(remaining) bytes left, at least \(minimumBytes) bytes each)")
    }
    try require(needed.partialValue, at: path())
    return n
  }

  /// The next `count` bytes.
  mutating func bytes(_ count: Int, at path: @autoclosure () -> String) throws(LifeError)
    -> ArraySlice<UInt8>
  {
    try require(count, at: path())
    if position < bufferStart || position + count > bufferStart + buffer.count {
      let want = Swift.max(count, Swift.min(Self.chunk, remaining))
      buffer = try source.read(at: position, count: want, file: file)
      bufferStart = position
      guard buffer.count >= count else {
        throw LifeError.file(
          file, path: path(), "file truncated: it ends inside this field",
          got: "\(buffer.count) bytes left", expected: "\(count) bytes")
      }
    }
    let start = position - bufferStart
    position += count
    return buffer[start..<start + count]
  }

  /// A little-endian unsigned integer of `T`'s width.
  mutating func unsigned<T: FixedWidthInteger & UnsignedInteger>(
    _: T.Type, at path: @autoclosure () -> String
  ) throws(LifeError) -> T {
    Self.littleEndian(try bytes(MemoryLayout<T>.size, at: path()))
  }

  /// A `UInt32`, little-endian.
  mutating func u32(at path: @autoclosure () -> String) throws(LifeError) -> UInt32 {
    try unsigned(UInt32.self, at: path())
  }

  /// A `UInt64`, little-endian.
  mutating func u64(at path: @autoclosure () -> String) throws(LifeError) -> UInt64 {
    try unsigned(UInt64.self, at: path())
  }

  /// The little-endian integer in `bytes` (exactly `T`'s width).
  static func littleEndian<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>) -> T {
    var value: T = 0
    var shift = 0
    for byte in bytes {
      value |= T(truncatingIfNeeded: byte) << shift
      shift += 8
    }
    return value
  }
}
