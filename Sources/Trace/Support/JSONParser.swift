/// A strict RFC 8259 JSON parser that reports the line and column of a
/// syntax error and never traps on any input.
package struct JSONParser {
  private let bytes: [UInt8]
  private var index = 0
  private let file: String?
  private var depth = 0
  package static let maxDepth = 512

  /// Parses `bytes` (UTF-8) as one JSON document. `file` names the source in
  /// errors.
  package static func parse(_ bytes: [UInt8], file: String?) throws(LifeError) -> JSONValue {
    var parser = JSONParser(bytes: bytes, file: file)
    return try parser.document()
  }

  /// Parses a string as one JSON document.
  package static func parse(_ text: String, file: String?) throws(LifeError) -> JSONValue {
    try parse(Array(text.utf8), file: file)
  }

  /// Parses the JSON value that starts at byte `start` of `bytes` (after
  /// any whitespace): a value inside other text, such as one line of a JSON
  /// Lines file after log lines. Errors give the line and column in the
  /// whole text. Returns the value and the index just past it.
  package static func parseValue(in bytes: [UInt8], at start: Int, file: String?)
    throws(LifeError) -> (value: JSONValue, end: Int)
  {
    var parser = JSONParser(bytes: bytes, file: file)
    parser.index = max(0, start)
    parser.skipWhitespace()
    let value = try parser.parseValue()
    return (value, parser.index)
  }

  /// Parses the JSON array that starts at byte `start` of `bytes` (after any
  /// whitespace), inside other text as ``parseValue(in:at:file:)`` does, and
  /// returns its elements, each with the 1-based line its first character
  /// is on, and the index just past the closing bracket.
  package static func parseArrayElements(in bytes: [UInt8], at start: Int, file: String?)
    throws(LifeError) -> (elements: [(value: JSONValue, line: Int)], end: Int)
  {
    var parser = JSONParser(bytes: bytes, file: file)
    parser.index = max(0, start)
    parser.skipWhitespace()
    guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "[") else {
      throw parser.syntax("expected '['")
    }
    // Lines are counted once, from the start, as elements are reached.
    var currentLine = 1
    var counted = 0
    func line(at index: Int) -> Int {
      while counted < index && counted < bytes.count {
        if bytes[counted] == 0x0A { currentLine += 1 }
        counted += 1
      }
      return currentLine
    }
    var elements: [(value: JSONValue, line: Int)] = []
    try parser.enter()
    parser.index += 1
    parser.skipWhitespace()
    if parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "]") {
      return (elements, parser.index + 1)
    }
    while true {
      parser.skipWhitespace()
      let at = line(at: parser.index)
      elements.append((try parser.parseValue(), at))
      parser.skipWhitespace()
      guard parser.index < bytes.count else { throw parser.syntax("unterminated array") }
      if bytes[parser.index] == UInt8(ascii: ",") {
        parser.index += 1
        continue
      }
      if bytes[parser.index] == UInt8(ascii: "]") {
        return (elements, parser.index + 1)
      }
      throw parser.syntax("expected ',' or ']' in an array")
    }
  }

  private init(bytes: [UInt8], file: String?) {
    self.bytes = bytes
    self.file = file
  }

  private mutating func document() throws(LifeError) -> JSONValue {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    if bytes.contains(0) {
      throw LifeError.file(file, path: nil, "not a JSON file: it contains binary data (a NUL byte)")
    }
    if let bad = UTF8Check.firstInvalid(bytes[index...]) {
      throw LifeError.file(
        file, path: UTF8Check.position(of: bad, in: bytes), "not valid UTF-8 text",
        got: UTF8Check.describe(bytes, at: bad), expected: "UTF-8 (re-save the file as UTF-8)")
    }
    skipWhitespace()
    if index >= bytes.count {
      throw LifeError.file(file, path: nil, "the file is empty", expected: "a JSON document")
    }
    let value = try parseValue()
    skipWhitespace()
    if index < bytes.count { throw syntax("unexpected text after the JSON document") }
    return value
  }

  private func position() -> String {
    var line = 1
    var column = 1
    var i = 0
    while i < index && i < bytes.count {
      if bytes[i] == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
      i += 1
    }
    return "line \(line), column \(column)"
  }

  private func syntax(_ message: String) -> LifeError {
    var got: String?
    if index < bytes.count {
      let end = min(bytes.count, index + 12)
      let snippet = String(decoding: bytes[index..<end], as: UTF8.self)
      got = "'" + snippet.filter { !$0.isNewline } + "'"
    } else {
      got = "end of file"
    }
    return LifeError.file(file, path: position(), "invalid JSON: " + message, got: got)
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  private mutating func parseValue() throws(LifeError) -> JSONValue {
    guard index < bytes.count else { throw syntax("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw syntax("expected a value")
    }
  }

  private mutating func literal(_ word: String) throws(LifeError) {
    let w = Array(word.utf8)
    guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
      throw syntax("expected a value")
    }
    index += w.count
  }

  private mutating func enter() throws(LifeError) {
    depth += 1
    if depth > Self.maxDepth { throw syntax("nesting deeper than \(Self.maxDepth) levels") }
  }

  private mutating func parseObject() throws(LifeError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var members: [(key: String, value: JSONValue)] = []
    // Small objects (most of them) look for a duplicate key by scanning;
    // hashing every key cost more than the rest of the parse.
    var seen: Set<String>?
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw syntax("expected a quoted key")
      }
      let key = try parseString()
      if members.count >= 16, seen == nil { seen = Set(members.map(\.key)) }
      let duplicate: Bool
      if seen != nil {
        duplicate = seen?.insert(key).inserted == false
      } else {
        duplicate = members.contains { $0.key == key }
      }
      if duplicate { throw syntax("duplicate key '\(key)'") }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw syntax("expected ':' after a key")
      }
      index += 1
      skipWhitespace()
      let value = try parseValue()
      members.append((key, value))
      skipWhitespace()
      guard index < bytes.count else { throw syntax("unterminated object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      throw syntax("expected ',' or '}' in an object")
    }
  }

  private mutating func parseArray() throws(LifeError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw syntax("unterminated array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      throw syntax("expected ',' or ']' in an array")
    }
  }

  private mutating func parseString() throws(LifeError) -> String {
    index += 1
    // The common case, no escapes: the bytes as they are.
    let start = index
    while index < bytes.count {
      let c = bytes[index]
      if c == UInt8(ascii: "\"") {
        index += 1
        return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
      }
      if c == UInt8(ascii: "\\") || c < 0x20 { break }
      if c >= 0x80 {
        try checkUTF8()
        continue
      }
      index += 1
    }
    var out = Array(bytes[start..<index])
    while true {
      guard index < bytes.count else { throw syntax("unterminated string") }
      let c = bytes[index]
      if c == UInt8(ascii: "\"") {
        index += 1
        break
      }
      if c < 0x20 { throw syntax("control character in a string") }
      if c == UInt8(ascii: "\\") {
        index += 1
        guard index < bytes.count else { throw syntax("unterminated string") }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800...0xDBFF).contains(scalar) {
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
              bytes[index + 1] == UInt8(ascii: "u")
            {
              index += 2
              let low = try hex4()
              if (0xDC00...0xDFFF).contains(low) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
              } else {
                // A lone high surrogate: replace it, and keep what follows.
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                scalar = (0xD800...0xDFFF).contains(low) ? 0xFFFD : low
              }
            } else {
              scalar = 0xFFFD
            }
          } else if (0xDC00...0xDFFF).contains(scalar) {
            scalar = 0xFFFD
          }
          let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
          out.append(contentsOf: Array(String(Character(s)).utf8))
        default: throw syntax("invalid escape in a string")
        }
        continue
      }
      if c >= 0x80 {
        let first = index
        try checkUTF8()
        out.append(contentsOf: bytes[first..<index])
        continue
      }
      out.append(c)
      index += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Steps over the multi-byte UTF-8 sequence at `index`, or fails naming
  /// its place when it is ill-formed (a value parsed inside other text is
  /// checked here, string by string, as a whole document is up front).
  private mutating func checkUTF8() throws(LifeError) {
    let length = UTF8Check.sequenceLength(bytes[...], at: index)
    guard length > 0 else {
      throw LifeError.file(
        file, path: UTF8Check.position(of: index, in: bytes), "not valid UTF-8 text",
        got: UTF8Check.describe(bytes, at: index), expected: "UTF-8 (re-save the file as UTF-8)")
    }
    index += length
  }

  private mutating func hex4() throws(LifeError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw syntax("bad \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[index]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw syntax("bad \\u escape")
      }
      v = v * 16 + d
      index += 1
    }
    return v
  }

  private mutating func parseNumber() throws(LifeError) -> JSONNumber {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count, isDigit(bytes[index]) else { throw syntax("bad number") }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
      if index < bytes.count, isDigit(bytes[index]) { throw syntax("leading zero in a number") }
    } else {
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else { throw syntax("bad number") }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else { throw syntax("bad number") }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    let value = Double(text) ?? (text.hasPrefix("-") ? -Double.infinity : Double.infinity)
    return JSONNumber(text: text, value: value)
  }

  private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
