import Testing
import Trace

@testable import Timeline

/// The protobuf wire encoding, against bytes computed by hand.
@Suite struct ProtobufEncodingTests {
  func bytes(_ write: (inout ByteText) -> Void) -> [UInt8] {
    var out = ByteText(capacity: 1)
    write(&out)
    return out.bytes
  }

  static let varints: [(UInt64, [UInt8])] = [
    (0, [0x00]),
    (1, [0x01]),
    (127, [0x7F]),
    (128, [0x80, 0x01]),
    (300, [0xAC, 0x02]),
    (16_384, [0x80, 0x80, 0x01]),
    (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
  ]

  @Test func varintsAreLittleEndianGroupsOfSeven() {
    for (value, expected) in Self.varints {
      #expect(bytes { $0.appendVarint(value) } == expected, "\(value)")
      #expect(ByteText.varintSize(value) == expected.count, "\(value)")
    }
  }

  @Test func negativeInt64TakesTenBytesOfTwosComplement() {
    // int64 (not sint64: no zigzag), as DebugAnnotation.int_value is.
    #expect(
      bytes { $0.appendInt64Field(4, -1) }
        == [0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    #expect(bytes { $0.appendInt64Field(4, 7) } == [0x20, 0x07])
  }

  @Test func tagsCarryFieldNumberAndWireType() {
    // TracePacket.track_descriptor = 60, length-delimited: 60 << 3 | 2 = 482.
    #expect(bytes { $0.appendTag(60, .lengthDelimited) } == [0xE2, 0x03])
    // TracePacket.timestamp = 8, varint.
    #expect(bytes { $0.appendVarintField(8, 1000) } == [0x40, 0xE8, 0x07])
  }

  @Test func fixedWidthFieldsAreLittleEndian() {
    // TrackEvent.double_counter_value = 44: 1.5 is 0x3FF8000000000000.
    #expect(
      bytes { $0.appendDoubleField(44, 1.5) }
        == [0xE1, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F])
    // TrackEvent.flow_ids = 47, fixed64.
    #expect(
      bytes { $0.appendFixed64Field(47, 0x0102) }
        == [0xF9, 0x02, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])
  }

  @Test func lengthDelimitedFieldsPrefixTheirLength() {
    #expect(bytes { $0.appendStringField(2, "n k") } == [0x12, 0x03, 0x6E, 0x20, 0x6B])
    #expect(bytes { $0.appendBytesField(8, []) } == [0x42, 0x00])
  }

  @Test func debugAnnotationsAreWholeMessages() {
    // debug_annotations = 4 { name_iid = 1: 3, int_value = 4: 5 }
    #expect(bytes { $0.appendIntAnnotation(3, 5) } == [0x22, 0x04, 0x08, 0x03, 0x20, 0x05])
    // { name_iid: 1, string_value_iid = 17: 2 }
    #expect(
      bytes { $0.appendAnnotation(1, stringIid: 2) } == [0x22, 0x05, 0x08, 0x01, 0x88, 0x01, 0x02])
    // { name_iid: 2, bool_value = 2: true }
    #expect(bytes { $0.appendAnnotation(2, bool: true) } == [0x22, 0x04, 0x08, 0x02, 0x10, 0x01])
    // { name_iid: 1, double_value = 5: 0.5 }
    #expect(
      bytes { $0.appendAnnotation(1, value: 0.5) }
        == [0x22, 0x0B, 0x08, 0x01, 0x29, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F])
  }
}
