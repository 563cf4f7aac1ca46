import Engine
import Foundation
import Timeline
import Trace

/// `life compare RUN_DIR... --out DIR`: put finished runs side by side.
struct CompareCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "compare",
    abstract: "Put finished runs side by side: one timeline, a comparison table and report.",
    discussion: "Each RUN_DIR is an output directory of 'life simulate' (with its timeline.json"
      + " or timeline.json.gz). Writes timeline.json (or timeline.pftrace with --trace-format"
      + " perfetto), compare.csv and compare.html into --out.",
    positionals: [
      PositionalSpec(
        name: "RUN_DIR", help: "run directories written by 'life simulate'", minimumCount: 2,
        isRepeating: true)
    ],
    flags: [
      .option("out", "DIR", "the output directory", values: "a directory path", required: true),
      {
        var flag = FlagSpec.traceFormat
        flag.defaultText = "json"
        return flag
      }(),
    ],
    examples: [
      "compare out/hybrid out/all-igpu out/all-npu --out out/compare",
      "compare out/hybrid out/all-igpu --out out/compare --trace-format perfetto",
    ])

  /// The run directories (each written by `life simulate`), in order.
  var runs: [String]
  /// The output directory.
  var out: String
  /// `--trace-format`: the combined timeline's format.
  var traceFormat: TraceFormat

  init(runs: [String], out: String, traceFormat: TraceFormat = .json) {
    self.runs = runs
    self.out = out
    self.traceFormat = traceFormat
  }

  init(_ arguments: ParsedArguments) throws(LifeError) {
    self.init(
      runs: arguments.positionals, out: try arguments.requiredText("out"),
      traceFormat: try arguments.traceFormat() ?? .json)
  }

  /// Reads each run directory's summary.json and timeline, writes one
  /// timeline with a group of processes per run, compare.csv and
  /// compare.html into `--out`, and prints a line per run.
  func run(console: Console) throws(LifeError) {
    var rows: [CompareRow] = []
    var timelines: [String] = []
    for runDirectory in runs {
      let (row, timeline) = try RunDirectory.read(runDirectory)
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
      let timelinePath = transaction.path(
        OutputSet.FileName.timelineName(format: traceFormat, gzip: false))
      let sources = zip(rows, timelines).map { TimelineSource(path: $1, prefix: $0.label + " · ") }
      try TimelineMerge.write(sources, to: timelinePath, format: traceFormat, in: transaction)
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
        row.jPerToken.map { String(format: "%.4f", $0) } ?? "n/a",
        row.avgPowerW.map { String(format: "%.1f", $0) } ?? "n/a",
      ])
    }
    console.write(
      TextTable.render(
        header: [
          "run", "ttft_ms", "tpot_ms_mean", "tps", "e2e_ms", "prefill", "decode", "fits",
          "j_per_token", "avg_power_w",
        ],
        rows: table))
    console.print("Wrote " + written.joined(separator: ", ") + ".")
  }

  /// The files `compare` writes.
  static let outputNames = [
    OutputSet.FileName.timeline, OutputSet.FileName.timelineGzip,
    OutputSet.FileName.timelinePerfetto, CompareFiles.csv,
    CompareFiles.html,
  ]
}
