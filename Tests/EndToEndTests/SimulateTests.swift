import Foundation
import LifeTestSupport
import Testing
import Trace

/// `life simulate`: bad inputs, overrides, and what an interrupted run
/// leaves behind.
@Suite struct SimulateTests {
  static let hybrid = SimulateSupport.scenarioPath("llama-2-7b-ryzen-ai-hybrid.json")

  /// Writes a scenario file into `dir`.
  static func scenario(_ text: String, in dir: String, name: String = "s.json") throws -> String {
    let path = dir + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static let small = """
    {"name": "small <b>&</b>", "model": "llama-3.2-1b", "workload": {"prompt": 32, "generate": 3},
     "devices": {"gpu": "h100-sxm"}}
    """

  @Test func missingScenarioFile() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let result = try LifeBinary.run(["simulate", dir + "/nope.json", "--out", dir + "/out"])
    #expect(result.code == 1, "\(result)")
    #expect(result.err == "error: \(dir)/nope.json: no such file\n", "\(result)")
    #expect(result.out.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: dir + "/out"), "no output directory on failure")
  }

  @Test func unknownKeyNamesTheFileAndSuggests() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let path = try Self.scenario(
      Self.small.replacingOccurrences(of: "\"devices\"", with: "\"device\""), in: dir)
    let result = try LifeBinary.run(["simulate", path, "--out", dir + "/out"])
    #expect(result.code == 1, "\(result)")
    #expect(result.err.hasPrefix("error: \(path): "), "\(result)")
    #expect(result.err.contains("did you mean 'devices'?"), "\(result)")
    #expect(result.err.split(separator: "\n").count == 1)
  }

  @Test func unknownModelPresetNamesTheScenario() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let path = try Self.scenario(
      Self.small.replacingOccurrences(of: "llama-3.2-1b", with: "llama-3.2-1c"), in: dir)
    let result = try LifeBinary.run(["simulate", path, "--out", dir + "/out"])
    #expect(result.code == 1, "\(result)")
    #expect(result.err.hasPrefix("error: \(path)"), "\(result)")
    #expect(result.err.contains("llama-3.2-1"), "\(result)")
  }

  /// A workload that cannot be built from the file's options names the
  /// file and the option; the same value given as a flag names the flag.
  @Test func workloadErrorsNameTheScenario() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let path = try Self.scenario(
      Self.small.replacingOccurrences(
        of: "\"devices\"", with: "\"options\": {\"attention\": \"gqa:3\"}, \"devices\""),
      in: dir)
    var result = try LifeBinary.run(["simulate", path, "--out", dir + "/out"])
    #expect(result.code == 1, "\(result)")
    #expect(result.err.hasPrefix("error: \(path): options.attention: "), "\(result)")
    result = try LifeBinary.run(["simulate", path, "--out", dir + "/out", "--attention", "gqa:5"])
    #expect(result.code == 2, "\(result)")
    #expect(result.err.hasPrefix("error: --attention: "), "\(result)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/summary.json"))
  }

  @Test func outIsAFile() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let path = try Self.scenario(Self.small, in: dir)
    let file = dir + "/a-file"
    try "x".write(toFile: file, atomically: true, encoding: .utf8)
    let result = try LifeBinary.run(["simulate", path, "--out", file])
    #expect(result.code == 1, "\(result)")
    #expect(
      result.err.hasPrefix("error: --out: not a directory (got '\(file)' (a file)"), "\(result)")
    #expect(try SimulateSupport.text(file) == "x")
  }

  @Test func badOverrideIsAUsageError() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let path = try Self.scenario(Self.small, in: dir)
    let result = try LifeBinary.run([
      "simulate", path, "--out", dir + "/out", "--trace-steps", "3-1",
    ])
    #expect(result.code == 2, "\(result)")
    #expect(result.err.hasPrefix("error: --trace-steps: "), "\(result)")
  }

  /// Flags override the file; --gzip replaces timeline.json; files of
  /// others stay; names from the scenario are escaped in the report.
  @Test func overridesGzipAndOtherFiles() throws {
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let path = try Self.scenario(Self.small, in: dir)
    let out = dir + "/nested/out"
    var result = try LifeBinary.run(["simulate", path, "--out", out])
    #expect(result.code == 0, "\(result)")
    try "mine".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
    result = try LifeBinary.run([
      "simulate", path, "--out", out, "--generate", "5", "--model", "llama-3.2-3b", "--gzip",
    ])
    #expect(result.code == 0, "\(result)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(
      files == [
        "manifest.json", "notes.txt", "ops.csv", "report.html", "steps.csv", "summary.json",
        "timeline.json.gz",
      ])
    let summary = try SimulateSupport.json(out + "/summary.json")
    #expect(summary["tpot_ms"]?.arrayValue.count == 5)
    #expect(summary["model"]?["name"]?.stringValue == "llama-3.2-3b")
    #expect(result.out.contains(out + "/timeline.json.gz"))
    let report = try SimulateSupport.text(out + "/report.html")
    #expect(report.contains("small &lt;b&gt;&amp;&lt;/b&gt;"))
    #expect(!report.contains("<b>&</b>"))
  }

  /// A run killed with SIGKILL while it writes a large timeline leaves the
  /// previous outputs byte for byte; its temporary file is a dotfile that
  /// the next run removes.
  @Test func interruptedRunLeavesPreviousOutputs() throws {
    guard let binary = LifeBinary.url else {
      Issue.record(Comment(rawValue: LifeBinary.missingMessage))
      return
    }
    let dir = try SimulateSupport.directory()
    defer { SimulateSupport.remove(dir) }
    let out = dir + "/out"
    let first = try LifeBinary.run(["simulate", Self.hybrid, "--out", out, "--generate", "4"])
    #expect(first.code == 0, "\(first)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    var before: [String: Data] = [:]
    for name in names {
      before[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
    }

    let process = Process()
    process.executableURL = binary
    process.arguments = [
      "simulate", SimulateSupport.scenarioPath("long-context.json"), "--out", out,
      "--trace-detail", "op", "--trace-steps", "all",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait until the timeline's temporary file exists, then a little more.
    let deadline = Date().addingTimeInterval(60)
    func temporaries() -> [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter {
        $0.contains(".tmp-")
      }
    }
    while process.isRunning, temporaries().isEmpty, Date() < deadline { usleep(10_000) }
    usleep(300_000)
    #expect(process.isRunning, "the run finished before it could be interrupted")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()

    let after = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(after.filter { !$0.hasPrefix(".") } == names, "no new visible files")
    for name in names {
      let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
      #expect(data == before[name], "\(name) changed")
    }
    let stale = after.filter { $0.hasPrefix(".") }
    #expect(stale.allSatisfy { $0.contains(".tmp-") || $0 == ".life.lock" }, "\(stale)")

    // The next run cleans the dead run's temporary files.
    let next = try LifeBinary.run([
      "simulate", Self.hybrid, "--out", out, "--generate", "2", "--trace-detail", "step",
    ])
    #expect(next.code == 0, "\(next)")
    let final = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(final == names, "\(final)")
  }
}
