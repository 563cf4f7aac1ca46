import Foundation

@testable import Trace

/// Writes GGUF files byte by byte (little-endian), for the parser tests.
struct GGUFBuilder {
  var bytes: [UInt8] = []

  /// A tensor info to write: raw numbers, so tests can write invalid ones.
  struct Tensor {
    var name: String
    var dims: [UInt64]
    var type: UInt32
    /// Nil: the next aligned offset after the previous tensor.
    var offset: UInt64?
    /// Data bytes to write for it.
    var dataBytes: Int

    /// A valid tensor of `type` with `dims` (innermost first).
    init(_ name: String, _ dims: [Int], _ type: GGMLType) {
      self.name = name
      self.dims = dims.map(UInt64.init)
      self.type = type.rawValue
      self.dataBytes = type.bytes(elements: dims.reduce(1, *)) ?? 0
    }

    /// A tensor with raw fields.
    init(name: String, dims: [UInt64], type: UInt32, offset: UInt64? = nil, dataBytes: Int = 0) {
      self.name = name
      self.dims = dims
      self.type = type
      self.offset = offset
      self.dataBytes = dataBytes
    }
  }

  mutating func int<T: FixedWidthInteger>(_ v: T) {
    withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func string(_ s: String) {
    int(UInt64(s.utf8.count))
    bytes.append(contentsOf: Array(s.utf8))
  }

  /// A key–value entry: key, value type, value.
  mutating func entry(_ key: String, _ value: GGUFValue) {
    string(key)
    int(value.type.rawValue)
    payload(value)
  }

  /// A value without its type.
  mutating func payload(_ value: GGUFValue) {
    switch value {
    case .uint8(let v): int(v)
    case .int8(let v): int(v)
    case .uint16(let v): int(v)
    case .int16(let v): int(v)
    case .uint32(let v): int(v)
    case .int32(let v): int(v)
    case .uint64(let v): int(v)
    case .int64(let v): int(v)
    case .float32(let v): int(v.bitPattern)
    case .float64(let v): int(v.bitPattern)
    case .bool(let v): int(UInt8(v ? 1 : 0))
    case .string(let s): string(s)
    case .array(let a): array(a)
    }
  }

  /// An array: element type, count, elements.
  mutating func array(_ a: GGUFArray) {
    int(a.elementType.rawValue)
    int(UInt64(a.count))
    switch a {
    case .uint8(let xs): xs.forEach { int($0) }
    case .int8(let xs): xs.forEach { int($0) }
    case .uint16(let xs): xs.forEach { int($0) }
    case .int16(let xs): xs.forEach { int($0) }
    case .uint32(let xs): xs.forEach { int($0) }
    case .int32(let xs): xs.forEach { int($0) }
    case .uint64(let xs): xs.forEach { int($0) }
    case .int64(let xs): xs.forEach { int($0) }
    case .float32(let xs): xs.forEach { int($0.bitPattern) }
    case .float64(let xs): xs.forEach { int($0.bitPattern) }
    case .bool(let xs): xs.forEach { int(UInt8($0 ? 1 : 0)) }
    case .string(let xs): xs.forEach { string($0) }
    case .array(let xs): xs.forEach { array($0) }
    }
  }

  /// Zero bytes up to a multiple of `alignment`.
  mutating func pad(to alignment: Int) {
    while bytes.count % alignment != 0 { bytes.append(0) }
  }

  /// A whole file: preamble, metadata, tensor infos, padding and zeroed data.
  static func file(
    version: UInt32 = 3, metadata: [(String, GGUFValue)] = [], tensors: [Tensor] = [],
    alignment: Int = 32
  ) -> [UInt8] {
    var b = GGUFBuilder()
    b.bytes = Array("GGUF".utf8)
    b.int(version)
    b.int(UInt64(tensors.count))
    b.int(UInt64(metadata.count))
    for (key, value) in metadata { b.entry(key, value) }
    var next: UInt64 = 0
    for t in tensors {
      b.string(t.name)
      b.int(UInt32(t.dims.count))
      t.dims.forEach { b.int($0) }
      b.int(t.type)
      let offset = t.offset ?? next
      b.int(offset)
      let end = offset.addingReportingOverflow(UInt64(t.dataBytes)).partialValue
      next = (end + UInt64(alignment) - 1) / UInt64(alignment) * UInt64(alignment)
    }
    if !tensors.isEmpty { b.pad(to: alignment) }
    // Data up to the last tensor's aligned end; an absurd explicit offset
    // gets none (the parser must reject it without reading it).
    var size = 0
    var cursor = 0
    for t in tensors {
      let start = t.offset.map(Int.init) ?? cursor
      guard start < 1 << 20 else { continue }
      cursor = (start + t.dataBytes + alignment - 1) / alignment * alignment
      size = max(size, cursor)
    }
    b.bytes.append(contentsOf: [UInt8](repeating: 0, count: size))
    return b.bytes
  }

  /// Parses `bytes` and returns the error it must raise.
  static func error(_ bytes: [UInt8], file: String = "t.gguf") -> LifeError? {
    do {
      _ = try GGUFHeader.parse(bytes: bytes, file: file)
      return nil
    } catch {
      return error
    }
  }
}

/// A temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "life-modelfile-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
