import Foundation
import Testing

@testable import Trace

@Suite struct GGUFHeaderTests {
  /// One value of every GGUF type, arrays of every element type, nested
  /// arrays and an empty array.
  static let everyType: [(String, GGUFValue)] = [
    ("t.uint8", .uint8(200)), ("t.int8", .int8(-100)), ("t.uint16", .uint16(60_000)),
    ("t.int16", .int16(-30_000)), ("t.uint32", .uint32(4_000_000_000)),
    ("t.int32", .int32(-2_000_000_000)), ("t.float32", .float32(1.5)),
    ("t.bool", .bool(true)), ("t.string", .string("héllo")),
    ("t.uint64", .uint64(UInt64.max)), ("t.int64", .int64(Int64.min)),
    ("t.float64", .float64(-0.25)),
    ("a.uint8", .array(.uint8([1, 2, 255]))), ("a.int8", .array(.int8([-1, 0, 1]))),
    ("a.uint16", .array(.uint16([1, 65_535]))), ("a.int16", .array(.int16([-2, 2]))),
    ("a.uint32", .array(.uint32([7]))), ("a.int32", .array(.int32([-7, 7]))),
    ("a.float32", .array(.float32([0.5, -2]))), ("a.bool", .array(.bool([true, false]))),
    ("a.string", .array(.string(["a", "", "ccc"]))), ("a.uint64", .array(.uint64([1 << 40]))),
    ("a.int64", .array(.int64([-(1 << 40)]))), ("a.float64", .array(.float64([3.25]))),
    ("a.empty", .array(.uint32([]))),
    (
      "a.nested",
      .array(.array([.int32([1, 2]), .string(["x"]), .array([.bool([false])]), .float64([])]))
    ),
  ]

  @Test(arguments: [UInt32(2), 3])
  func everyValueTypeRoundTrips(version: UInt32) throws {
    let tensors = [
      GGUFBuilder.Tensor("token_embd.weight", [64, 10], .q8_0),
      GGUFBuilder.Tensor("output_norm.weight", [64], .f32),
    ]
    let bytes = GGUFBuilder.file(version: version, metadata: Self.everyType, tensors: tensors)
    let header = try GGUFHeader.parse(bytes: bytes, file: "t.gguf")
    #expect(header.version == Int(version))
    #expect(header.metadata.map(\.key) == Self.everyType.map(\.0))
    for (key, value) in Self.everyType { #expect(header[key] == value, "\(key)") }
    #expect(header.alignment == 32)
    // Tensor infos: name, dims as stored, type, offset, exact bytes.
    #expect(header.tensors.count == 2)
    let embd = header.tensors[0]
    #expect(embd.name == "token_embd.weight" && embd.dimensions == [64, 10])
    #expect(embd.shape == [10, 64] && embd.type == .q8_0 && embd.offset == 0)
    // 640 elements / 32 × 34 = 680 bytes; the next tensor starts at 704 (32-aligned).
    #expect(embd.elements == 640 && embd.bytes == 680)
    #expect(header.tensors[1].offset == 704 && header.tensors[1].bytes == 256)
    #expect(header.dataOffset % 32 == 0)
    #expect(header.fileSize == bytes.count)
  }

  @Test func readsFromAFileLikeFromBytes() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bytes = GGUFBuilder.file(
      metadata: Self.everyType, tensors: [GGUFBuilder.Tensor("a.weight", [256, 3], .q4_K)])
    let path = dir.appendingPathComponent("m.gguf").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let fromFile = try GGUFHeader.read(path: path)
    #expect(fromFile == (try GGUFHeader.parse(bytes: bytes, file: path)))
    #expect(fromFile.tensors[0].bytes == 3 * 144)
  }

  @Test func largeArraysAreReadThroughTheBuffer() throws {
    // 100,000 strings cross the 64 KiB read buffer many times.
    let tokens = (0..<100_000).map { "tok\($0)" }
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("big.gguf").path
    try Data(GGUFBuilder.file(metadata: [("tokenizer.ggml.tokens", .array(.string(tokens)))]))
      .write(to: URL(fileURLWithPath: path))
    let header = try GGUFHeader.read(path: path)
    #expect(header["tokenizer.ggml.tokens"] == .array(.string(tokens)))
  }

  @Test func alignmentKey() throws {
    let bytes = GGUFBuilder.file(
      metadata: [("general.alignment", .uint32(64))],
      tensors: [
        GGUFBuilder.Tensor("a", [8], .f32), GGUFBuilder.Tensor("b", [8], .f32),
      ], alignment: 64)
    let header = try GGUFHeader.parse(bytes: bytes, file: "t.gguf")
    #expect(header.alignment == 64 && header.dataOffset % 64 == 0)
    #expect(header.tensors[1].offset == 64)
  }

  @Test func valueAccessors() {
    #expect(GGUFValue.uint16(7).integer == 7)
    #expect(GGUFValue.uint64(UInt64.max).integer == nil)
    #expect(GGUFValue.float32(0.5).number == 0.5 && GGUFValue.float32(0.5).integer == nil)
    #expect(GGUFValue.string("x").string == "x" && GGUFValue.bool(true).string == nil)
    #expect(GGUFArray.int16([-1, 3]).integers == [-1, 3])
    #expect(GGUFArray.uint64([UInt64.max]).integers == nil)
    #expect(GGUFArray.string(["a"]).integers == nil)
    #expect(GGUFValue.array(.string(["a", "b"])).brief == "an array of 2 string")
  }
}
