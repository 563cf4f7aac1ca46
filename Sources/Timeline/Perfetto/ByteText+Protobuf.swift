/// Protocol-buffer wire encoding onto ``ByteText``: varints, tags,
/// fixed-width and length-delimited fields, written by hand (no package).
extension ByteText {
  /// Wire types of the protobuf encoding.
  enum WireType: UInt64 {
    case varint = 0, fixed64 = 1, lengthDelimited = 2
  }

  /// Appends `value` as a base-128 varint, low group first.
  @inline(__always)
  mutating func appendVarint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      append(byte: UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    append(byte: UInt8(truncatingIfNeeded: rest))
  }

  /// Appends a field's key: its number and wire type.
  @inline(__always)
  mutating func appendTag(_ field: UInt64, _ type: WireType) {
    appendVarint(field << 3 | type.rawValue)
  }

  /// A varint field (unsigned).
  @inline(__always)
  mutating func appendVarintField(_ field: UInt64, _ value: UInt64) {
    appendTag(field, .varint)
    appendVarint(value)
  }

  /// An `int64` field: a negative value takes ten bytes (two's complement),
  /// as protobuf encodes `int64`.
  @inline(__always)
  mutating func appendInt64Field(_ field: UInt64, _ value: Int64) {
    appendTag(field, .varint)
    appendVarint(UInt64(bitPattern: value))
  }

  /// A `double` field: eight bytes, little-endian.
  mutating func appendDoubleField(_ field: UInt64, _ value: Double) {
    appendFixed64Field(field, value.bitPattern)
  }

  /// A `fixed64` field: eight bytes, little-endian.
  mutating func appendFixed64Field(_ field: UInt64, _ value: UInt64) {
    appendTag(field, .fixed64)
    for shift in stride(from: UInt64(0), to: 64, by: 8) {
      append(byte: UInt8(truncatingIfNeeded: value >> shift))
    }
  }

  /// A length-delimited field holding `bytes` (a string or a message).
  mutating func appendBytesField(_ field: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) {
    appendTag(field, .lengthDelimited)
    appendVarint(UInt64(bytes.count))
    append(buffer: bytes)
  }

  /// A length-delimited field holding `bytes`.
  mutating func appendBytesField(_ field: UInt64, _ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { appendBytesField(field, $0) }
  }

  /// A length-delimited field holding `message`'s bytes.
  mutating func appendMessageField(_ field: UInt64, _ message: borrowing ByteText) {
    message.withBytes { appendBytesField(field, $0) }
  }

  /// A string field (UTF-8).
  mutating func appendStringField(_ field: UInt64, _ text: String) {
    var text = text
    text.withUTF8 { appendBytesField(field, $0) }
  }

  /// The bytes a varint of `value` takes.
  @inline(__always)
  static func varintSize(_ value: UInt64) -> Int {
    // One byte per started group of 7 bits; zero takes one.
    (64 - (value | 1).leadingZeroBitCount + 6) / 7
  }
}
