import Foundation
import LifeTestSupport
import Testing
import Timeline

/// Opens report.html in headless Chromium. Skipped outside CI when Chromium
/// is missing.
@Suite(.enabled(if: ExternalTools.runChromium, Comment(rawValue: ExternalTools.skipNote)))
struct ReportChromiumTests {
  @Test func reportRendersTheTPOTCurveWithoutConsoleErrors() throws {
    guard let chromium = ExternalTools.chromium else {
      Issue.record("chromium not found; \(ExternalTools.skipNote)")
      return
    }
    let dir = try TestFiles.directory()
    defer { TestFiles.remove(dir) }
    try OutputSetTests.write(FakeRun(), into: dir)
    let report = dir + "/report.html"
    let result = try ExternalTools.run(
      chromium,
      [
        "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--enable-logging=stderr",
        "--v=0", "--user-data-dir=\(dir)/chromium-profile", "--dump-dom", "file://" + report,
      ])
    #expect(result.status == 0, "chromium failed: \(result.err)")
    #expect(result.out.contains("id=\"tpot-curve\""), "no TPOT polyline in the DOM")
    #expect(result.out.contains("<svg"))
    #expect(!result.err.contains("Uncaught"), "\(result.err)")
    #expect(!result.err.contains(":CONSOLE"), "\(result.err)")
  }
}
