import Foundation
import Testing

@testable import Trace

/// Malformed GGUF headers: each a LifeError naming the file and the field,
/// never a trap or an allocation of a size read from the file.
@Suite struct GGUFHeaderBadInputTests {
  typealias T = GGUFBuilder.Tensor

  /// `bytes` with a little-endian integer written at `offset`.
  func patch<I: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, _ value: I) -> [UInt8] {
    var out = bytes
    withUnsafeBytes(of: value.littleEndian) { raw in
      for (i, b) in raw.enumerated() { out[offset + i] = b }
    }
    return out
  }

  func expectError(
    _ bytes: [UInt8], path: String?, _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let error = GGUFBuilder.error(bytes) else {
      Issue.record("expected an error containing '\(message)'", sourceLocation: sourceLocation)
      return
    }
    #expect(error.location.file == "t.gguf", sourceLocation: sourceLocation)
    #expect(error.location.path == path, "\(error)", sourceLocation: sourceLocation)
    #expect(error.message.contains(message), "\(error)", sourceLocation: sourceLocation)
    #expect(error.kind == .failure, sourceLocation: sourceLocation)
  }

  /// A file with one entry `k` (key at 24, type at 33, value from 37).
  func oneEntry(_ value: GGUFValue) -> [UInt8] { GGUFBuilder.file(metadata: [("k", value)]) }

  // MARK: - Truncation

  @Test func truncationAtEveryByteIsAnError() throws {
    let bytes = GGUFBuilder.file(
      metadata: [
        ("general.architecture", .string("llama")), ("a.arr", .array(.uint16([1, 2, 3]))),
        ("a.nest", .array(.array([.string(["x", "yz"])]))),
      ],
      tensors: [T("blk.0.attn_q.weight", [32, 2], .q4_0), T("b", [4], .f32)])
    let header = try GGUFHeader.parse(bytes: bytes, file: "t.gguf")
    let end = header.dataOffset + header.tensors[1].offset + header.tensors[1].bytes
    for n in 0..<end {
      let error = GGUFBuilder.error(Array(bytes[0..<n]))
      #expect(
        error?.message.contains("truncated") == true, "cut at \(n): \(String(describing: error))")
      #expect(error?.location.path != nil, "cut at \(n)")
    }
    #expect(GGUFBuilder.error(Array(bytes[0..<end])) == nil)
  }

  @Test func truncationNamesTheField() throws {
    let bytes = GGUFBuilder.file(
      metadata: [("general.architecture", .string("llama"))],
      tensors: [T("blk.0.attn_q.weight", [32, 2], .q4_0)])
    let cut = { (n: Int) in GGUFBuilder.error(Array(bytes[0..<n]))?.location.path }
    #expect(cut(0) == "header.magic")
    #expect(cut(2) == "header.magic")
    #expect(cut(6) == "header.version")
    #expect(cut(10) == "header.tensor_count")
    #expect(cut(20) == "header.metadata_kv_count")
    #expect(cut(28) == "metadata_kv[0].key")
    #expect(cut(40) == "metadata_kv[0].key")  // inside the key's 20 bytes (32..<52)
    #expect(cut(54) == "metadata.general.architecture")  // the value type
    #expect(cut(60) == "metadata.general.architecture")  // the string's length
    // The tensor info starts after the value: 52 + 4 + 8 + 5 = 69.
    let info = 69
    #expect(cut(info + 4) == "tensor_infos[0].name")
    let afterName = info + 8 + 19
    #expect(cut(afterName + 2) == "tensor_infos[0].n_dimensions")
    #expect(cut(afterName + 4 + 10) == "tensor_infos[0].dimensions[1]")
    #expect(cut(afterName + 20 + 1) == "tensor_infos[0].type")
    #expect(cut(afterName + 24 + 7) == "tensor_infos[0].offset")
    #expect(cut(afterName + 32) == "tensor_infos[0].offset")  // its data is missing
    expectError([], path: "header.magic", "truncated")
  }

  // MARK: - Magic and version

  @Test func magicAndVersions() {
    let good = GGUFBuilder.file()
    var ggml = good
    ggml.replaceSubrange(0..<4, with: Array("GGML".utf8))
    expectError(ggml, path: "header.magic", "not a GGUF file")
    #expect(GGUFBuilder.error(ggml)?.got == "'GGML'")
    var binary = good
    binary.replaceSubrange(0..<4, with: [0, 1, 0x7F, 0xFF])
    #expect(GGUFBuilder.error(binary)?.got == "'\\x00\\x01\\x7F\\xFF'")
    expectError(patch(good, at: 4, UInt32(1)), path: "header.version", "version 1 is not supported")
    expectError(patch(good, at: 4, UInt32(4)), path: "header.version", "unsupported GGUF version")
    expectError(patch(good, at: 4, UInt32(0)), path: "header.version", "unsupported GGUF version")
    // A big-endian v3 file stores 00 00 00 03, read little-endian as 0x03000000.
    let big = patch(good, at: 4, UInt32(3).byteSwapped)
    expectError(big, path: "header.version", "big-endian GGUF files are not supported")
    #expect(GGUFBuilder.error(big)?.got == "version 3, big-endian")
  }

  // MARK: - Absurd counts

  @Test func absurdCountsAreErrorsNotAllocations() {
    let good = GGUFBuilder.file(metadata: [("general.architecture", .string("llama"))])
    expectError(
      patch(good, at: 8, UInt64(1) << 40), path: "header.tensor_count", "tensor count too large")
    expectError(patch(good, at: 8, UInt64(1000)), path: "tensor_infos[0].name", "truncated")
    expectError(
      patch(good, at: 16, UInt64(1) << 40), path: "header.metadata_kv_count",
      "metadata count too large")
    expectError(
      patch(good, at: 16, UInt64(UInt64.max)), path: "header.metadata_kv_count",
      "metadata count too large")
    expectError(
      patch(good, at: 24, UInt64(1) << 40), path: "metadata_kv[0].key", "key length too large")
    // The string value's length sits after the key (32..<52) and the type (52..<56).
    expectError(
      patch(good, at: 56, UInt64(1) << 40), path: "metadata.general.architecture",
      "string length too large")
    expectError(
      patch(good, at: 56, UInt64(1) << 20), path: "metadata.general.architecture",
      "string length runs past the end of the file")
    let array = oneEntry(.array(.uint64([1, 2])))
    expectError(patch(array, at: 41, UInt64(1) << 40), path: "metadata.k", "array length too large")
    expectError(
      patch(array, at: 41, UInt64(1) << 24), path: "metadata.k",
      "array length runs past the end of the file")
    let strings = oneEntry(.array(.string(["a", "b"])))
    expectError(
      patch(strings, at: 49, UInt64(1) << 40), path: "metadata.k[0]", "string length too large")
  }

  @Test func bigHeadersStopAtTheLimit() {
    var r = HeaderReader(bytes: [UInt8](repeating: 0, count: 64), file: "t.gguf", limit: 16)
    #expect(throws: LifeError.self) { _ = try r.bytes(17, at: "x") }
    do {
      _ = try r.bytes(17, at: "x")
    } catch {
      #expect(error.message == "header too large")
    }
  }

  // MARK: - Unknown types

  @Test func unknownValueTypes() {
    let entry = oneEntry(.uint32(5))
    expectError(patch(entry, at: 33, UInt32(13)), path: "metadata.k", "unknown value type")
    #expect(GGUFBuilder.error(patch(entry, at: 33, UInt32(13)))?.got == "13")
    let array = oneEntry(.array(.uint8([1])))
    expectError(patch(array, at: 37, UInt32(99)), path: "metadata.k", "unknown array element type")
  }

  @Test func nestingDepth() {
    func nested(_ levels: Int) -> GGUFArray {
      var a = GGUFArray.uint8([1])
      for _ in 1..<levels { a = .array([a]) }
      return a
    }
    #expect(GGUFBuilder.error(oneEntry(.array(nested(8)))) == nil)
    expectError(
      oneEntry(.array(nested(9))), path: "metadata.k[0][0][0][0][0][0][0][0]", "nested too deeply")
  }

  @Test func unknownAndRetiredTensorTypes() {
    let unknown = GGUFBuilder.file(tensors: [T(name: "w", dims: [32], type: 99)])
    expectError(unknown, path: "tensor_infos[0].type", "unknown ggml type")
    #expect(GGUFBuilder.error(unknown)?.got == "99 (tensor 'w')")
    let retired = GGUFBuilder.file(tensors: [T(name: "w", dims: [32], type: 4)])
    expectError(retired, path: "tensor_infos[0].type", "ggml type Q4_2 is no longer supported")
  }

  // MARK: - Tensor infos

  @Test func badDimensions() {
    func tensor(_ dims: [UInt64], _ type: GGMLType = .f32) -> [UInt8] {
      GGUFBuilder.file(tensors: [T(name: "w", dims: dims, type: type.rawValue)])
    }
    expectError(
      tensor([1, 1, 1, 1, 1]), path: "tensor_infos[0].n_dimensions", "too many dimensions")
    expectError(
      tensor([1 << 32, 1 << 32]), path: "tensor_infos[0].dimensions",
      "product of the dimensions overflows")
    expectError(tensor([UInt64.max]), path: "tensor_infos[0].dimensions[0]", "dimension too large")
    expectError(
      tensor([1 << 61, 2]), path: "tensor_infos[0].dimensions", "size in bytes overflows")
    expectError(
      tensor([100, 2], .q4_K), path: "tensor_infos[0].dimensions[0]",
      "not a multiple of the type's block size")
    // A zero dimension: no elements, no bytes, and no overflow from the others.
    #expect(GGUFBuilder.error(tensor([1 << 40, 1 << 40, 0])) == nil)
  }

  @Test func offsetsAndData() {
    let misaligned = GGUFBuilder.file(tensors: [
      T(name: "w", dims: [4], type: 0, offset: 7, dataBytes: 16)
    ])
    expectError(misaligned, path: "tensor_infos[0].offset", "not a multiple of the alignment")
    let beyond = GGUFBuilder.file(tensors: [T(name: "w", dims: [4], type: 0, offset: 1 << 40)])
    expectError(beyond, path: "tensor_infos[0].offset", "extends past the end of the file")
    let overlap = GGUFBuilder.file(tensors: [
      T(name: "a", dims: [16], type: 0, offset: 0, dataBytes: 64),
      T(name: "b", dims: [16], type: 0, offset: 32, dataBytes: 64),
    ])
    expectError(overlap, path: "tensor_infos[1].offset", "overlaps")
  }

  @Test func duplicatesAndEmptyNames() {
    let keys = GGUFBuilder.file(metadata: [("k", .uint8(1)), ("k", .uint8(2))])
    expectError(keys, path: "metadata_kv[1].key", "duplicate key")
    expectError(
      GGUFBuilder.file(metadata: [("", .uint8(1))]), path: "metadata_kv[0].key", "empty key")
    let tensors = GGUFBuilder.file(tensors: [T("w", [4], .f32), T("w", [4], .f32)])
    expectError(tensors, path: "tensor_infos[1].name", "duplicate tensor name")
    expectError(
      GGUFBuilder.file(tensors: [T("", [4], .f32)]), path: "tensor_infos[0].name",
      "empty tensor name")
  }

  @Test func badAlignment() {
    expectError(
      GGUFBuilder.file(metadata: [("general.alignment", .uint32(48))]),
      path: "metadata.general.alignment", "not a power of 2")
    expectError(
      GGUFBuilder.file(metadata: [("general.alignment", .uint32(0))]),
      path: "metadata.general.alignment", "not a power of 2")
    expectError(
      GGUFBuilder.file(metadata: [("general.alignment", .uint64(32))]),
      path: "metadata.general.alignment", "wrong type")
  }

  @Test func badPaths() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(throws: LifeError.file(dir.path + "/none.gguf", path: nil, "no such file")) {
      _ = try GGUFHeader.read(path: dir.path + "/none.gguf")
    }
    #expect(throws: LifeError.file(dir.path, path: nil, "is a directory", expected: "a file")) {
      _ = try GGUFHeader.read(path: dir.path)
    }
  }
}
