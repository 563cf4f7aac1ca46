import Engine
import Foundation
import LifeTestSupport
import Testing
import Trace

/// A FIFO, a socket, a character device and a directory given as a device
/// file, a scenario, a model inside a scenario and a measurements CSV: each
/// is refused at once, by name, never read (a FIFO with no writer would
/// block an ordinary open forever).
@Suite struct EngineSpecialFileTests {
  static func entries() throws -> (dir: String, entries: [SpecialFiles.Entry]) {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-special-\(UInt64.random(in: 0...UInt64.max))").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return (dir, try SpecialFiles.make(in: dir))
  }

  @Test func readersRefuseSpecialFilesWithoutBlocking() throws {
    let readers: [(String, @Sendable (String) throws -> Void)] = [
      ("Device.load", { _ = try Device.load(path: $0) }),
      ("Scenario.load", { _ = try Scenario.load(path: $0) }),
      ("MeasurementsCSV.read", { _ = try MeasurementsCSV.read(path: $0) }),
    ]
    for entry in try Self.entries().entries {
      for (name, read) in readers {
        let outcome = SpecialFiles.outcome { try read(entry.path) }
        #expect(outcome != nil, "\(name) blocked on \(entry)")
        #expect(outcome == SpecialFiles.message(for: entry), "\(name), \(entry)")
      }
    }
  }

  /// A scenario naming a FIFO as its device: the error is the FIFO's.
  @Test func scenarioDeviceThatIsAFIFO() throws {
    let (dir, entries) = try Self.entries()
    let scenario = dir + "/s.json"
    try """
    {"model": "llama-3.2-1b", "workload": {"prompt": 4},
     "devices": {"d": "fifo.json"}}
    """.write(toFile: scenario, atomically: true, encoding: .utf8)
    let outcome = SpecialFiles.outcome { _ = try Scenario.load(path: scenario) }
    #expect(outcome == SpecialFiles.message(for: entries[0]))
  }
}
