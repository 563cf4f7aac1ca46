/// Reading GGUF headers (versions 2 and 3, little-endian), as ggml's
/// `gguf.cpp` lays them out: magic `GGUF`, version (u32), tensor count
/// (u64), metadata count (u64), the key–values (key string, value type u32,
/// value), the tensor infos (name string, n_dims u32, dims u64 × n_dims,
/// ggml type u32, offset u64), then padding to the alignment and the data.
/// A string is a u64 byte length and UTF-8 bytes; an array is an element
/// type (u32), a count (u64) and the elements.
extension GGUFHeader {
  /// The most bytes a header may span (128 MiB; real headers, tokenizer
  /// included, are under 16 MiB).
  package static let maxHeaderBytes = 128 << 20
  /// The longest metadata string (16 MiB; chat templates are a few KB).
  package static let maxStringBytes = 16 << 20
  /// The longest key or tensor name (GGUF keys are at most 65535 bytes).
  package static let maxNameBytes = 65_535
  /// The most elements in one metadata array (2^24, the largest vocabulary
  /// a config may give).
  package static let maxArrayCount = 1 << 24
  /// How deeply arrays may nest.
  package static let maxArrayDepth = 8
  /// The most tensors a header may list.
  package static let maxTensors = 1 << 20
  /// The most metadata entries a header may list.
  package static let maxEntries = 1 << 20
  /// The most dimensions a tensor may have (ggml's GGML_MAX_DIMS).
  package static let maxDimensions = 4
  /// The alignment when `general.alignment` is absent (GGUF_DEFAULT_ALIGNMENT).
  package static let defaultAlignment = 32

  /// Reads the header of the GGUF file at `path`; the tensor data is never
  /// read, only checked to lie within the file.
  package static func read(path: String) throws(LifeError) -> GGUFHeader {
    var reader = try HeaderReader.open(path: path, limit: maxHeaderBytes)
    defer { reader.close() }
    return try parse(&reader)
  }

  /// Parses a whole GGUF file held in memory (`file` names it in errors).
  package static func parse(bytes: [UInt8], file: String) throws(LifeError) -> GGUFHeader {
    var reader = HeaderReader(bytes: bytes, file: file, limit: maxHeaderBytes)
    return try parse(&reader)
  }

  static func parse(_ r: inout HeaderReader) throws(LifeError) -> GGUFHeader {
    let version = try readPreamble(&r)
    let tensorCount = try r.u64(at: "header.tensor_count")
    let entryCount = try r.u64(at: "header.metadata_kv_count")
    // Nothing is allocated by these counts (entries are appended as they
    // are read), so a count the file cannot hold ends in a truncation error
    // at the entry where the bytes run out.
    let tensors = try r.checkCount(
      tensorCount, max: maxTensors, minimumBytes: 0, what: "tensor count",
      at: "header.tensor_count")
    let entries = try r.checkCount(
      entryCount, max: maxEntries, minimumBytes: 0, what: "metadata count",
      at: "header.metadata_kv_count")
    let metadata = try readMetadata(&r, count: entries)
    let alignment = try readAlignment(metadata, file: r.file)
    var infos = try readTensorInfos(&r, count: tensors, alignment: alignment)
    let dataOffset = tensors == 0 ? r.position : align(r.position, to: alignment)
    try checkData(&infos, dataOffset: dataOffset, fileSize: r.size, file: r.file)
    return GGUFHeader(
      version: Int(version), metadata: metadata, tensors: infos, alignment: alignment,
      dataOffset: dataOffset, fileSize: r.size)
  }

  /// Magic and version; returns the version.
  private static func readPreamble(_ r: inout HeaderReader) throws(LifeError) -> UInt32 {
    let magic = try r.bytes(4, at: "header.magic")
    guard Array(magic) == Array("GGUF".utf8) else {
      throw LifeError.file(
        r.file, path: "header.magic", "not a GGUF file: bad magic", got: printable(magic),
        expected: "'GGUF'")
    }
    let version = try r.u32(at: "header.version")
    switch version {
    case 2, 3: return version
    case 1:
      throw LifeError.file(
        r.file, path: "header.version", "GGUF version 1 is not supported", got: "1",
        expected: "version 2 or 3 (convert the file again with a current llama.cpp)")
    default:
      let swapped = version.byteSwapped
      if swapped == 2 || swapped == 3 {
        throw LifeError.file(
          r.file, path: "header.version", "big-endian GGUF files are not supported",
          got: "version \(swapped), big-endian", expected: "a little-endian GGUF file")
      }
      throw LifeError.file(
        r.file, path: "header.version", "unsupported GGUF version", got: String(version),
        expected: "2 or 3")
    }
  }

