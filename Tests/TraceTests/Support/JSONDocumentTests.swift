import Testing

@testable import Trace

/// A document whose long arrays are made while it is written reads, byte
/// for byte, as the held value it stands for.
@Suite struct JSONDocumentTests {
  static let steps = 7

  static func document(steps: Int) -> JSONDocument {
    .object([
      ("a", .value(.int(1))),
      ("empty", .array(count: 0, scalars: true) { _ in .null }),
      ("emptyObjects", .array(count: 0, scalars: false) { _ in .null }),
      ("numbers", .array(count: steps, scalars: true) { .num(Double($0) / 3) }),
      (
        "steps",
        .array(count: steps, scalars: false) {
          .object([("step", .int($0 + 1)), ("name", .string("s\"\($0)é"))])
        }
      ),
      (
        "nested",
        .object([("held", .value(.array([.int(1), .string("x")]))), ("none", .object([]))])
      ),
    ])
  }

  @Test(arguments: [0, 1, 7, 5000])
  func writtenEqualsTheMaterialisedText(_ steps: Int) {
    let document = Self.document(steps: steps)
    for pretty in [true, false] {
      let expected = JSONFormat.text(document.materialized, pretty: pretty)
      #expect(JSONFormat.text(document: document, pretty: pretty) == expected)
      // In small pieces too: pieces end between elements only.
      var pieces: [[UInt8]] = []
      JSONFormat.write(document, pretty: pretty, chunk: 64) {
        pieces.append($0); return true
      }
      #expect(String(decoding: pieces.joined(), as: UTF8.self) == expected)
      if steps == 5000 { #expect(pieces.count > 100) }
      // In one buffer, checked as it is made.
      #expect(
        (try? JSONFormat.checkedBytes(document, pretty: pretty)).map {
          String(decoding: $0, as: UTF8.self)
        } == expected)
    }
  }

  @Test func writingStopsWhenTheSinkFails() {
    var calls = 0
    let finished = JSONFormat.write(Self.document(steps: 5000), chunk: 64) { _ in
      calls += 1
      return calls < 3
    }
    #expect(!finished)
    #expect(calls == 3)
  }

  @Test func settingAndMembersWorkOnHeldAndMadeObjects() {
    let held = JSONDocument.value(.object([("x", .int(1)), ("y", .int(2))]))
    let set = held.setting([
      ("y", .value(.int(3))), ("z", .array(count: 1, scalars: true) { _ in .int(4) }),
    ])
    #expect(
      set.materialized == .object([("x", .int(1)), ("y", .int(3)), ("z", .array([.int(4)]))]))
    #expect(set["z"]?.elements?.count == 1)
    #expect(held.objectMember("missing").materialized == .object([]))
    #expect(JSONDocument.value(.int(1)).members == nil)
  }

  @Test func aNonFiniteMadeElementIsFoundWithItsPath() {
    let document = JSONDocument.object([
      ("ok", .value(.int(1))),
      (
        "steps",
        .array(count: 4, scalars: false) { i in
          .object([("tpot_ms", .num(i == 2 ? .infinity : 1))])
        }
      ),
    ])
    #expect(
      throws: LifeError(
        .failure, at: ErrorLocation(path: "steps[2].tpot_ms"), "a computed value is not finite",
        got: "inf", expected: "a finite number")
    ) { try JSONFormat.checkFinite(document: document) }
    // Checking while writing gives the same error, with a held value too.
    for candidate in [document, .value(document.materialized)] {
      #expect(
        throws: LifeError(
          .failure, at: ErrorLocation(path: "steps[2].tpot_ms"), "a computed value is not finite",
          got: "inf", expected: "a finite number")
      ) { try JSONFormat.checkedBytes(candidate) }
    }
  }
}
