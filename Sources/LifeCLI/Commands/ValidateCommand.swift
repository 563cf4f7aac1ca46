import Engine
import Foundation
import Trace

/// `life validate`: forecast every row of a measurement corpus and report
/// the errors.
struct ValidateCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "validate",
    abstract: "Forecast every row of a measurement corpus and report the errors.",
    discussion: "Zero-shot: each row's device as its datasheet gives it, with the row's runtime.",
    flags: [
      .option(
        "corpus", "FILE", "the measurement corpus", values: "a corpus CSV file",
        default: "the bundled corpus (traces/measurements/corpus.csv)"),
      .option(
        "runtime", "NAME", "only the rows of this runtime", values: "a runtime name",
        default: "every row"),
      .json,
    ],
    examples: ["validate", "validate --runtime llama.cpp-cuda --json"])

  var corpus: String?
  var runtime: String?
  var json: Bool

  init(_ arguments: ParsedArguments) throws(LifeError) {
    corpus = try arguments.text("corpus")
    runtime = try arguments.text("runtime")
    json = arguments.isSet("json")
  }

  func run(console: Console) throws(LifeError) {
    let corpus =
      try self.corpus.map { (path) throws(LifeError) in try Corpus.read(path: path) }
      ?? Corpus.bundled
    let v = Validation(corpus: corpus, runtime: runtime, forecaster: PipelineForecaster())
    var groups: [String: [Double]] = [:]
    var text = ""
    for o in v.outcomes {
      let c = o.testCase
      let key = "\(c.device.kind.rawValue) \(c.runtime.name) \(c.quantity.family)"
      if let e = o.zeroShotError { groups[key, default: []].append(e) }
      text +=
        "\(c.row.id) \(c.row.device) \(c.runtime.name) \(c.row.model) \(c.row.weights ?? "") \(c.quantity.rawValue) p=\(c.options.prompt) g=\(c.options.generate) b=\(c.options.batch) measured \(c.measured) forecast \(o.zeroShot ?? .nan) err \(o.zeroShotError ?? .nan) \(o.failure ?? "")\n"
    }
    for key in groups.keys.sorted() {
      if let s = ErrorSummary(groups[key] ?? []) {
        text += "\(key): n=\(s.count) median \(s.median) p90 \(s.p90)\n"
      }
    }
    for c in v.classes {
      text +=
        "fit \(c.runtime) \(c.key): rows \(c.rows) devices \(c.devices) before \(c.before) after \(c.after)\n"
    }
    if ProcessInfo.processInfo.environment["LIFE_DEBUG_FIT"] != nil {
      for (name, r) in v.fitted.sorted(by: { $0.key < $1.key }) {
        text += name + " " + JSONFormat.text(r.jsonValue) + "\n"
        for o in v.outcomes where o.testCase.runtime.name == name {
          let f = (try? PipelineForecaster().forecast(o.testCase, runtime: r)) ?? .nan
          text +=
            "  in-sample \(o.testCase.row.id) \(o.testCase.quantity) p=\(o.testCase.options.prompt) measured \(o.testCase.measured) fit \(f)\n"
        }
      }
    }
    var reasons: [String: Int] = [:]
    for s in v.skipped { reasons[s.reason.rawValue, default: 0] += 1 }
    text += "skipped: \(reasons)\n"
    console.write(text)
  }
}