  private static func readMetadata(_ r: inout HeaderReader, count: Int) throws(LifeError)
    -> [Entry]
  {
    var entries: [Entry] = []
    var seen = Set<String>()
    for i in 0..<count {
      let keyPath = "metadata_kv[\(i)].key"
      let key = try string(&r, max: maxNameBytes, what: "key length", at: keyPath)
      guard !key.isEmpty else {
        throw LifeError.file(
          r.file, path: keyPath, "empty key", expected: "a key such as 'general.name'")
      }
      guard seen.insert(key).inserted else {
        throw LifeError.file(r.file, path: keyPath, "duplicate key", got: "'\(key)'")
      }
      let path = "metadata." + key
      let type = try valueType(try r.u32(at: path), file: r.file, at: path, "unknown value type")
      entries.append(Entry(key: key, value: try value(type, &r, path: path, depth: 0)))
    }
    return entries
  }

  private static func valueType(
    _ raw: UInt32, file: String, at path: String, _ message: String
  ) throws(LifeError) -> GGUFValueType {
    guard let type = GGUFValueType(rawValue: raw) else {
      throw LifeError.file(
        file, path: path, message, got: String(raw), expected: "one of " + GGUFValueType.listing)
    }
    return type
  }

  private static func value(
    _ type: GGUFValueType, _ r: inout HeaderReader, path: @autoclosure () -> String, depth: Int
  ) throws(LifeError) -> GGUFValue {
    switch type {
    case .uint8: return .uint8(try r.unsigned(UInt8.self, at: path()))
    case .int8: return .int8(Int8(bitPattern: try r.unsigned(UInt8.self, at: path())))
    case .uint16: return .uint16(try r.unsigned(UInt16.self, at: path()))
    case .int16: return .int16(Int16(bitPattern: try r.unsigned(UInt16.self, at: path())))
    case .uint32: return .uint32(try r.u32(at: path()))
    case .int32: return .int32(Int32(bitPattern: try r.u32(at: path())))
    case .uint64: return .uint64(try r.u64(at: path()))
    case .int64: return .int64(Int64(bitPattern: try r.u64(at: path())))
    case .float32: return .float32(Float(bitPattern: try r.u32(at: path())))
    case .float64: return .float64(Double(bitPattern: try r.u64(at: path())))
    // ggml reads a bool as a byte and takes any non-zero byte as true.
    case .bool: return .bool(try r.unsigned(UInt8.self, at: path()) != 0)
    case .string:
      return .string(try string(&r, max: maxStringBytes, what: "string length", at: path()))
    case .array: return .array(try array(&r, path: path(), depth: depth))
    }
  }

  private static func array(_ r: inout HeaderReader, path: String, depth: Int) throws(LifeError)
    -> GGUFArray
  {
    guard depth < maxArrayDepth else {
      throw LifeError.file(
        r.file, path: path, "arrays nested too deeply",
        expected: "at most \(maxArrayDepth) levels")
    }
    let type = try valueType(
      try r.u32(at: path), file: r.file, at: path, "unknown array element type")
    let count = try r.checkCount(
      try r.u64(at: path), max: maxArrayCount, minimumBytes: type.minimumSize,
      what: "array length", at: path)
    if let size = type.fixedSize {
      let bytes = try r.bytes(count * size, at: path)
      return decode(type, bytes, size: size)
    }
    if type == .string {
      var strings: [String] = []
      strings.reserveCapacity(count)
      for j in 0..<count {
        strings.append(
          try string(&r, max: maxStringBytes, what: "string length", at: "\(path)[\(j)]"))
      }
      return .string(strings)
    }
    var arrays: [GGUFArray] = []
    arrays.reserveCapacity(count)
    for j in 0..<count {
      arrays.append(try array(&r, path: "\(path)[\(j)]", depth: depth + 1))
    }
    return .array(arrays)
  }

