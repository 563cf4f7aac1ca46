import Foundation
import LifeTestSupport
import Testing
import Trace

/// The command line against hostile inputs and outputs: special files,
/// doctored run directories, formula names, near-miss config keys, a full
/// standard output, a full disk, concurrent runs and oversized traces. Each
/// is a clear error (or warning) with the right exit code, never a hang or
/// a trap.
@Suite(.serialized) struct HostileInputTests {
  static let scenario = "traces/llama2-7b-bf16-int4.json"

  static func scratch() throws -> String { try SimulateSupport.directory() }

  // MARK: - Special files as inputs

  @Test func specialFilesAsInputsAreRefusedWithoutBlocking() throws {
    let dir = try Self.scratch()
    defer { SimulateSupport.remove(dir) }
    let entries = try SpecialFiles.make(in: dir)
    let run = dir + "/run"
    let made = try LifeBinary.run(
      ["simulate", Self.scenario, "--out", run, "--generate", "2", "--trace-detail", "step"])
    try #require(made.code == 0, "\(made)")
    for entry in entries {
      let lines: [[String]] = [
        ["forecast", "--model", entry.path, "--device", "h100-sxm", "--prompt", "4"],
        ["forecast", "--model", "llama-2-7b", "--device", entry.path, "--prompt", "4"],
        ["simulate", entry.path, "--out", dir + "/o"],
        [
          "calibrate", "--model", "llama-2-7b", "--device", "h100-sxm", "--measurements",
          entry.path, "--out", dir + "/c.json",
        ],
      ]
      for line in lines {
        let result = try LifeBinary.run(line, timeout: 30)
        #expect(result.code == 1 || result.code == 2, "\(line): \(result)")
        #expect(result.err.hasPrefix("error: "), "\(line): \(result)")
        #expect(!result.err.contains("Backtrace"), "\(line): \(result)")
        if entry.kind != nil {
          #expect(
            result.err.contains("not a regular file (got \(entry.kind!)"), "\(line): \(result)")
        }
      }
    }
    // A run directory whose timeline is a FIFO.
    try FileManager.default.removeItem(atPath: run + "/timeline.json")
    mkfifo(run + "/timeline.json", 0o644)
    try FileManager.default.removeItem(atPath: run + "/manifest.json")
    let result = try LifeBinary.run(["compare", run, run, "--out", dir + "/cmp"], timeout: 30)
    #expect(result.code == 1, "\(result)")
    #expect(
      result.err.hasPrefix(
        "error: \(run)/timeline.json: not a regular file (got a FIFO (named pipe)"), "\(result)")
  }

  // MARK: - Special files and inputs as outputs

  @Test func outputsThatAreNotRegularFilesOrAreInputsAreRefused() throws {
    let dir = try Self.scratch()
    defer { SimulateSupport.remove(dir) }
    let out = dir + "/out"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    mkfifo(out + "/ops.csv", 0o644)
    var result = try LifeBinary.run(["simulate", Self.scenario, "--out", out, "--generate", "2"])
    #expect(result.code == 1, "\(result)")
    #expect(
      result.err.hasPrefix(
        "error: \(out)/ops.csv: not a regular file (got a FIFO (named pipe); expected a regular file written by life"
      ), "\(result)")
    unlink(out + "/ops.csv")
    symlink("/dev/null", out + "/summary.json")
    result = try LifeBinary.run(["simulate", Self.scenario, "--out", out, "--generate", "2"])
    #expect(result.code == 1, "\(result)")
    #expect(
      result.err.contains("summary.json: not a regular file (got a symbolic link"), "\(result)")
    unlink(out + "/summary.json")
    for device in ["/dev/null", "/dev/full"] {
      result = try LifeBinary.run(["simulate", Self.scenario, "--out", device, "--generate", "2"])
      #expect(result.code == 1, "\(result)")
      #expect(
        result.err.hasPrefix("error: --out: not a directory (got '\(device)' (a character device)"),
        "\(result)")
    }
    // The scenario inside the output directory, named as an output.
    let copy = out + "/report.html"
    try FileManager.default.copyItem(
      atPath: LifeBinary.packageRoot.path + "/" + Self.scenario, toPath: copy)
    result = try LifeBinary.run(["simulate", copy, "--out", out, "--generate", "2"])
    #expect(result.code == 1, "\(result)")
    #expect(
      result.err.hasPrefix(
        "error: \(out)/report.html: the output would replace an input of this run"),
      "\(result)")
    #expect(try SimulateSupport.text(copy).contains("\"version\""))
  }

  /// `calibrate --out` is one file: never a device, never its own input.
  @Test func calibrateOutputIsARegularFileOfItsOwn() throws {
    let dir = try Self.scratch()
    defer { SimulateSupport.remove(dir) }
    let csv = dir + "/runs.csv"
    try FileManager.default.copyItem(
      atPath: LifeBinary.packageRoot.path + "/traces/measurements/ryzen-ai-max-395-npu.csv",
      toPath: csv)
    let before = try SimulateSupport.text(csv)
    for (out, expected) in [
      ("/dev/null", "error: /dev/null: not a regular file (got a character device"),
      (csv, "error: \(csv): the output would replace an input of this run"),
    ] {
      let result = try LifeBinary.run([
        "calibrate", "--model", "llama-2-7b", "--device", "ryzen-ai-max-395-npu",
        "--measurements", csv, "--out", out,
      ])
      #expect(result.code == 1, "\(result)")
      #expect(result.err.hasPrefix(expected), "\(result)")
    }
    #expect(try SimulateSupport.text(csv) == before)
  }

  @Test func compareOutThroughALinkToAnInputIsRefused() throws {
    let dir = try Self.scratch()
    defer { SimulateSupport.remove(dir) }
    for name in ["a", "b"] {
      let made = try LifeBinary.run([
        "simulate", Self.scenario, "--out", dir + "/" + name, "--generate", "2",
        "--trace-detail", "step",
      ])
      try #require(made.code == 0)
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/a/timeline.json"))
    symlink(dir + "/a", dir + "/link")
    let result = try LifeBinary.run(["compare", dir + "/a", dir + "/b", "--out", dir + "/link"])
    #expect(result.code == 2, "\(result)")
    #expect(
      result.err.hasPrefix("error: --out: the output directory is one of the run directories"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a/timeline.json")) == before)
  }

  // MARK: - Doctored run directories

  /// Events a run directory's timeline.json may be doctored with, and what
  /// `compare` says (every one names the file and the event).
  static let doctoredEvents: [(String, String)] = [
    (
      "{\"name\":\"x\",\"ph\":\"X\",\"ts\":0,\"dur\":1,\"pid\":9223372036854775807,\"tid\":1}",
      "traceEvents[0].pid: integer out of range (got 9223372036854775807"
    ),
    (
      "{\"name\":\"x\",\"ph\":\"X\",\"ts\":0,\"dur\":1,\"pid\":-9223372036854775808,\"tid\":1}",
      "traceEvents[0].pid: integer out of range (got -9223372036854775808"
    ),
    (
      "{\"name\":\"x\",\"ph\":\"X\",\"ts\":0,\"dur\":1,\"pid\":1000000000000000000,\"tid\":1}",
      "traceEvents[0].pid: integer out of range (got 1000000000000000000"
    ),
    (
      "{\"name\":\"x\",\"ph\":\"X\",\"ts\":0,\"dur\":1,\"pid\":1,\"tid\":9223372036854775807}",
      "traceEvents[0].tid: integer out of range"
    ),
    (
      "{\"name\":\"f\",\"ph\":\"s\",\"ts\":0,\"pid\":1,\"tid\":11,\"bind_id\":-1}",
      "traceEvents[0].bind_id: integer out of range (got -1"
    ),
    (
      "{\"name\":\"f\",\"ph\":\"s\",\"ts\":0,\"pid\":1,\"tid\":11,\"id\":1e300}",
      "traceEvents[0].id: integer too large"
    ),
    (
      "{\"name\":\"x\",\"ph\":\"X\",\"ts\":NaN,\"dur\":1,\"pid\":1,\"tid\":11}",
      "traceEvents[0]: invalid JSON: expected a value (got 'NaN"
    ),
    (
      "{\"name\":\"x\",\"ph\":\"X\",\"ts\":1e999,\"dur\":1,\"pid\":1,\"tid\":11}",
      "traceEvents[0].ts: number out of range (got inf"
    ),
    ("[1,2,3]", "traceEvents[0]: not a trace event (got an array of 3; expected a JSON object)"),
    ("\"garbage\"", "traceEvents[0]: not a trace event (got 'garbage'"),
    ("{\"name\":\"x\",\"pid\":1}", "traceEvents[0].ph: missing required field"),
    ("{\"name\":\"x\",\"ph\":\"X\",\"pid\":\"1\"}", "traceEvents[0].pid: wrong type"),
    (
      "{\"name\":\"caf\u{E9}\",\"ph\":\"X\",\"pid\":1,\"pid\":2}",
      "traceEvents[0]: invalid JSON: duplicate key 'pid'"
    ),
  ]

  @Test func doctoredTimelinesAreRefusedNamingTheEvent() throws {
    let dir = try Self.scratch()
    defer { SimulateSupport.remove(dir) }
    for name in ["a", "b"] {
      let made = try LifeBinary.run([
        "simulate", Self.scenario, "--out", dir + "/" + name, "--generate", "2",
        "--trace-detail", "step",
      ])
      try #require(made.code == 0)
    }
    let original = try SimulateSupport.text(dir + "/a/timeline.json")
    for (event, expected) in Self.doctoredEvents {
      let doctored = original.replacingOccurrences(
        of: "{\"traceEvents\":[\n", with: "{\"traceEvents\":[\n" + event + ",\n")
      try doctored.write(toFile: dir + "/a/timeline.json", atomically: true, encoding: .utf8)
      // The manifest would refuse a changed size first: a hand-made
      // directory has none.
      try? FileManager.default.removeItem(atPath: dir + "/a/manifest.json")
      let result = try LifeBinary.run(["compare", dir + "/a", dir + "/b", "--out", dir + "/c"])
      #expect(result.code == 1, "\(event): \(result)")
      #expect(
        result.err.hasPrefix("error: \(dir)/a/timeline.json: " + expected), "\(event): \(result)")
      #expect(!FileManager.default.fileExists(atPath: dir + "/c/timeline.json"))
    }
    // With the manifest kept, a changed file is refused before it is read.
    let fresh = try LifeBinary.run([
      "simulate", Self.scenario, "--out", dir + "/a", "--generate", "2", "--trace-detail", "step",
    ])
    try #require(fresh.code == 0)
    try (original + " ").write(toFile: dir + "/a/timeline.json", atomically: true, encoding: .utf8)
    let result = try LifeBinary.run(["compare", dir + "/a", dir + "/b", "--out", dir + "/c"])
    #expect(result.code == 1)
    #expect(
      result.err.hasPrefix("error: \(dir)/a/timeline.json: does not match the run's manifest.json"),
      "\(result)")
  }

  // MARK: - Formula names in CSV files

  @Test func formulaNamesAreNeutralisedInCSV() throws {
    let dir = try Self.scratch()
    defer { SimulateSupport.remove(dir) }
    let scenario = """
      {"version": 1, "name": "=HYPERLINK(\\"http://evil\\",\\"x\\")", "model": "llama-3.2-1b",
       "workload": {"prompt": 16, "generate": 2},
       "devices": {"d": {"name": "+cmd", "kind": "gpu", "peak_tops": {"default": 100},
                         "bandwidth_gb_s": 1000}},
       "mapping": {"prefill": "d", "decode": "d"},
       "compare": [{"name": "@SUM(A1)"}, {"name": "-2+3"}]}
      """
    try scenario.write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
    let result = try LifeBinary.run(["simulate", dir + "/s.json", "--out", dir + "/out"])
    #expect(result.code == 0, "\(result)")
    let csv = try SimulateSupport.text(dir + "/out/compare.csv")
    #expect(csv.contains("\n\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","))
    #expect(csv.contains("\n'@SUM(A1),"))
    #expect(csv.contains("\n'-2+3,"))
    for line in csv.split(separator: "\n") {
      for cell in line.split(separator: ",") {
        #expect(!["=", "+", "@"].contains(cell.first.map(String.init) ?? ""), "\(cell)")
      }
    }
  }

  // MARK: - Near-miss config keys

  @Test func nearMissConfigKeysWarn() throws {
    let dir = try Self.scratch()
    defer { SimulateSupport.remove(dir) }
    var config = try SimulateSupport.text(
      LifeBinary.packageRoot.path + "/traces/models/llama-3.1-8b/config.json")
    config = config.replacingOccurrences(of: "\"num_key_value_heads\"", with: "\"num_kv_heads\"")
    try config.write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
    let result = try LifeBinary.run([
      "forecast", "--model", dir + "/config.json", "--device", "h100-sxm", "--prompt", "8",
      "--json",
    ])
    #expect(result.code == 0, "\(result)")
    let warning =
      "\(dir)/config.json: unknown key 'num_kv_heads' is ignored; did you mean 'num_key_value_heads'?"
    #expect(result.err.contains("warning: " + warning), "\(result)")
    let json = try JSONParser.parse(result.out, file: nil)
    #expect(json["warnings"]?.arrayValue.contains(.string(warning)) == true)
  }

  // MARK: - Full outputs

  @Test func aFullStandardOutputIsAFailure() throws {
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    let result = try LifeBinary.run(
      ["forecast", "--model", "llama-2-7b", "--device", "h100-sxm", "--prompt", "16", "--json"],
      standardOutput: "/dev/full")
    #expect(result.code == 1, "\(result)")
    #expect(result.err == "error: cannot write to standard output: No space left on device\n")
  }

  /// A file-size limit stands in for a full disk: the write fails at once
  /// and the run stops there, though it was to trace a million steps.
  @Test func aFullDiskStopsTheRunWhenItHappens() throws {
    guard let binary = LifeBinary.url else { return }
    let dir = try Self.scratch()
    defer { SimulateSupport.remove(dir) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [
      "-c", "trap '' XFSZ; ulimit -f 4096; exec \"$0\" \"$@\"", binary.path, "simulate",
      LifeBinary.packageRoot.path + "/" + Self.scenario, "--out", dir + "/out", "--generate",
      "1000000", "--trace-steps", "all", "--force",
    ]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(120)
    while process.isRunning, Date() < deadline { usleep(20_000) }
    let stillRunning = process.isRunning
    if stillRunning { process.terminate() }
    process.waitUntilExit()
    #expect(!stillRunning, "the run went on after its output failed")
    let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 1, "\(err)")
    #expect(
      err.hasPrefix("error: \(dir)/out/timeline.json: write failed: File too large"), "\(err)")
    let left = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/out")) ?? []
    #expect(left.isEmpty, "\(left)")
  }

  @Test func anOversizedTimelineIsRefusedUnlessForced() throws {
    let dir = try Self.scratch()
    defer { SimulateSupport.remove(dir) }
    let result = try LifeBinary.run([
      "simulate", Self.scenario, "--out", dir + "/out", "--generate", "1000000", "--trace-steps",
      "all",
    ])
    #expect(result.code == 2, "\(result)")
    #expect(
      result.err.hasPrefix("error: --trace-steps: the timeline would be too large (got about "),
      "\(result)")
    #expect(result.err.contains("give --force"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/out"), "refused, yet created --out")
  }

  // MARK: - Concurrent runs

  @Test func aSecondRunIntoTheSameDirectoryIsRefused() throws {
    guard let binary = LifeBinary.url else { return }
    let dir = try Self.scratch()
    defer { SimulateSupport.remove(dir) }
    let out = dir + "/out"
    let first = Process()
    first.executableURL = binary
    first.currentDirectoryURL = LifeBinary.packageRoot
    first.arguments = [
      "simulate", Self.scenario, "--out", out, "--generate", "1000000", "--trace-detail", "step",
    ]
    first.standardOutput = FileHandle.nullDevice
    first.standardError = FileHandle.nullDevice
    try first.run()
    defer {
      if first.isRunning { kill(first.processIdentifier, SIGKILL) }
      first.waitUntilExit()
    }
    let deadline = Date().addingTimeInterval(60)
    while first.isRunning, !FileManager.default.fileExists(atPath: out + "/.life.lock"),
      Date() < deadline
    {
      usleep(10_000)
    }
    try #require(first.isRunning, "the first run ended before the second started")
    let second = try LifeBinary.run(["simulate", Self.scenario, "--out", out, "--generate", "2"])
    #expect(second.code == 1, "\(second)")
    #expect(
      second.err.hasPrefix(
        "error: --out: another life run is writing into this directory (got '\(out)' (process \(first.processIdentifier))"
      ), "\(second)")
  }

  // MARK: - Control characters

  @Test func controlCharactersInErrorsAreEscaped() throws {
    let result = try LifeBinary.run([
      "forecast", "--model", "llama-2-7b\u{1B}[31mred", "--device", "h100-sxm", "--prompt", "4",
    ])
    #expect(result.code == 2, "\(result)")
    #expect(!result.err.contains("\u{1B}"))
    #expect(result.err.contains("\\u{1B}[31mred"), "\(result)")
  }
}
