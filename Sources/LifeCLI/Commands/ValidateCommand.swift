import Engine
import Foundation
import Timeline
import Trace

/// `life validate`: forecast every row of a measurement corpus, zero-shot
/// and calibrated leave-one-out, and report the errors.
struct ValidateCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "validate",
    abstract: "Forecast every row of a measurement corpus and report the errors.",
    discussion:
      "Zero-shot: each row's device from its datasheet fields and the row's runtime, whose"
      + " figures for the device's class come from other devices' rows only. Calibrated:"
      + " the device's figures fitted to its other rows (leave one out).",
    flags: [
      .option(
        "corpus", "FILE", "the measurement corpus", values: "a corpus CSV file",
        default: "the bundled corpus (traces/measurements/corpus.csv)"),
      .option(
        "runtime", "NAME", "only the rows of this runtime", values: "a runtime name",
        default: "every row"),
      .json,
      .option(
        "out", "DIR", "write validation.csv and validation.html there",
        values: "a directory path"),
      .option(
        "write-runtimes", "DIR",
        "fit every runtime's class figures to all rows and write the runtime files there",
        values: "a directory path"),
    ],
    examples: [
      "validate", "validate --runtime llama.cpp-cuda --json", "validate --out validation",
    ])

  var corpus: String?
  var runtime: String?
  var json: Bool
  var out: String?
  var writeRuntimes: String?

  init(_ arguments: ParsedArguments) throws(LifeError) {
    corpus = try arguments.text("corpus")
    runtime = try arguments.text("runtime")
    json = arguments.isSet("json")
    out = try arguments.text("out")
    writeRuntimes = try arguments.text("write-runtimes")
  }

  func run(console: Console) throws(LifeError) {
    let corpus =
      try self.corpus.map { (path) throws(LifeError) in try Corpus.read(path: path) }
      ?? Corpus.bundled
    if let runtime {
      _ = try Runtime.resolve(runtime, at: ErrorLocation(origin: .parameter(.runtime)))
    }
    let (cases, skipped) = Validation.cases(corpus, runtime: runtime)
    let forecaster = SampledForecaster(cases)
    if let directory = writeRuntimes {
      let fit = Validation.fitRuntimes(cases, forecaster: forecaster)
      let paths = try RuntimeFiles.write(fit.runtimes, classes: fit.classes, to: directory)
      console.print(Self.fitText(fit.classes, paths: paths))
      return
    }
    let validation = Validation(cases: cases, skipped: skipped, forecaster: forecaster)
    let summary = ValidationSummary(validation)
    var files: [String] = []
    if let out {
      let transaction = try OutputTransaction(
        directory: out, owned: ValidationOutputs.names, inputs: self.corpus.map { [$0] } ?? [])
      do throws(LifeError) {
        files = try ValidationOutputs.write(validation, summary: summary, in: transaction)
        try transaction.commit()
      } catch {
        transaction.discard()
        throw error
      }
    }
    if json {
      try console.write(json: JSONDocument.value(summary.json))
    } else {
      console.print(Self.text(summary, files: files))
    }
  }

  /// The readable report.
  static func text(_ s: ValidationSummary, files: [String]) -> String {
    func pct(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "–" }
    var text =
      "\(s.rows) rows, \(s.devices) devices, \(s.sources) sources; absolute errors in percent"
      + " (zero-shot: other devices' rows only; calibrated: leave one out per device)\n\n"
    text += TextTable.render(
      header: [
        "kind", "runtime", "metric", "rows", "zero-shot median", "p90", "calibrated median", "p90",
      ],
      rows: s.groups.map { g in
        [
          g.kind.rawValue, g.runtime, g.family, String(g.zeroShot?.count ?? 0),
          pct(g.zeroShot?.median), pct(g.zeroShot?.p90), pct(g.calibrated?.median),
          pct(g.calibrated?.p90),
        ]
      })
    text += "\n"
    for family in ValidationSummary.families {
      let name = family == "tg" ? "decode (tg)" : "prefill (pp)"
      text +=
        "all \(name): zero-shot median \(pct(s.zeroShot[family]?.median))"
        + " (p90 \(pct(s.zeroShot[family]?.p90)), \(s.zeroShot[family]?.count ?? 0) rows),"
        + " calibrated median \(pct(s.calibrated[family]?.median))"
        + " (p90 \(pct(s.calibrated[family]?.p90)), \(s.calibrated[family]?.count ?? 0) rows)\n"
    }
    if s.failed > 0 { text += "\(s.failed) rows failed to forecast (validation.csv says why)\n" }
    if !s.skipped.isEmpty {
      text +=
        "skipped: "
        + s.skipped.map { "\($0.count) \($0.reason.rawValue)" }.joined(separator: ", ") + "\n"
    }
    for file in files { text += "wrote \(file)\n" }
    return text
  }

  /// What `--write-runtimes` prints.
  static func fitText(_ classes: [RuntimeFit.ClassResult], paths: [String]) -> String {
    var text = TextTable.render(
      header: ["runtime", "class", "rows", "devices", "sources", "median before", "after"],
      rows: classes.map { c in
        [
          c.runtime, c.key, String(c.rows), String(c.devices.count), String(c.sources.count),
          String(format: "%.1f", c.before), String(format: "%.1f", c.after),
        ]
      })
    for path in paths { text += "wrote \(path)\n" }
    return text
  }
}