  /// Fixed-size elements from their little-endian bytes.
  private static func decode(_ type: GGUFValueType, _ bytes: ArraySlice<UInt8>, size: Int)
    -> GGUFArray
  {
    func each<T>(_ make: (ArraySlice<UInt8>) -> T) -> [T] {
      var out: [T] = []
      out.reserveCapacity(bytes.count / size)
      var i = bytes.startIndex
      while i < bytes.endIndex {
        out.append(make(bytes[i..<i + size]))
        i += size
      }
      return out
    }
    func le<T: FixedWidthInteger>(_ s: ArraySlice<UInt8>) -> T { HeaderReader.littleEndian(s) }
    switch type {
    case .uint8: return .uint8(Array(bytes))
    case .int8: return .int8(bytes.map { Int8(bitPattern: $0) })
    case .bool: return .bool(bytes.map { $0 != 0 })
    case .uint16: return .uint16(each { le($0) })
    case .int16: return .int16(each { Int16(bitPattern: le($0)) })
    case .uint32: return .uint32(each { le($0) })
    case .int32: return .int32(each { Int32(bitPattern: le($0)) })
    case .uint64: return .uint64(each { le($0) })
    case .int64: return .int64(each { Int64(bitPattern: le($0)) })
    case .float32: return .float32(each { Float(bitPattern: le($0)) })
    case .float64: return .float64(each { Double(bitPattern: le($0)) })
    case .string, .array: return .uint8([])
    }
  }

  /// A GGUF string: u64 byte length, then the bytes (invalid UTF-8 is
  /// replaced, never an error).
  private static func string(
    _ r: inout HeaderReader, max: Int, what: String, at path: @autoclosure () -> String
  ) throws(LifeError) -> String {
    let length = try r.u64(at: path())
    let n = try r.checkCount(length, max: max, minimumBytes: 1, what: what, at: path())
    return String(decoding: try r.bytes(n, at: path()), as: UTF8.self)
  }

  /// `general.alignment`: a uint32 power of two; 32 when absent.
  private static func readAlignment(_ metadata: [Entry], file: String) throws(LifeError) -> Int {
    guard let entry = metadata.first(where: { $0.key == "general.alignment" }) else {
      return defaultAlignment
    }
    let path = "metadata.general.alignment"
    guard case .uint32(let a) = entry.value else {
      throw LifeError.file(
        file, path: path, "wrong type", got: entry.value.type.name, expected: "uint32")
    }
    guard a > 0, a & (a - 1) == 0 else {
      throw LifeError.file(
        file, path: path, "alignment is not a power of 2", got: String(a),
        expected: "a power of 2 such as 32")
    }
    return Int(a)
  }

  private static func readTensorInfos(_ r: inout HeaderReader, count: Int, alignment: Int)
    throws(LifeError) -> [GGUFTensorInfo]
  {
    var infos: [GGUFTensorInfo] = []
    var names = Set<String>()
    for i in 0..<count {
      let base = "tensor_infos[\(i)]"
      let name = try string(&r, max: maxNameBytes, what: "name length", at: base + ".name")
      guard !name.isEmpty else {
        throw LifeError.file(r.file, path: base + ".name", "empty tensor name")
      }
      guard names.insert(name).inserted else {
        throw LifeError.file(
          r.file, path: base + ".name", "duplicate tensor name", got: "'\(name)'")
      }
      let dimensions = try readDimensions(&r, base: base, name: name)
      let elements = try elementCount(dimensions, file: r.file, base: base, name: name)
      let type = try readType(&r, base: base, name: name)
      let row = dimensions.first ?? 1
      guard row % type.blockSize == 0 else {
        throw LifeError.file(
          r.file, path: base + ".dimensions[0]",
          "row length is not a multiple of the type's block size",
          got: "\(row) (tensor '\(name)', \(type.name))",
          expected: "a multiple of \(type.blockSize)")
      }
      guard let bytes = type.bytes(elements: elements) else {
        throw LifeError.file(
          r.file, path: base + ".dimensions", "the tensor's size in bytes overflows",
          got: "\(elements) elements of \(type.name) (tensor '\(name)')",
          expected: "at most \(Int.max) bytes")
      }
      let offset = try r.u64(at: base + ".offset")
      guard offset <= UInt64(Int.max), Int(offset) % alignment == 0 else {
        throw LifeError.file(
          r.file, path: base + ".offset", "offset is not a multiple of the alignment",
          got: "\(offset) (tensor '\(name)')", expected: "a multiple of \(alignment)")
      }
      infos.append(
        GGUFTensorInfo(
          name: name, dimensions: dimensions, type: type, offset: Int(offset),
          elements: elements, bytes: bytes))
    }
    return infos
  }

