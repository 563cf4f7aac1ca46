import Trace

/// UTF-8 text built as bytes, for the timeline's hot path: literals,
/// escaped strings, integers and microsecond times are appended without
/// building intermediate `String`s. The bytes equal those of the `String`
/// helpers they replace (``JSONFormat/appendString(_:into:)``,
/// ``JSONFormat/number(_:)``, ``TraceTime/micros(_:)``).
struct ByteText {
  /// The text so far.
  var bytes: [UInt8] = []

  init() {}

  init(capacity: Int) {
    bytes.reserveCapacity(capacity)
  }

  /// Appends a literal as is.
  @inline(__always)
  mutating func append(_ literal: StaticString) {
    literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Appends text as is.
  mutating func append(text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  /// Appends bytes as is.
  mutating func append(bytes other: [UInt8]) {
    bytes.append(contentsOf: other)
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
      bytes.append(0x22)
      bytes.append(contentsOf: s.utf8)
      bytes.append(0x22)
    } else {
      var text = ""
      JSONFormat.appendString(s, into: &text)
      bytes.append(contentsOf: text.utf8)
    }
  }

  /// Appends a decimal integer, as `String(value)` writes it.
  mutating func appendInt(_ value: Int) {
    appendInt64(Int64(value))
  }

  /// Appends a decimal integer, as `String(value)` writes it.
  mutating func appendInt64(_ value: Int64) {
    if value < 0 { bytes.append(0x2D) }
    appendDigits(value.magnitude)
  }

  /// Appends the decimal digits of `value`.
  mutating func appendDigits(_ value: UInt64) {
    if value < 10 {
      bytes.append(0x30 &+ UInt8(truncatingIfNeeded: value))
      return
    }
    var digits = 0
    var rest = value
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    let start = bytes.count
    bytes.append(contentsOf: repeatElement(0x30, count: digits))
    rest = value
    var i = start + digits - 1
    while rest > 0 {
      bytes[i] = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
      i -= 1
    }
  }

  /// Appends nanoseconds as microseconds with at most three decimals, as
  /// ``TraceTime/micros(_:)`` writes them: `12`, `12.5`, `0.003`.
  mutating func appendMicros(_ ns: Int64) {
    let magnitude = ns.magnitude
    if ns < 0 { bytes.append(0x2D) }
    appendDigits(magnitude / 1000)
    var fraction = magnitude % 1000
    guard fraction != 0 else { return }
    bytes.append(0x2E)
    var width = 3
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    // `fraction` now has `width` digits once zero-padded on the left.
    var scale: UInt64 = 1
    for _ in 1..<width { scale *= 10 }
    while scale > 0 {
      bytes.append(0x30 &+ UInt8(truncatingIfNeeded: (fraction / scale) % 10))
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
        bytes.append(0x30)
      } else {
        appendInt64(Int64(value))
      }
      return
    }
    bytes.append(contentsOf: value.description.utf8)
  }
}
