import Foundation
import LifeTestSupport
import Testing

@testable import Trace

/// Seeded byte-level mutations of every bundled JSON file through the one
/// JSON parser: ill-formed UTF-8, absurd numbers, broken structure. Invalid
/// input is an error that names the file (and, for syntax, the line and
/// column); valid input round-trips. A trap kills the test process.
@Suite struct JSONFuzzTests {
  static let casesPerFile = 120

  static var files: [String] {
    let root = ExternalTools.packageRoot
    let manager = FileManager.default
    var out: [String] = []
    for folder in ["traces", "traces/devices"] {
      for name in ((try? manager.contentsOfDirectory(atPath: root + "/" + folder)) ?? []).sorted()
      where name.hasSuffix(".json") {
        out.append(root + "/" + folder + "/" + name)
      }
    }
    for name in ((try? manager.contentsOfDirectory(atPath: root + "/traces/models")) ?? []).sorted()
    {
      let path = root + "/traces/models/" + name + "/config.json"
      if manager.fileExists(atPath: path) { out.append(path) }
    }
    return out
  }

  @Test func mutatedFilesAreParsedOrRefusedWithAPlace() throws {
    let files = Self.files
    #expect(files.count >= 20)
    var refused = 0
    var accepted = 0
    for path in files {
      let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
      for index in 0..<Self.casesPerFile {
        var fuzz = ByteFuzz(seed: ByteFuzz.seed((path as NSString).lastPathComponent, index))
        let bytes = fuzz.mutate(original)
        do {
          let value = try JSONParser.parse(bytes, file: "f.json")
          accepted += 1
          #expect(UTF8Check.firstInvalid(bytes[...]) == nil, "accepted ill-formed UTF-8")
          if (try? JSONFormat.checkFinite(value)) != nil {
            #expect(try JSONParser.parse(JSONFormat.text(value), file: nil) == value)
          }
        } catch {
          refused += 1
          #expect(error.location.file == "f.json", "\(error)")
          #expect(!error.message.isEmpty)
          #expect(!error.rendered.contains("\n"), "multi-line: \(error.rendered)")
        }
      }
    }
    #expect(refused > 0 && accepted > 0, "refused \(refused), accepted \(accepted)")
  }

  /// The UTF-8 check agrees with the standard library's validation on
  /// random short byte strings weighted to the bytes that matter.
  @Test func utf8CheckAgreesWithTheStandardLibrary() {
    var fuzz = ByteFuzz(seed: 19)
    let interesting: [UInt8] = [
      0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
      0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
    ]
    for _ in 0..<200_000 {
      let count = 1 + fuzz.index(6)
      let bytes = (0..<count).map { _ in
        fuzz.index(3) == 0
          ? UInt8(truncatingIfNeeded: fuzz.next()) : interesting[fuzz.index(interesting.count)]
      }
      let ours = UTF8Check.firstInvalid(bytes[...]) == nil
      let standard = String(validating: bytes, as: UTF8.self) != nil
      #expect(ours == standard, "\(bytes.map { String($0, radix: 16) })")
      if ours != standard { return }
    }
  }
}