  private static func readDimensions(_ r: inout HeaderReader, base: String, name: String)
    throws(LifeError) -> [Int]
  {
    let n = try r.u32(at: base + ".n_dimensions")
    guard n <= UInt32(maxDimensions) else {
      throw LifeError.file(
        r.file, path: base + ".n_dimensions", "too many dimensions",
        got: "\(n) (tensor '\(name)')", expected: "at most \(maxDimensions)")
    }
    var dimensions: [Int] = []
    for j in 0..<Int(n) {
      let d = try r.u64(at: "\(base).dimensions[\(j)]")
      guard d <= UInt64(Int64.max) else {
        throw LifeError.file(
          r.file, path: "\(base).dimensions[\(j)]", "dimension too large",
          got: "\(d) (tensor '\(name)')", expected: "at most \(Int64.max)")
      }
      dimensions.append(Int(d))
    }
    return dimensions
  }

  /// The product of the dimensions; an error when it overflows 64 bits.
  private static func elementCount(_ dimensions: [Int], file: String, base: String, name: String)
    throws(LifeError) -> Int
  {
    if dimensions.contains(0) { return 0 }
    var elements = 1
    for d in dimensions {
      let p = elements.multipliedReportingOverflow(by: d)
      guard !p.overflow else {
        throw LifeError.file(
          file, path: base + ".dimensions", "the product of the dimensions overflows",
          got: dimensions.map(String.init).joined(separator: " × ") + " (tensor '\(name)')",
          expected: "at most \(Int.max) elements")
      }
      elements = p.partialValue
    }
    return elements
  }

  private static func readType(_ r: inout HeaderReader, base: String, name: String)
    throws(LifeError) -> GGMLType
  {
    let raw = try r.u32(at: base + ".type")
    if let type = GGMLType(rawValue: raw) { return type }
    let expected =
      "a ggml type: "
      + GGMLType.allCases.map { "\($0.rawValue) (\($0.name))" }
      .joined(separator: ", ")
    if let retired = GGMLType.retiredName(raw) {
      throw LifeError.file(
        r.file, path: base + ".type", "ggml type \(retired) is no longer supported by ggml",
        got: "\(raw) (tensor '\(name)')", expected: expected)
    }
    throw LifeError.file(
      r.file, path: base + ".type", "unknown ggml type", got: "\(raw) (tensor '\(name)')",
      expected: expected)
  }

  /// Every tensor's data lies inside the file and no two overlap.
  private static func checkData(
    _ infos: inout [GGUFTensorInfo], dataOffset: Int, fileSize: Int, file: String
  ) throws(LifeError) {
    for (i, info) in infos.enumerated() {
      let start = dataOffset.addingReportingOverflow(info.offset)
      let end = start.partialValue.addingReportingOverflow(info.bytes)
      guard !start.overflow, !end.overflow, end.partialValue <= fileSize else {
        throw LifeError.file(
          file, path: "tensor_infos[\(i)].offset",
          "tensor data extends past the end of the file (truncated?)",
          got: "tensor '\(info.name)' ends at byte "
            + (start.overflow || end.overflow ? "beyond 2^63" : String(end.partialValue)),
          expected: "at most \(fileSize), the file's size")
      }
    }
    let order = infos.indices.sorted { (infos[$0].offset, $0) < (infos[$1].offset, $1) }
    for (previous, next) in zip(order, order.dropFirst()) {
      let a = infos[previous]
      let b = infos[next]
      if b.offset < a.offset + a.bytes {
        throw LifeError.file(
          file, path: "tensor_infos[\(next)].offset", "tensor data overlaps another tensor's",
          got:
            "tensor '\(b.name)' at \(b.offset), inside '\(a.name)' (\(a.offset)..<\(a.offset + a.bytes))"
        )
      }
    }
  }

  private static func align(_ offset: Int, to alignment: Int) -> Int {
    (offset + alignment - 1) / alignment * alignment
  }

  /// Four bytes as text, non-printable ones as `\xNN`.
  private static func printable(_ bytes: ArraySlice<UInt8>) -> String {
    "'"
      + bytes.map { b in
        (0x20..<0x7F).contains(b)
          ? String(UnicodeScalar(b))
          : "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
      }.joined() + "'"
  }
}
