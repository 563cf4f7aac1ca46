import Testing

@testable import Trace

/// Deterministic JSON out: fixed order, stable digits, no NaN or infinity.
@Suite struct JSONFormatTests {
  static let document: JSONValue = .object([
    ("z", .int(1)), ("a", .array([.num(0.1), .num(3), .null])),
    ("s", .string("quote \" backslash \\ newline \n tab \t bell \u{07} é")),
    ("nested", .object([("empty", .object([])), ("list", .array([]))])),
    ("objects", .array([.object([("k", .bool(true))])])),
  ])

  @Test func sameBytesTwice() {
    let first = JSONFormat.text(Self.document)
    let second = JSONFormat.text(Self.document)
    #expect(first == second)
    #expect(Array(first.utf8) == Array(second.utf8))
  }

  @Test func prettyLayout() {
    #expect(
      JSONFormat.text(Self.document) == """
        {
          "z": 1,
          "a": [0.1, 3, null],
          "s": "quote \\" backslash \\\\ newline \\n tab \\t bell \\u0007 é",
          "nested": {
            "empty": {},
            "list": []
          },
          "objects": [
            {
              "k": true
            }
          ]
        }

        """)
  }

  @Test func compactLayout() {
    #expect(
      JSONFormat.text(.object([("a", .array([.int(1), .int(2)])), ("b", .null)]), pretty: false)
        == #"{"a":[1,2],"b":null}"#)
  }

  @Test func roundTrips() throws {
    let text = JSONFormat.text(Self.document)
    #expect(try JSONParser.parse(text, file: nil) == Self.document)
  }

  @Test(arguments: [
    (3.0, "3"), (0.1, "0.1"), (-0.0, "0"), (0.0, "0"), (-2.5, "-2.5"), (1e-7, "1e-07"),
    (1_000_000.0, "1000000"), (9_007_199_254_740_991.0, "9007199254740991"),
    (1_152_921_504_606_846_976.0, "1.152921504606847e+18"), (1e300, "1e+300"),
    (1.0 / 3.0, "0.3333333333333333"),
  ])
  func numbers(_ pair: (Double, String)) {
    #expect(JSONFormat.number(pair.0) == pair.1)
  }

  @Test func numbersAreValidJSON() throws {
    for value in [0.1, 1e-7, 1e300, 1_152_921_504_606_846_976.0, -123.456] {
      let text = JSONFormat.number(value)
      #expect(try JSONParser.parse(text, file: nil) == .num(value))
    }
  }

  @Test func nonFiniteNeverPrints() {
    #expect(JSONFormat.number(.nan) == "null")
    #expect(JSONFormat.number(.infinity) == "null")
    #expect(
      JSONFormat.text(.array([.num(.nan), .num(-.infinity)]), pretty: false) == "[null,null]")
  }

  @Test func checkFiniteNamesThePath() {
    #expect(throws: Never.self) { try JSONFormat.checkFinite(Self.document) }
    let bad: JSONValue = .object([("decode", .object([("steps", .array([.num(1), .num(.nan)]))]))])
    #expect(
      throws: LifeError(
        .failure, at: ErrorLocation(path: "decode.steps[1]"), "a computed value is not finite",
        got: "nan", expected: "a finite number")
    ) { try JSONFormat.checkFinite(bad) }
    #expect(throws: LifeError.self) { try JSONFormat.checkFinite(.num(.infinity)) }
  }

  @Test func escaping() {
    #expect(JSONFormat.quoted("a\u{0}b\u{1F}c") == #""a\u0000b\u001fc""#)
    #expect(JSONFormat.quoted("\u{2028}\u{2029}") == #""\u2028\u2029""#)
    #expect(JSONFormat.quoted("</script>") == #""</script>""#)
    #expect(JSONFormat.quoted("😀") == "\"😀\"")
  }
}
