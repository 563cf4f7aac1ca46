import Trace

/// UTF-8 text built as bytes, for the timeline's hot path: literals,
/// escaped strings, integers and microsecond times are appended without
/// building intermediate `String`s. The bytes equal those of the `String`
/// helpers they replace (``JSONFormat/appendString(_:into:)``,
/// ``JSONFormat/number(_:)``, ``TraceTime/micros(_:)``).
///
/// Noncopyable: it owns its bytes (a growable allocation, freed when it
/// goes), so appending is a capacity check and a copy, with none of an
/// array's uniqueness and exclusivity checks.
struct ByteText: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  /// Bytes written.
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 256) {
    self.capacity = max(capacity, 16)
    base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// The text so far, copied out.
  var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// Calls `body` with the text so far.
  func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    body(UnsafeBufferPointer(start: base, count: count))
  }

  /// Forgets the text, keeping the allocation.
  mutating func removeAll() { count = 0 }

  @inline(__always)
  private mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(to: count + extra) }
  }

  private mutating func grow(to needed: Int) {
    let newCapacity = max(needed, capacity * 2)
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.initialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  /// Appends one byte.
  @inline(__always)
  mutating func append(byte: UInt8) {
    reserve(1)
    base[count] = byte
    count += 1
  }

  /// Appends bytes as they are.
  @inline(__always)
  mutating func append(buffer: UnsafeBufferPointer<UInt8>) {
    guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
    reserve(buffer.count)
    (base + count).update(from: source, count: buffer.count)
    count += buffer.count
  }

  /// Appends a literal as is.
  @inline(__always)
  mutating func append(_ literal: StaticString) {
    literal.withUTF8Buffer { append(buffer: $0) }
  }

  /// Appends text as is.
  mutating func append(text: String) {
    var text = text
    text.withUTF8 { append(buffer: $0) }
  }

  /// Appends bytes as is.
  mutating func append(bytes other: [UInt8]) {
    other.withUnsafeBufferPointer { append(buffer: $0) }
  }

  /// Appends another text's bytes.
  mutating func append(copying other: borrowing ByteText) {
    other.withBytes { append(buffer: $0) }
  }

  /// Whether `s` is printable ASCII with no quote or backslash: its JSON
  /// literal is the text between two quotes.
  static func isPlain(_ s: String) -> Bool {
    for byte in s.utf8 where byte < 0x20 || byte >= 0x7F || byte == 0x22 || byte == 0x5C {
      return false
    }
    return true
  }

  /// Appends the JSON string literal for `s`, escaped as
  /// ``JSONFormat/appendString(_:into:)`` escapes it.
  mutating func appendQuoted(_ s: String) {
    if Self.isPlain(s) {
      append(byte: 0x22)
      append(text: s)
      append(byte: 0x22)
    } else {
      var text = ""
      JSONFormat.appendString(s, into: &text)
      append(text: text)
    }
  }

  /// Appends a decimal integer, as `String(value)` writes it.
  mutating func appendInt(_ value: Int) {
    appendInt64(Int64(value))
  }

  /// Appends a decimal integer, as `String(value)` writes it.
  mutating func appendInt64(_ value: Int64) {
    if value < 0 { append(byte: 0x2D) }
    appendDigits(value.magnitude)
  }

  /// Appends the decimal digits of `value`.
  mutating func appendDigits(_ value: UInt64) {
    if value < 10 {
      append(byte: 0x30 &+ UInt8(truncatingIfNeeded: value))
      return
    }
    var digits = 0
    var rest = value
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    reserve(digits)
    rest = value
    var i = count + digits - 1
    while rest > 0 {
      base[i] = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
      i -= 1
    }
    count += digits
  }

  /// Appends nanoseconds as microseconds with at most three decimals, as
  /// ``TraceTime/micros(_:)`` writes them: `12`, `12.5`, `0.003`.
  mutating func appendMicros(_ ns: Int64) {
    let magnitude = ns.magnitude
    if ns < 0 { append(byte: 0x2D) }
    appendDigits(magnitude / 1000)
    var fraction = magnitude % 1000
    guard fraction != 0 else { return }
    append(byte: 0x2E)
    var width = 3
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    // `fraction` now has `width` digits once zero-padded on the left.
    var scale: UInt64 = 1
    for _ in 1..<width { scale *= 10 }
    while scale > 0 {
      append(byte: 0x30 &+ UInt8(truncatingIfNeeded: (fraction / scale) % 10))
      scale /= 10
    }
  }

  /// Appends a JSON number as ``JSONFormat/number(_:)`` writes it.
  mutating func appendNumber(_ value: Double) {
    guard value.isFinite else {
      append("null")
      return
    }
    if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
      if value == 0 {
        append(byte: 0x30)
      } else {
        appendInt64(Int64(value))
      }
      return
    }
    append(text: value.description)
  }
}
