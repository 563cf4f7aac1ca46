import Foundation
import Timeline
import Trace

/// `life compare RUN_DIR... --out DIR`: put finished runs side by side.
struct CompareCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "compare",
    abstract: "Put finished runs side by side: one timeline, a comparison table and report.",
    discussion: "Each RUN_DIR is an output directory of 'life simulate'. Writes timeline.json,"
      + " compare.csv and compare.html into --out.",
    positionals: [
      PositionalSpec(
        name: "RUN_DIR", help: "run directories written by 'life simulate'", minimumCount: 2,
        isRepeating: true)
    ],
    flags: [
      .option("out", "DIR", "the output directory", values: "a directory path", required: true)
    ],
    examples: ["compare out/hybrid out/all-igpu out/all-npu --out out/compare"])

  /// The run directories (each written by `life simulate`), in order.
  var runs: [String]
  /// The output directory.
  var out: String

  init(runs: [String], out: String) {
    self.runs = runs
    self.out = out
  }

  init(_ arguments: ParsedArguments) throws(LifeError) {
    self.init(runs: arguments.positionals, out: try arguments.requiredText("out"))
  }

  /// Reads each run directory's summary.json and timeline, writes one
  /// timeline with a group of processes per run, compare.csv and
  /// compare.html into `--out`, and prints a line per run.
  func run(console: Console) throws(LifeError) {
    var rows: [CompareRow] = []
    var timelines: [String] = []
    for runDirectory in runs {
      let (row, timeline) = try Self.readRun(runDirectory)
      rows.append(row)
      timelines.append(timeline)
    }
    // Two runs of one scenario: tell them apart by their directories.
    var seen: [String: Int] = [:]
    for row in rows { seen[row.label, default: 0] += 1 }
    for index in rows.indices where (seen[rows[index].label] ?? 0) > 1 {
      rows[index].label += " (\(rows[index].run))"
    }

    let outURL = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath()
    for runDirectory in runs
    where URL(fileURLWithPath: runDirectory).standardizedFileURL.resolvingSymlinksInPath() == outURL
    {
      throw LifeError.usage(
        .argument("--out"), "the output directory is one of the run directories",
        got: "'\(out)'", expected: "a directory of its own")
    }
    let directory = try OutputDirectory.prepare(out)
    OutputDirectory.removeStaleTemporaries(in: directory)
    let timelinePath = (directory as NSString).appendingPathComponent("timeline.json")
    let sources = zip(rows, timelines).map { TimelineSource(path: $1, prefix: $0.label + " · ") }
    try TimelineMerge.write(sources, to: timelinePath)
    OutputDirectory.removeStale("timeline.json.gz", in: directory)
    let written =
      [timelinePath]
      + (try CompareFiles.write(rows, title: "LIFE comparison", directory: directory))

    func ms(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }
    var table: [[String]] = []
    for row in rows {
      table.append([
        row.label, ms(row.ttftMs), ms(row.tpotMsMean),
        row.tps.map { String(format: "%.2f", $0) } ?? "n/a",
        ms(row.e2eMs), row.boundPrefill, row.boundDecode.isEmpty ? "-" : row.boundDecode,
        row.fits.map { $0 ? "yes" : "no" } ?? "-",
      ])
    }
    console.write(
      TextTable.render(
        header: ["run", "ttft_ms", "tpot_ms_mean", "tps", "e2e_ms", "prefill", "decode", "fits"],
        rows: table))
    console.print("Wrote " + written.joined(separator: ", ") + ".")
  }

  /// A run directory's comparison row and timeline path; clear errors for
  /// a missing directory or file and a summary of the wrong shape.
  static func readRun(_ directory: String) throws(LifeError) -> (CompareRow, String) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
      throw LifeError.file(
        directory, path: nil, "no such run directory",
        expected: "a directory written by 'life simulate'")
    }
    guard isDirectory.boolValue else {
      throw LifeError.file(
        directory, path: nil, "not a directory", expected: "a directory written by 'life simulate'")
    }
    let summaryPath = (directory as NSString).appendingPathComponent("summary.json")
    guard FileManager.default.fileExists(atPath: summaryPath) else {
      throw LifeError.file(
        summaryPath, path: nil, "no such file", expected: "summary.json written by 'life simulate'")
    }
    let json = try JSONParser.parse(try FileInput.readText(summaryPath), file: summaryPath)
    let row = try CompareRow(forecast: json, run: directory, file: summaryPath)
    let candidates = ["timeline.json", "timeline.json.gz"].map {
      (directory as NSString).appendingPathComponent($0)
    }
    guard let timeline = candidates.first(where: { FileManager.default.fileExists(atPath: $0) })
    else {
      throw LifeError.file(
        candidates[0], path: nil, "no such file",
        expected: "timeline.json or timeline.json.gz written by 'life simulate'")
    }
    return (row, timeline)
  }
}
