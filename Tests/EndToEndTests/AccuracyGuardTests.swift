import Foundation
import LifeTestSupport
import Testing
import Trace

/// `life validate` on the bundled corpus must not get worse than the
/// figures docs/accuracy.md records (its `accuracy-guard` line) by more
/// than one point in any median. The run is the release binary's
/// (`./scripts/test.sh` runs it once and passes its JSON in
/// `$LIFE_VALIDATE_JSON`); without it the test skips, and under `CI=true`
/// it fails.
@Suite struct AccuracyGuardTests {
  /// The medians docs/accuracy.md records: `zero_shot.tg=12.3 ...`.
  static func recorded() throws -> [String: Double] {
    let path = LifeBinary.packageRoot.appendingPathComponent("docs/accuracy.md").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    guard let line = text.split(separator: "\n").first(where: { $0.contains("accuracy-guard:") })
    else { return [:] }
    var figures: [String: Double] = [:]
    for field in line.split(separator: " ") {
      let parts = field.split(separator: "=")
      if parts.count == 2, let v = Double(parts[1]) { figures[String(parts[0])] = v }
    }
    return figures
  }

  @Test func mediansAreNoWorseThanRecorded() throws {
    guard let path = ExternalTools.environment["LIFE_VALIDATE_JSON"] else {
      if ExternalTools.isCI { Issue.record("LIFE_VALIDATE_JSON is not set under CI") }
      return
    }
    let recorded = try Self.recorded()
    #expect(recorded.count == 4, "docs/accuracy.md's accuracy-guard line: \(recorded)")
    let json = try JSONParser.parse(
      try String(contentsOfFile: path, encoding: .utf8), file: path)
    for (key, limit) in recorded.sorted(by: { $0.key < $1.key }) {
      let parts = key.split(separator: ".").map(String.init)
      guard parts.count == 2, let value = json[parts[0]]?[parts[1]]?.doubleValue else {
        Issue.record("\(key) is missing from life validate --json")
        continue
      }
      #expect(value <= limit + 1, "\(key): \(value) % now, \(limit) % recorded")
    }
  }
}
