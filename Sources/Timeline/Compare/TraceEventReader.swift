import Trace

/// Reads a Chrome-trace JSON file in the object form
/// (`{"traceEvents": [...], "metadata": {...}}`, plain or gzip) as a
/// stream: each element of `traceEvents` is handed over as it is read, so a
/// large timeline is never in memory whole. Other top-level members are
/// skipped, except `metadata`, which is kept.
struct TraceEventReader {
  private let source: ByteSource
  private var buffer: [UInt8]
  private var position = 0
  private var count = 0
  /// Bytes consumed before the current buffer, for error positions.
  private var offset = 0

  init(path: String) throws(LifeError) {
    source = try ByteSource(path: path)
    buffer = [UInt8](repeating: 0, count: 1 << 18)
  }

  private func error(_ message: String) -> LifeError {
    LifeError.file(
      source.path, path: "byte \(offset + position)", message,
      expected: "a Chrome trace JSON object written by 'life simulate'")
  }

  private mutating func peek() throws(LifeError) -> UInt8? {
    if position == count {
      offset += count
      count = try source.read(into: &buffer)
      position = 0
      if count == 0 { return nil }
    }
    return buffer[position]
  }

  private mutating func next() throws(LifeError) -> UInt8? {
    guard let byte = try peek() else { return nil }
    position += 1
    return byte
  }

  private mutating func skipWhitespace() throws(LifeError) {
    while let byte = try peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
      position += 1
    }
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws(LifeError) {
    try skipWhitespace()
    guard try next() == byte else { throw error("expected \(what)") }
  }

  /// One JSON value's bytes, as written (strings, objects and arrays
  /// matched with their escapes; scalars up to the next delimiter); a value
  /// longer than `limit` bytes is an error (`what` names it), so a corrupt
  /// file never grows a buffer without bound.
  private mutating func value(
    into out: inout [UInt8], limit: Int, what: String
  ) throws(LifeError) {
    func tooLarge() -> LifeError {
      LifeError.file(
        source.path, path: "byte \(offset + position)", "\(what) too large",
        got: "more than \(limit) bytes",
        expected: "a Chrome trace JSON object written by 'life simulate'")
    }
    try skipWhitespace()
    guard let first = try next() else { throw error("unexpected end of file") }
    out.append(first)
    if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") {
      var depth = first == UInt8(ascii: "\"") ? 0 : 1
      var inString = first == UInt8(ascii: "\"")
      var escaped = false
      while inString || depth > 0 {
        guard let byte = try next() else { throw error("unexpected end of file") }
        out.append(byte)
        if out.count > limit { throw tooLarge() }
        if inString {
          if escaped {
            escaped = false
          } else if byte == UInt8(ascii: "\\") {
            escaped = true
          } else if byte == UInt8(ascii: "\"") {
            inString = false
          }
          continue
        }
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
        default: break
        }
      }
      return
    }
    while let byte = try peek() {
      if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
        || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
      {
        break
      }
      out.append(byte)
      position += 1
      if out.count > limit { throw tooLarge() }
    }
  }

  /// Reads the whole file, calling `event` with each trace event's JSON
  /// bytes in order; returns the `metadata` member (nil when absent).
  mutating func read(
    _ event: (_ bytes: [UInt8]) throws(LifeError) -> Void
  ) throws(LifeError) -> JSONValue? {
    defer { source.close() }
    var metadata: JSONValue?
    var sawEvents = false
    try expect(UInt8(ascii: "{"), "'{' (a trace object)")
    try skipWhitespace()
    if try peek() == UInt8(ascii: "}") {
      position += 1
    } else {
      while true {
        var keyBytes: [UInt8] = []
        try value(into: &keyBytes, limit: 4096, what: "member name")
        guard keyBytes.count >= 2, keyBytes.first == UInt8(ascii: "\"") else {
          throw error("expected a member name")
        }
        let key = String(decoding: keyBytes.dropFirst().dropLast(), as: UTF8.self)
        try expect(UInt8(ascii: ":"), "':'")
        if key == "traceEvents" {
          sawEvents = true
          try expect(UInt8(ascii: "["), "'[' (the traceEvents array)")
          try skipWhitespace()
          if try peek() == UInt8(ascii: "]") {
            position += 1
          } else {
            var bytes: [UInt8] = []
            while true {
              bytes.removeAll(keepingCapacity: true)
              try value(into: &bytes, limit: TraceEventLimits.maxEventBytes, what: "trace event")
              try event(bytes)
              try skipWhitespace()
              let separator = try next()
              if separator == UInt8(ascii: "]") { break }
              guard separator != nil else {
                throw error("unexpected end of file (a truncated timeline?)")
              }
              guard separator == UInt8(ascii: ",") else {
                throw error("expected ',' or ']' in traceEvents")
              }
            }
          }
        } else {
          var bytes: [UInt8] = []
          try value(into: &bytes, limit: TraceEventLimits.maxMetadataBytes, what: "member '\(key)'")
          if key == "metadata" { metadata = try JSONParser.parse(bytes, file: source.path) }
        }
        try skipWhitespace()
        let separator = try next()
        if separator == UInt8(ascii: "}") { break }
        guard separator != nil else {
          throw error("unexpected end of file (a truncated timeline?)")
        }
        guard separator == UInt8(ascii: ",") else { throw error("expected ',' or '}'") }
      }
    }
    guard sawEvents else { throw error("no traceEvents array") }
    return metadata
  }
}
