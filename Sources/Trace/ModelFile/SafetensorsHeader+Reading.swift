/// Reading safetensors headers, with the checks of the safetensors crate's
/// `Metadata::validate` and `deserialize`: each tensor's data_offsets span
/// exactly its shape × dtype, the tensors tile the data section from 0 with
/// no gap or overlap, and the data section ends where the file ends.
extension SafetensorsHeader {
  /// The longest JSON header (the safetensors crate's MAX_HEADER_SIZE).
  package static let maxHeaderBytes = 100_000_000

  /// Reads the header of the safetensors file at `path`; the tensor data is
  /// never read.
  package static func read(path: String) throws(LifeError) -> SafetensorsHeader {
    var reader = try HeaderReader.open(path: path, limit: 8 + maxHeaderBytes)
    defer { reader.close() }
    return try parse(&reader)
  }

  /// Parses a whole safetensors file held in memory (`file` names it in errors).
  package static func parse(bytes: [UInt8], file: String) throws(LifeError) -> SafetensorsHeader {
    var reader = HeaderReader(bytes: bytes, file: file, limit: 8 + maxHeaderBytes)
    return try parse(&reader)
  }

  static func parse(_ r: inout HeaderReader) throws(LifeError) -> SafetensorsHeader {
    let length = try r.u64(at: "header_size")
    guard length <= UInt64(maxHeaderBytes) else {
      throw LifeError.file(
        r.file, path: "header_size", "header too large", got: "\(length) bytes",
        expected: "at most \(maxHeaderBytes) bytes (the safetensors limit)")
    }
    let n = Int(length)
    guard n <= r.remaining else {
      throw LifeError.file(
        r.file, path: "header_size", "header size beyond the end of the file (truncated?)",
        got: "\(n) bytes", expected: "at most \(r.remaining), the bytes after the size")
    }
    let json = try r.bytes(n, at: "header")
    let root = JSONNode(try JSONParser.parse(Array(json), file: r.file), file: r.file)
    var tensors: [SafetensorsTensor] = []
    var metadata: [Metadata] = []
    var paths: [String] = []
    for (key, node) in try root.members() {
      if key == "__metadata__" {
        for (k, v) in try node.members() {
          metadata.append(Metadata(key: k, value: try v.string()))
        }
        continue
      }
      tensors.append(try tensor(key, node))
      paths.append(node.path)
    }
    try checkOffsets(tensors, paths: paths, dataSize: r.size - 8 - n, file: r.file)
    return SafetensorsHeader(
      headerLength: n, tensors: tensors, metadata: metadata, fileSize: r.size)
  }

  private static func tensor(_ name: String, _ node: JSONNode) throws(LifeError)
    -> SafetensorsTensor
  {
    let names = SafetensorsDType.allCases.map(\.rawValue)
    let dtypeText = try node.required("dtype").choice(names)
    guard let dtype = SafetensorsDType(rawValue: dtypeText) else {
      throw try node.required("dtype").error("unknown value")
    }
    let shapeNode = try node.required("shape")
    var shape: [Int] = []
    for item in try shapeNode.items() { shape.append(try item.int(min: 0)) }
    var elements = 1
    if !shape.contains(0) {
      for d in shape {
        let p = elements.multipliedReportingOverflow(by: d)
        guard !p.overflow else {
          throw shapeNode.error(
            "the product of the dimensions overflows", expected: "at most \(Int.max) elements")
        }
        elements = p.partialValue
      }
    } else {
      elements = 0
    }
    let offsetsNode = try node.required("data_offsets")
    let items = try offsetsNode.items()
    guard items.count == 2 else {
      throw offsetsNode.error("wrong number of values", expected: "[begin, end]")
    }
    let begin = try items[0].int(min: 0)
    let end = try items[1].int(min: 0)
    guard begin <= end else {
      throw offsetsNode.error("data_offsets end before they begin", expected: "begin ≤ end")
    }
    guard let bytes = dtype.bytes(elements: elements) else {
      throw shapeNode.error(
        elements.multipliedReportingOverflow(by: dtype.bits).overflow
          ? "the tensor's size in bytes overflows" : "not a whole number of bytes",
        expected: "elements × \(dtype.bits) bits divisible by 8")
    }
    guard end - begin == bytes else {
      throw LifeError.file(
        node.file, path: offsetsNode.path, "data_offsets do not match the shape and dtype",
        got: "\(end - begin) bytes",
        expected:
          "\(bytes) bytes (\(elements) elements × \(dtype.bits) bits of \(dtype.name))")
    }
    return SafetensorsTensor(
      name: name, dtype: dtype, shape: shape, dataOffsets: begin..<end, elements: elements,
      bytes: bytes)
  }

  /// The tensors tile 0..<dataSize in offset order.
  private static func checkOffsets(
    _ tensors: [SafetensorsTensor], paths: [String], dataSize: Int, file: String
  ) throws(LifeError) {
    for (i, t) in tensors.enumerated() where t.dataOffsets.upperBound > dataSize {
      throw LifeError.file(
        file, path: paths[i] + ".data_offsets",
        "tensor data extends past the end of the file (truncated?)",
        got: "ends at \(t.dataOffsets.upperBound)",
        expected: "at most \(dataSize), the data section's size")
    }
    let order = tensors.indices.sorted {
      let a = tensors[$0].dataOffsets
      let b = tensors[$1].dataOffsets
      return (a.lowerBound, a.upperBound, $0) < (b.lowerBound, b.upperBound, $1)
    }
    var cursor = 0
    for i in order {
      let range = tensors[i].dataOffsets
      if range.lowerBound != cursor {
        throw LifeError.file(
          file, path: paths[i] + ".data_offsets",
          range.lowerBound > cursor
            ? "a gap in the data before this tensor" : "tensor data overlaps another tensor's",
          got: "begins at \(range.lowerBound)",
          expected: "\(cursor), where the previous tensor ends")
      }
      cursor = range.upperBound
    }
    guard cursor == dataSize else {
      throw LifeError.file(
        file, path: "header", "the data section is longer than its tensors",
        got: "\(dataSize) bytes of data", expected: "\(cursor), the end of the last tensor")
    }
  }
}
