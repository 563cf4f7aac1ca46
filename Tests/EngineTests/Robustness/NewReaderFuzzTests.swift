import Engine
import Foundation
import LifeTestSupport
import Testing
import Trace

/// Seeded byte-level mutations of the readers that came with serving and
/// llama-bench calibration: requests files (JSON Lines) and measurements
/// files (LIFE's CSV and llama-bench's csv, json, jsonl and md output).
/// Invalid input is an error that names the file; valid input gives
/// finite, in-range values. A trap kills the test process.
@Suite struct NewReaderFuzzTests {
  static let casesPerFile = 60

  static var measurementFiles: [String] {
    let root = FuzzInputs.root
    var files = FuzzInputs.measurements
    let fixtures = root + "/Tests/EngineTests/Calibration/Fixtures"
    for name in ((try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? []).sorted()
    where name != "SOURCES.md" {
      files.append(fixtures + "/" + name)
    }
    return files
  }

  static func scratch() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-fuzz-\(UInt64.random(in: 0...UInt64.max))").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func mutatedMeasurementFilesAreReadOrRefusedWithAPlace() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let files = Self.measurementFiles
    #expect(files.count >= 4)
    var refused = 0
    var read = 0
    for path in files {
      let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
      let target = dir + "/" + (path as NSString).lastPathComponent
      for index in 0..<Self.casesPerFile {
        var fuzz = ByteFuzz(seed: ByteFuzz.seed((path as NSString).lastPathComponent, index))
        try Data(fuzz.mutate(original)).write(to: URL(fileURLWithPath: target))
        do {
          let rows = try MeasurementsFile.read(path: target)
          read += 1
          for row in rows {
            #expect(row.value.isFinite && row.value > 0, "\(row)")
            #expect(row.prompt >= 0 && row.generate >= 0)
          }
        } catch {
          refused += 1
          FuzzTests.checkError(error, input: target)
          #expect(error.location.file == target, "\(error)")
        }
      }
    }
    #expect(refused > 0 && read > 0, "refused \(refused), read \(read)")
  }

  @Test func mutatedRequestFilesAreReadOrRefusedWithAPlace() {
    var lines: [String] = []
    for i in 0..<12 {
      lines.append(
        "{\"arrival_s\": \(Double(i) * 0.25), \"prompt_tokens\": \(16 * (i + 1)), \"output_tokens\": \(i + 1)}"
      )
    }
    let original = Array((lines.joined(separator: "\n") + "\n").utf8)
    var refused = 0
    var read = 0
    for index in 0..<600 {
      var fuzz = ByteFuzz(seed: ByteFuzz.seed("requests.jsonl", index))
      let bytes = fuzz.mutate(original)
      do {
        let requests = try RequestFile.parse(bytes, file: "r.jsonl")
        read += 1
        for request in requests {
          #expect(request.arrival.isFinite && request.arrival >= 0, "\(request)")
          #expect(request.promptTokens >= 0 && request.outputTokens >= 0, "\(request)")
        }
      } catch {
        refused += 1
        FuzzTests.checkError(error, input: String(decoding: bytes, as: UTF8.self))
        #expect(error.location.file == "r.jsonl", "\(error)")
      }
    }
    #expect(refused > 0 && read > 0, "refused \(refused), read \(read)")
  }
}
