import Testing

@testable import Trace

@Suite struct CSVFormatTests {
  @Test func quotesOnlyWhenNeeded() {
    #expect(CSVFormat.field("plain") == "plain")
    #expect(CSVFormat.field("a,b") == "\"a,b\"")
    #expect(CSVFormat.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSVFormat.field("two\nlines") == "\"two\nlines\"")
    #expect(CSVFormat.line(["a", "b,c", ""]) == "a,\"b,c\",\n")
  }

  @Test func numbers() {
    #expect(CSVFormat.number(3) == "3")
    #expect(CSVFormat.number(0.25) == "0.25")
    #expect(CSVFormat.number(.nan) == "")
    #expect(CSVFormat.number(-.infinity) == "")
  }
}

/// Text cells a spreadsheet would run as formulas get a leading `'`;
/// numbers, whatever their sign, are written as they are.
@Suite struct CSVInjectionTests {
  @Test(arguments: [
    ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTAB", "'\tTAB"),
    ("\rCR", "\"'\rCR\""),
    ("=1,2", "\"'=1,2\""),
    ("-", "'-"),
    ("+", "'+"),
  ])
  func formulasAreNeutralised(_ cell: String, _ written: String) {
    #expect(CSVFormat.field(cell) == written)
  }

  @Test(arguments: ["-1.5", "+3", "-0", "-1e-9", "2", "plain", "a=b", "", "'=already"])
  func numbersAndPlainTextAreUnchanged(_ cell: String) {
    #expect(CSVFormat.field(cell) == cell)
  }

  @Test func writtenNumbersAreNeverQuoted() {
    for value in [-1.5, -1e300, -0.000_001, 3] {
      let text = CSVFormat.number(value)
      #expect(CSVFormat.field(text) == text)
    }
  }

  /// Neutralising twice changes nothing: a merged sweep.csv keeps its cells.
  @Test func neutralisingIsIdempotent() {
    for cell in ["=x", "+y", "@z", "-w"] {
      let once = CSVFormat.neutralised(cell)
      #expect(CSVFormat.neutralised(once) == once)
    }
  }
}
