import Foundation
import Testing
import Trace

@testable import Engine

/// The measurement corpus: the bundled one is broad and fully sourced and
/// is the text of traces/measurements/corpus.csv; a malformed file is an
/// error naming the file, line and column.
@Suite struct CorpusTests {
  static let csvPath = FuzzInputs.root + "/traces/measurements/corpus.csv"

  @Test func bundledCorpusIsBroad() throws {
    let rows = Corpus.bundled.rows
    #expect(rows.count >= 200)
    #expect(Set(rows.map(\.device)).count >= 25)
    #expect(Set(rows.map(\.source)).count >= 5)
    let kinds = Set(rows.compactMap { Device.preset(named: $0.device)?.kind })
    #expect(kinds == Set(DeviceKind.allCases))
    #expect(Corpus.bundled.file == nil)
  }

  @Test func everyBundledRowIsSourced() {
    for row in Corpus.bundled.rows {
      #expect(!row.url.isEmpty, "\(row.id): no url")
      #expect(row.url.hasPrefix("https://") || row.url.hasPrefix("http://"), "\(row.id)")
      #expect(!row.locator.isEmpty, "\(row.id): no locator")
    }
  }

  @Test func compiledTextIsTheCSVFile() throws {
    let text = try String(contentsOfFile: Self.csvPath, encoding: .utf8)
    var trimmed = text
    while trimmed.hasSuffix("\n") { trimmed.removeLast() }
    #expect(Corpus.bundledText == trimmed, "run scripts/gen-corpus.sh")
    let read = try Corpus.read(path: Self.csvPath)
    #expect(read.rows == Corpus.bundled.rows)
    #expect(read.file == Self.csvPath)
  }

  // MARK: - Reading

  static let header = Corpus.columns.joined(separator: ",")

  /// A valid row; `cells` replaces columns by name.
  static func line(_ cells: [String: String] = [:]) -> String {
    let base: [String: String] = [
      "id": "t-1", "source": "test", "url": "https://example.com/bench", "locator": "table 1",
      "device": "rtx-4090", "runtime": "llama.cpp-cuda", "build": "", "model": "llama-3.1-8b",
      "weights": "Q4_0", "kv": "fp16", "flash_attn": "1", "batch": "1", "ubatch": "512",
      "threads": "", "prompt": "512", "generate": "0", "depth": "0", "metric": "pp_tok_s",
      "value": "1000.5", "note": "a note",
    ]
    let merged = base.merging(cells) { $1 }
    return Corpus.columns.map { merged[$0] ?? "" }.joined(separator: ",")
  }

  @Test func readsAValidFile() throws {
    let path = try Fixture.file(
      "corpus.csv",
      [
        Self.header, Self.line(),
        Self.line([
          "id": "t-2", "note": "\"two\nlines\"", "metric": "ttft_s", "value": "0.25",
          "threads": "8", "flash_attn": "", "build": "b1234",
        ]),
        Self.line(["id": "t-3"]),
      ].joined(separator: "\n") + "\n")
    let corpus = try Corpus.read(path: path)
    #expect(corpus.file == path)
    #expect(corpus.rows.map(\.id) == ["t-1", "t-2", "t-3"])
    let first = corpus.rows[0]
    #expect(first.device == "rtx-4090" && first.runtime == "llama.cpp-cuda")
    #expect(first.flashAttention == true && first.batch == 1 && first.ubatch == 512)
    #expect(first.threads == nil && first.build == nil)
    #expect(first.prompt == 512 && first.generate == 0 && first.depth == 0)
    #expect(first.metric == .ppTokS && first.value == 1000.5 && first.measured == 1000.5)
    #expect(first.line == 2)
    let second = corpus.rows[1]
    #expect(second.note == "two\nlines" && second.flashAttention == nil)
    #expect(second.threads == 8 && second.build == "b1234")
    #expect(second.measured == 250)
    // A row's line is the one it starts on.
    #expect(second.line == 3 && corpus.rows[2].line == 5)
  }

  static let malformed: [(name: String, text: String, path: String?, message: String)] = [
    (
      "unknown metric", header + "\n" + line(["metric": "pp_toks"]), "line 2, column metric",
      "unknown metric"
    ),
    (
      "non-numeric value", header + "\n" + line(["value": "fast"]), "line 2, column value",
      "not a positive number"
    ),
    (
      "negative value", header + "\n" + line(["value": "-3"]), "line 2, column value",
      "not a positive number"
    ),
    (
      "non-integer batch", header + "\n" + line(["batch": "two"]), "line 2, column batch",
      "not an integer in range"
    ),
    (
      "flash_attn not 0 or 1", header + "\n" + line(["flash_attn": "yes"]),
      "line 2, column flash_attn", "not 0 or 1"
    ),
    (
      "empty device", header + "\n" + line(["device": ""]), "line 2, column device",
      "empty value"
    ),
    (
      "missing header column",
      Corpus.columns.filter { $0 != "kv" }.joined(separator: ",") + "\n" + line(),
      "line 1, column 10", "not the corpus header"
    ),
    (
      "missing field",
      header + "\n" + line().split(separator: ",").dropLast().joined(separator: ","),
      "line 2", "wrong number of fields"
    ),
    (
      "duplicate id", header + "\n" + line() + "\n" + line(), "line 3, column id", "duplicate id"
    ),
    (
      "bad row after a multi-line note",
      header + "\n" + line(["note": "\"a\nb\""]) + "\n" + line(["id": "t-2", "metric": "tok_s"]),
      "line 4, column metric", "unknown metric"
    ),
    ("empty file", "", nil, "empty corpus file"),
  ]

  @Test(arguments: malformed.indices)
  func malformedFileNamesFileLineAndColumn(_ i: Int) throws {
    let bad = Self.malformed[i]
    let path = try Fixture.file("bad.csv", bad.text)
    do throws(LifeError) {
      _ = try Corpus.read(path: path)
      Issue.record("\(bad.name): no error")
    } catch {
      #expect(error.location.file == path, "\(bad.name)")
      #expect(error.location.path == bad.path, "\(bad.name): \(error)")
      #expect(error.message == bad.message, "\(bad.name): \(error)")
      #expect(error.kind == .failure)
    }
  }

  @Test func unknownMetricSuggestsTheClosest() throws {
    let path = try Fixture.file("bad.csv", Self.header + "\n" + Self.line(["metric": "tg_toks"]))
    do throws(LifeError) {
      _ = try Corpus.read(path: path)
      Issue.record("no error")
    } catch {
      #expect(error.suggestion == "tg_tok_s")
      #expect(error.got == "'tg_toks'")
    }
  }
}
