import Testing
import Trace

@testable import Timeline

/// The byte writers give the bytes of the `String` helpers they replace.
@Suite struct ByteTextTests {
  func text(_ write: (inout ByteText) -> Void) -> String {
    var out = ByteText(capacity: 1)
    write(&out)
    return String(decoding: out.bytes, as: UTF8.self)
  }

  @Test func microsecondsMatchTraceTime() {
    var values: [Int64] = [0, 1, 9, 10, 999, 1000, 1001, 1010, 1100, 12_500, -3, -1000, -12_345]
    values += [Int64.max, Int64.min + 1, 9_000_000_000_000_000_000, 123_456_789_012]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<2000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      values.append(Int64(bitPattern: state) >> Int64(state % 60))
    }
    for ns in values { #expect(text { $0.appendMicros(ns) } == TraceTime.micros(ns), "\(ns)") }
  }

  @Test func numbersMatchJSONFormat() {
    let values: [Double] = [
      0, -0.0, 1, -1, 0.5, 1e-7, 1.5e300, 9_007_199_254_740_991, 9_007_199_254_740_992, -2.25,
      .infinity, -.infinity, .nan, 123_456.789, 1e21, 4096, 3.0e-5,
    ]
    for v in values { #expect(text { $0.appendNumber(v) } == JSONFormat.number(v), "\(v)") }
    for i in [0, 7, -42, Int.max, Int.min] { #expect(text { $0.appendInt(i) } == String(i)) }
  }

  @Test func quotingMatchesJSONFormat() {
    for s in [
      "", "plain", "a\"b", "back\\slash", "tab\t", "é ü", "\u{2028}", "ctl\u{01}", "layers.3.mlp",
    ] {
      #expect(text { $0.appendQuoted(s) } == JSONFormat.quoted(s), "\(s)")
    }
  }

  @Test func growsPastItsCapacity() {
    let long = String(repeating: "x", count: 10_000)
    #expect(text { $0.append(text: long) } == long)
  }
}
