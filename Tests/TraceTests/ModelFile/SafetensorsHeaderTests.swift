import Foundation
import Testing

@testable import Trace

/// A safetensors file: the header's length (u64, little-endian), the JSON
/// header, then `data` zero bytes.
func safetensorsFile(_ json: String, data: Int) -> [UInt8] {
  let header = Array(json.utf8)
  var bytes: [UInt8] = []
  withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
  return bytes + header + [UInt8](repeating: 0, count: data)
}

@Suite struct SafetensorsHeaderTests {
  func parse(_ json: String, data: Int) throws(LifeError) -> SafetensorsHeader {
    try SafetensorsHeader.parse(bytes: safetensorsFile(json, data: data), file: "m.safetensors")
  }

  func error(_ json: String, data: Int) -> LifeError? {
    do {
      _ = try parse(json, data: data)
      return nil
    } catch {
      return error
    }
  }

  @Test func readsTensorsAndMetadata() throws {
    // embed: 10 × 4 BF16 = 80 bytes; norm: 4 F32 = 16; packed: 6 F4 = 3 bytes.
    let json = """
      {"__metadata__": {"format": "pt"},
       "model.embed_tokens.weight": {"dtype": "BF16", "shape": [10, 4], "data_offsets": [0, 80]},
       "model.norm.weight": {"dtype": "F32", "shape": [4], "data_offsets": [80, 96]},
       "x.packed": {"dtype": "F4", "shape": [2, 3], "data_offsets": [96, 99]},
       "x.empty": {"dtype": "F16", "shape": [0, 7], "data_offsets": [99, 99]}}
      """
    let header = try parse(json, data: 99)
    #expect(header.metadata == [.init(key: "format", value: "pt")])
    #expect(
      header.tensors.map(\.name) == [
        "model.embed_tokens.weight", "model.norm.weight", "x.packed", "x.empty",
      ])
    let embed = try #require(header.tensor(named: "model.embed_tokens.weight"))
    #expect(embed.dtype == .bf16 && embed.shape == [10, 4] && embed.elements == 40)
    #expect(embed.bytes == 80 && embed.dataOffsets == 0..<80)
    #expect(header.tensors[2].bytes == 3 && header.tensors[3].elements == 0)
    #expect(header.dataOffset == 8 + json.utf8.count)
  }

  @Test func dtypeWidths() {
    // Bits per element, from the safetensors crate's Dtype::bitsize.
    let bits: [String: Int] = [
      "BOOL": 8, "F4": 4, "F6_E2M3": 6, "F6_E3M2": 6, "U8": 8, "I8": 8, "F8_E5M2": 8,
      "F8_E4M3": 8, "F8_E8M0": 8, "F8_E4M3FNUZ": 8, "F8_E5M2FNUZ": 8, "I16": 16, "U16": 16,
      "F16": 16, "BF16": 16, "I32": 32, "U32": 32, "F32": 32, "C64": 64, "F64": 64, "I64": 64,
      "U64": 64,
    ]
    #expect(bits.count == SafetensorsDType.allCases.count)
    for d in SafetensorsDType.allCases { #expect(d.bits == bits[d.name], "\(d.name)") }
    // 4096 × 4096 BF16: 33,554,432 bytes; 5 F4 values are 2.5 bytes: no.
    #expect(SafetensorsDType.bf16.bytes(elements: 4096 * 4096) == 33_554_432)
    #expect(SafetensorsDType.f6E2M3.bytes(elements: 4) == 3)
    #expect(SafetensorsDType.f4.bytes(elements: 5) == nil)
  }

  @Test func offsetsAreCheckedAgainstEachOtherAndTheFile() {
    func t(_ name: String, _ dtype: String, _ shape: String, _ a: Int, _ b: Int) -> String {
      "\"\(name)\": {\"dtype\": \"\(dtype)\", \"shape\": \(shape), \"data_offsets\": [\(a), \(b)]}"
    }
    let cases: [(String, Int, String, String)] = [
      ("{" + t("a", "F32", "[4]", 0, 12) + "}", 12, "a.data_offsets", "do not match the shape"),
      ("{" + t("a", "F32", "[4]", 4, 20) + "}", 20, "a.data_offsets", "a gap in the data"),
      (
        "{" + t("a", "F32", "[4]", 0, 16) + ", " + t("b", "F32", "[4]", 8, 24) + "}", 24,
        "b.data_offsets", "overlaps"
      ),
      ("{" + t("a", "F32", "[4]", 0, 16) + "}", 8, "a.data_offsets", "extends past the end"),
      ("{" + t("a", "F32", "[4]", 0, 16) + "}", 20, "header", "longer than its tensors"),
      ("{" + t("a", "F32", "[4]", 16, 0) + "}", 16, "a.data_offsets", "end before they begin"),
      ("{" + t("a", "F4", "[5]", 0, 3) + "}", 3, "a.shape", "not a whole number of bytes"),
      (
        "{" + t("a", "U8", "[4294967296, 4294967296]", 0, 0) + "}", 0, "a.shape",
        "product of the dimensions overflows"
      ),
      ("{" + t("a", "F32", "[-1]", 0, 0) + "}", 0, "a.shape[0]", "integer out of range"),
      ("{" + t("a", "BF61", "[1]", 0, 2) + "}", 2, "a.dtype", "unknown value"),
      (
        #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0]}}"#, 4, "a.data_offsets",
        "wrong number of values"
      ),
      (#"{"a": {"dtype": "F32", "shape": [1]}}"#, 4, "a.data_offsets", "missing required field"),
      (#"{"__metadata__": {"n": 1}}"#, 0, "__metadata__.n", "wrong type"),
      ("[1, 2]", 0, nil, "wrong type"),
    ].map { ($0.0, $0.1, $0.2 ?? "", $0.3) }
    for (json, data, path, message) in cases {
      let e = error(json, data: data)
      #expect(e?.location.file == "m.safetensors", "\(json)")
      #expect((e?.location.path ?? "") == path, "\(json): \(String(describing: e))")
      #expect(e?.message.contains(message) == true, "\(json): \(String(describing: e))")
    }
    #expect(error("{" + t("a", "BF61", "[1]", 0, 2) + "}", data: 2)?.suggestion == "BF16")
  }

  @Test func headerSizeAndJSON() {
    func bytesError(_ bytes: [UInt8]) -> LifeError? {
      do {
        _ = try SafetensorsHeader.parse(bytes: bytes, file: "m.safetensors")
        return nil
      } catch {
        return error
      }
    }
    let e1 = bytesError([1, 0, 0])
    #expect(e1?.location.path == "header_size" && e1?.message.contains("truncated") == true)
    var huge = safetensorsFile("{}", data: 0)
    huge.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 1, 0, 0])  // 2^40
    #expect(bytesError(huge)?.message == "header too large")
    var beyond = safetensorsFile("{}", data: 0)
    beyond[0] = 200
    #expect(bytesError(beyond)?.message.contains("beyond the end of the file") == true)
    let syntax = error(#"{"a": }"#, data: 0)
    #expect(syntax?.location.path?.hasPrefix("line 1, column") == true)
    #expect(error("", data: 0)?.message == "the file is empty")
    // An empty header and no data is a valid (empty) file; padding spaces are allowed.
    #expect(error("{}  ", data: 0) == nil)
  }
}
