import Trace

/// Builds an event's arguments, member by member, in the encoding of the
/// timeline they go to: a compact JSON object with deterministic number
/// text (`timeline.json`), or Perfetto `DebugAnnotation` fields with
/// interned names (`timeline.pftrace`). Either way the result is bytes the
/// timeline's encoder writes as they are.
struct TraceArgs: ~Copyable {
  private var text = ByteText(capacity: 256)
  private var empty = true
  /// The Perfetto sequence's names; nil for JSON.
  private let interner: PerfettoInterner?

  /// Starts JSON args (`{`).
  init() {
    interner = nil
    text.append("{")
  }

  /// Starts args in `encoding`.
  init(_ encoding: TraceArgsEncoding) {
    interner = encoding.interner
    if interner == nil { text.append("{") }
  }

  /// The members of an object already begun elsewhere: in JSON no opening
  /// brace, and the first member is preceded by a comma.
  init(continuing: Void, _ encoding: TraceArgsEncoding = .json) {
    interner = encoding.interner
    empty = false
  }

  /// Starts a JSON member: its key and colon (the value is written by the
  /// caller). In Perfetto, nothing: ``spliced(head:key:_:tail:encoding:)``
  /// writes the whole member.
  mutating func key(_ name: StaticString) {
    guard interner == nil else { return }
    jsonKey(name)
  }

  private mutating func jsonKey(_ name: StaticString) {
    if empty {
      empty = false
    } else {
      text.append(",")
    }
    // Keys are plain ASCII literals: quoted as they are.
    text.append("\"")
    text.append(name)
    text.append("\":")
  }

  /// A number member (null in JSON when not finite; left out in Perfetto,
  /// as the trace processor leaves out a JSON null). An integral value is
  /// an integer in Perfetto, as the JSON text reads.
  mutating func number(_ name: StaticString, _ value: Double) {
    guard let interner else {
      jsonKey(name)
      text.appendNumber(value)
      return
    }
    guard value.isFinite else { return }
    if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
      text.appendIntAnnotation(interner.argName(name), Int64(value))
    } else {
      text.appendAnnotation(interner.argName(name), value: value)
    }
  }

  /// An integer member.
  mutating func int(_ name: StaticString, _ value: Int) {
    guard let interner else {
      jsonKey(name)
      text.appendInt(value)
      return
    }
    text.appendIntAnnotation(interner.argName(name), Int64(value))
  }

  /// A string member, escaped.
  mutating func string(_ name: StaticString, _ value: String) {
    guard let interner else {
      jsonKey(name)
      text.appendQuoted(value)
      return
    }
    var value = value
    value.withUTF8 { appendString(interner.argName(name), $0, interner) }
  }

  /// A string member given as its JSON literal (quoted, and needing no
  /// escapes).
  mutating func quoted(_ name: StaticString, _ literal: [UInt8]) {
    guard let interner else {
      jsonKey(name)
      text.append(bytes: literal)
      return
    }
    literal.withUnsafeBufferPointer {
      appendString(
        interner.argName(name), UnsafeBufferPointer(rebasing: $0.dropFirst().dropLast()), interner)
    }
  }

  /// A string annotation: its value interned, or inline when the table is
  /// full.
  private mutating func appendString(
    _ nameIid: UInt64, _ value: UnsafeBufferPointer<UInt8>, _ interner: PerfettoInterner
  ) {
    if let iid = interner.stringValue(value) {
      text.appendAnnotation(nameIid, stringIid: iid)
    } else {
      text.appendAnnotation(nameIid, string: value)
    }
  }

  /// A boolean member.
  mutating func bool(_ name: StaticString, _ value: Bool) {
    guard let interner else {
      jsonKey(name)
      text.append(value ? "true" : "false")
      return
    }
    text.appendAnnotation(interner.argName(name), bool: value)
  }

  /// A member read from a JSON timeline (a comparison's input): a string,
  /// number or boolean; anything else is left out in Perfetto, as the
  /// trace processor leaves out a JSON null.
  mutating func member(_ name: String, _ value: JSONValue) {
    guard let interner else {
      if empty {
        empty = false
      } else {
        text.append(",")
      }
      text.appendQuoted(name)
      text.append(":")
      text.append(text: JSONFormat.text(value, pretty: false))
      return
    }
    let iid = interner.argName(text: name)
    switch value {
    case .string(var string):
      string.withUTF8 { appendString(iid, $0, interner) }
    case .bool(let bool): text.appendAnnotation(iid, bool: bool)
    case .number(let number):
      let value = number.value
      guard value.isFinite else { return }
      if let int = number.exactInt, abs(value) < 9_007_199_254_740_992 {
        text.appendIntAnnotation(iid, int)
      } else {
        text.appendAnnotation(iid, value: value)
      }
    case .null, .array, .object: return
    }
  }

  /// The finished args as bytes.
  var bytes: [UInt8] {
    var out = text.bytes
    if interner == nil { out.append(0x7D) }
    return out
  }

  /// The args so far, with no closing brace in JSON.
  var openBytes: [UInt8] { text.bytes }

  /// The finished JSON object as text.
  var json: String { String(decoding: bytes, as: UTF8.self) }

  /// The args of `head` (``openBytes`` after ``key(_:)``), an integer
  /// member `key` of `value`, then `tail` (begun ``init(continuing:_:)``).
  static func spliced(
    head: [UInt8], key: StaticString, _ value: Int, tail: [UInt8], encoding: TraceArgsEncoding
  ) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(head.count + tail.count + 24)
    out.append(contentsOf: head)
    if let interner = encoding.interner {
      // debug_annotations { name_iid, int_value }, as appendIntAnnotation
      // writes it.
      let iid = interner.argName(key)
      let bits = UInt64(bitPattern: Int64(value))
      out.append(0x22)
      appendVarint(UInt64(2 + ByteText.varintSize(iid) + ByteText.varintSize(bits)), to: &out)
      out.append(0x08)
      appendVarint(iid, to: &out)
      out.append(0x20)
      appendVarint(bits, to: &out)
    } else {
      out.append(contentsOf: String(value).utf8)
    }
    out.append(contentsOf: tail)
    return out
  }
}

private func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
  var rest = value
  while rest >= 0x80 {
    out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
    rest >>= 7
  }
  out.append(UInt8(truncatingIfNeeded: rest))
}

/// How a timeline's args are encoded: JSON, or Perfetto debug annotations
/// named through a sequence's interned names.
struct TraceArgsEncoding {
  /// The Perfetto sequence's names; nil for JSON.
  let interner: PerfettoInterner?

  /// JSON objects.
  static var json: TraceArgsEncoding { TraceArgsEncoding(interner: nil) }
}
