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

    let outIdentity = FileInput.identity(out)
    if outIdentity != nil, runs.contains(where: { FileInput.identity($0) == outIdentity }) {
      throw LifeError.usage(
        .parameter(.out), "the output directory is one of the run directories",
        got: "'\(out)'", expected: "a directory of its own")
    }
    let transaction = try OutputTransaction(
      directory: out, owned: Self.outputNames, inputs: runs + timelines)
    var written: [String] = []
    do throws(LifeError) {
      let timelinePath = transaction.path(OutputSet.FileName.timeline)
      let sources = zip(rows, timelines).map { TimelineSource(path: $1, prefix: $0.label + " · ") }
      try TimelineMerge.write(sources, to: timelinePath, in: transaction)
      written =
        [timelinePath]
        + (try CompareFiles.write(rows, title: "LIFE comparison", in: transaction))
      try transaction.commit()
    } catch {
      transaction.discard()
      throw error
    }

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

  /// The files `compare` writes.
  static let outputNames = [
    OutputSet.FileName.timeline, OutputSet.FileName.timelineGzip, CompareFiles.csv,
    CompareFiles.html,
  ]

  /// A run directory's comparison row and timeline path; clear errors for
  /// a missing directory or file, a summary of the wrong shape and a set
  /// that does not match its manifest. Files are found through the run's
  /// `manifest.json` (the set as a whole, even while a commit is under
  /// way); a directory without one (an older LIFE) is read as it is.
  static func readRun(_ directory: String) throws(LifeError) -> (CompareRow, String) {
    var status = stat()
    guard stat(directory, &status) == 0 else {
      throw LifeError.file(
        directory, path: nil, "no such run directory",
        expected: "a directory written by 'life simulate'")
    }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      throw LifeError.file(
        directory, path: nil, "not a directory", expected: "a directory written by 'life simulate'")
    }
    let manifest = try OutputManifest.read(directory: directory)
    func file(_ name: String) throws(LifeError) -> String? {
      let plain = (directory as NSString).appendingPathComponent(name)
      guard let manifest else { return FileInput.exists(plain) ? plain : nil }
      return try manifest.path(of: name, in: directory)
    }
    guard let summaryPath = try file(OutputSet.FileName.summary) else {
      throw LifeError.file(
        (directory as NSString).appendingPathComponent(OutputSet.FileName.summary), path: nil,
        "no such file", expected: "summary.json written by 'life simulate'")
    }
    let json = try JSONParser.parse(try FileInput.readBytes(summaryPath), file: summaryPath)
    let row = try CompareRow(forecast: json, run: directory, file: summaryPath)
    for name in [OutputSet.FileName.timeline, OutputSet.FileName.timelineGzip] {
      if let timeline = try file(name) { return (row, timeline) }
    }
    throw LifeError.file(
      (directory as NSString).appendingPathComponent(OutputSet.FileName.timeline), path: nil,
      "no such file", expected: "timeline.json or timeline.json.gz written by 'life simulate'")
  }
}
