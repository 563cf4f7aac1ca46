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
