/// `TrackEvent.debug_annotations` entries: one `DebugAnnotation` each,
/// named by an interned iid.
extension ByteText {
  private mutating func annotationHead(_ nameIid: UInt64, valueSize: Int) {
    appendTag(PerfettoField.Event.debugAnnotations, .lengthDelimited)
    appendVarint(UInt64(1 + Self.varintSize(nameIid) + valueSize))
    appendVarintField(PerfettoField.Annotation.nameIid, nameIid)
  }

  /// An `int_value` annotation.
  mutating func appendIntAnnotation(_ nameIid: UInt64, _ value: Int64) {
    let bits = UInt64(bitPattern: value)
    annotationHead(nameIid, valueSize: 1 + Self.varintSize(bits))
    appendVarintField(PerfettoField.Annotation.intValue, bits)
  }

  /// A `double_value` annotation.
  mutating func appendAnnotation(_ nameIid: UInt64, value: Double) {
    annotationHead(nameIid, valueSize: 9)
    appendDoubleField(PerfettoField.Annotation.doubleValue, value)
  }

  /// A `bool_value` annotation.
  mutating func appendAnnotation(_ nameIid: UInt64, bool: Bool) {
    annotationHead(nameIid, valueSize: 2)
    appendVarintField(PerfettoField.Annotation.boolValue, bool ? 1 : 0)
  }

  /// A `string_value_iid` annotation (an interned string).
  mutating func appendAnnotation(_ nameIid: UInt64, stringIid: UInt64) {
    annotationHead(nameIid, valueSize: 2 + Self.varintSize(stringIid))
    appendVarintField(PerfettoField.Annotation.stringValueIid, stringIid)
  }

  /// A `string_value` annotation (UTF-8 bytes).
  mutating func appendAnnotation(_ nameIid: UInt64, string: UnsafeBufferPointer<UInt8>) {
    let count = UInt64(string.count)
    annotationHead(nameIid, valueSize: 1 + Self.varintSize(count) + string.count)
    appendBytesField(PerfettoField.Annotation.stringValue, string)
  }
}
