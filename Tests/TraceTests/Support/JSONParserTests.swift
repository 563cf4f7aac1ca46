import Testing

@testable import Trace

/// The strict JSON parser: valid documents, and every kind of syntax error
/// with its line and column; no input traps.
@Suite struct JSONParserTests {
  private func parse(_ text: String) throws(LifeError) -> JSONValue {
    try JSONParser.parse(text, file: "f.json")
  }

  private func failure(_ text: String) -> String? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      #expect(error.kind == .failure)
      return error.rendered
    }
  }

  @Test func validDocument() throws {
    let value = try parse(
      #"{"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "x\ty"}, "d": {}, "e": []}"#)
    guard case .object(let members) = value else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["a", "b", "d", "e"])
    #expect(
      value["a"]
        == .array([.int(1), .num(-2.5), .num(300), .bool(true), .bool(false), .null]))
    #expect(value["b"]?["c"] == .string("x\ty"))
    #expect(value["d"] == .object([]))
    #expect(value["e"] == .array([]))
  }

  @Test func scalarsAndWhitespace() throws {
    #expect(try parse(" \n\t 42 \r\n") == .int(42))
    #expect(try parse("\"s\"") == .string("s"))
    #expect(try parse("null") == .null)
    #expect(
      try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8), file: nil) == .array([.int(1)]))
  }

  @Test func keepsNumberText() throws {
    guard case .number(let n) = try parse("1.50") else {
      Issue.record("not a number")
      return
    }
    #expect(n.text == "1.50" && n.value == 1.5)
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var text: String
    var message: String
    var testDescription: String { text.debugDescription }
  }

  static let bad: [Bad] = [
    Bad(text: "", message: "error: f.json: the file is empty (expected a JSON document)"),
    Bad(text: " \n ", message: "error: f.json: the file is empty (expected a JSON document)"),
    Bad(
      text: "{",
      message:
        "error: f.json: line 1, column 2: invalid JSON: expected a quoted key (got end of file)"),
    Bad(
      text: "[1, 2",
      message: "error: f.json: line 1, column 6: invalid JSON: unterminated array (got end of file)"
    ),
    Bad(
      text: "{\"a\": 1",
      message:
        "error: f.json: line 1, column 8: invalid JSON: unterminated object (got end of file)"),
    Bad(
      text: "{\n  \"a\": 1,\n}",
      message: "error: f.json: line 3, column 1: invalid JSON: expected a quoted key (got '}')"),
    Bad(
      text: "[1,]",
      message: "error: f.json: line 1, column 4: invalid JSON: expected a value (got ']')"),
    Bad(
      text: "{\"a\" 1}",
      message: "error: f.json: line 1, column 6: invalid JSON: expected ':' after a key (got '1}')"),
    Bad(
      text: "{\"a\": 1 \"b\": 2}",
      message:
        "error: f.json: line 1, column 9: invalid JSON: expected ',' or '}' in an object (got '\"b\": 2}')"
    ),
    Bad(
      text: "[1 2]",
      message:
        "error: f.json: line 1, column 4: invalid JSON: expected ',' or ']' in an array (got '2]')"),
    Bad(
      text: "{a: 1}",
      message: "error: f.json: line 1, column 2: invalid JSON: expected a quoted key (got 'a: 1}')"),
    Bad(
      text: "'x'",
      message: "error: f.json: line 1, column 1: invalid JSON: expected a value (got ''x'')"),
    Bad(
      text: "tru",
      message: "error: f.json: line 1, column 1: invalid JSON: expected a value (got 'tru')"),
    Bad(
      text: "nul",
      message: "error: f.json: line 1, column 1: invalid JSON: expected a value (got 'nul')"),
    Bad(
      text: "NaN",
      message: "error: f.json: line 1, column 1: invalid JSON: expected a value (got 'NaN')"),
    Bad(
      text: "Infinity",
      message: "error: f.json: line 1, column 1: invalid JSON: expected a value (got 'Infinity')"),
    Bad(
      text: "-",
      message: "error: f.json: line 1, column 2: invalid JSON: bad number (got end of file)"),
    Bad(
      text: "01",
      message: "error: f.json: line 1, column 2: invalid JSON: leading zero in a number (got '1')"),
    Bad(
      text: "1.",
      message: "error: f.json: line 1, column 3: invalid JSON: bad number (got end of file)"),
    Bad(
      text: "1e",
      message: "error: f.json: line 1, column 3: invalid JSON: bad number (got end of file)"),
    Bad(
      text: "+1",
      message: "error: f.json: line 1, column 1: invalid JSON: expected a value (got '+1')"),
    Bad(
      text: ".5",
      message: "error: f.json: line 1, column 1: invalid JSON: expected a value (got '.5')"),
    Bad(
      text: "\"abc",
      message:
        "error: f.json: line 1, column 5: invalid JSON: unterminated string (got end of file)"),
    Bad(
      text: "\"a\nb\"",
      message:
        "error: f.json: line 1, column 3: invalid JSON: control character in a string (got 'b\"')"),
    Bad(
      text: "\"\\x\"",
      message:
        "error: f.json: line 1, column 4: invalid JSON: invalid escape in a string (got '\"')"),
    Bad(
      text: "\"\\u12G4\"",
      message: "error: f.json: line 1, column 6: invalid JSON: bad \\u escape (got 'G4\"')"),
    Bad(
      text: "\"\\u12",
      message: "error: f.json: line 1, column 4: invalid JSON: bad \\u escape (got '12')"),
    Bad(
      text: "{\"a\": 1, \"a\": 2}",
      message: "error: f.json: line 1, column 13: invalid JSON: duplicate key 'a' (got ': 2}')"),
    Bad(
      text: "[1] [2]",
      message:
        "error: f.json: line 1, column 5: invalid JSON: unexpected text after the JSON document (got '[2]')"
    ),
    Bad(
      text: "{} x",
      message:
        "error: f.json: line 1, column 4: invalid JSON: unexpected text after the JSON document (got 'x')"
    ),
    Bad(
      text: "[\n\n   @]",
      message: "error: f.json: line 3, column 4: invalid JSON: expected a value (got '@]')"),
    Bad(
      text: "{\"a\":\u{0}1}",
      message: "error: f.json: not a JSON file: it contains binary data (a NUL byte)"),
  ]

  @Test(arguments: bad)
  func syntaxError(_ test: Bad) {
    #expect(failure(test.text) == test.message)
  }

  @Test func binaryBytes() {
    let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
    #expect(throws: LifeError.self) { try JSONParser.parse(bytes, file: "x.png") }
    let noNul: [UInt8] = [0xFF, 0xFE, 0x7B]
    #expect(throws: LifeError.self) { try JSONParser.parse(noNul, file: "x") }
  }

  /// Ill-formed UTF-8 anywhere in a document is refused with its line,
  /// column and bytes: Latin-1, overlong forms, surrogates, code points
  /// past U+10FFFF, stray continuation bytes and sequences cut short.
  @Test(
    arguments: [
      ([0xE9], "byte 0xE9 (Latin-1 'é'?)"),
      ([0xC3, 0x28], "byte 0xC3 (Latin-1 'Ã'?)"),
      ([0xC0, 0xAF], "bytes 0xC0 0xAF (an overlong encoding)"),
      ([0xC1, 0xBF], "bytes 0xC1 0xBF (an overlong encoding)"),
      ([0xE0, 0x80, 0xAF], "bytes 0xE0 0x80 0xAF (an overlong encoding)"),
      ([0xF0, 0x80, 0x80, 0xAF], "bytes 0xF0 0x80 0x80 0xAF (an overlong encoding)"),
      ([0xED, 0xA0, 0x80], "bytes 0xED 0xA0 0x80 (an encoded surrogate)"),
      ([0xF4, 0x90, 0x80, 0x80], "bytes 0xF4 0x90 0x80 0x80"),
      ([0xF5, 0x80, 0x80, 0x80], "bytes 0xF5 0x80 0x80 0x80"),
      ([0x80], "byte 0x80"),
      ([0xE2, 0x82], "bytes 0xE2 0x82"),
    ] as [([UInt8], String)])
  func illFormedUTF8IsRefused(_ bad: [UInt8], _ described: String) throws {
    let bytes = Array("{\n  \"name\": \"ab".utf8) + bad + Array("\"}".utf8)
    do {
      _ = try JSONParser.parse(bytes, file: "c.json")
      Issue.record("accepted \(bad)")
    } catch {
      #expect(
        error.rendered
          == "error: c.json: line 2, column 14: not valid UTF-8 text (got \(described);"
          + " expected UTF-8 (re-save the file as UTF-8))")
    }
  }

  @Test func wellFormedUTF8IsKept() throws {
    let text = "{\"s\": \"é € 😀 \u{10FFFF}\"}"
    #expect(try JSONParser.parse(text, file: nil)["s"] == .string("é € 😀 \u{10FFFF}"))
  }

  @Test func deepNesting() throws {
    let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(throws: Never.self) { try parse(ok) }
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(failure(deep)?.contains("invalid JSON: nesting deeper than 512 levels") == true)
    let objects =
      String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)
    #expect(failure(objects)?.contains("nesting deeper than 512 levels") == true)
  }

  @Test func hugeNumbersParseAsInfinityForTypedReadsToRefuse() throws {
    guard case .number(let n) = try parse("1e999") else {
      Issue.record("not a number")
      return
    }
    #expect(n.value == .infinity && n.text == "1e999")
    guard case .number(let m) = try parse("-1e999") else {
      Issue.record("not a number")
      return
    }
    #expect(m.value == -.infinity)
    guard case .number(let big) = try parse("123456789012345678901234567890") else {
      Issue.record("not a number")
      return
    }
    #expect(big.exactInt == nil)
  }

  @Test func unicodeEscapes() throws {
    #expect(try parse(#""\u00e9\u4e2d""#) == .string("é中"))
    #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
    #expect(try parse(#""\/\\\"\b\f\n\r\t""#) == .string("/\\\"\u{08}\u{0C}\n\r\t"))
    #expect(try parse(#""\u0000""#) == .string("\u{0}"))
    #expect(try parse("\"😀 raw\"") == .string("😀 raw"))
  }

  @Test func loneSurrogatesBecomeReplacementCharacters() throws {
    #expect(try parse(#""\ud800""#) == .string("\u{FFFD}"))
    #expect(try parse(#""\ud800x""#) == .string("\u{FFFD}x"))
    #expect(try parse(#""\ude00""#) == .string("\u{FFFD}"))
    #expect(try parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
    #expect(try parse(#""\ud800\ud800""#) == .string("\u{FFFD}\u{FFFD}"))
  }
}
