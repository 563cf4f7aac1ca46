import Engine
import Foundation
import Timeline
import Trace

extension DefaultCommandRunner {
  /// `life simulate`: runs a scenario (and its `compare` variants) and
  /// writes the timeline, summary, CSV files and report into `--out`; prints
  /// a one-paragraph summary.
  func simulate(_ request: SimulateRequest, console: Console) throws(LifeError) {
    let scenario = try Scenario.load(path: request.scenario)
    let model = try Self.model(for: request, scenario: scenario)
    var runs = scenario.runs
    for index in runs.indices { try request.overrides.apply(to: &runs[index].options) }
    let detail = request.traceDetail ?? scenario.trace.detail
    let directory = try OutputDirectory.prepare(request.out)
    OutputDirectory.removeStaleTemporaries(in: directory)

    let multiple = runs.count > 1
    let budget = 500_000 / runs.count
    func options(_ index: Int) throws(LifeError) -> OutputOptions {
      let generate = runs[index].options.generate
      let steps: TimelineSteps
      if let text = request.traceSteps {
        steps = try TimelineSteps.parse(text, lastStep: generate)
      } else if let selection = scenario.trace.steps {
        steps = .selected(selection, generate: generate)
      } else {
        steps = .automatic
      }
      let layout =
        multiple
        ? TimelineLayout(pidBase: 100 * index, namePrefix: runs[index].name + " · ")
        : TimelineLayout()
      return OutputOptions(
        directory: directory, generate: generate, detail: detail, steps: steps,
        eventBudget: budget, gzip: request.gzip, layout: layout)
    }
    func pipeline(_ run: ScenarioRun) -> ForecastPipeline {
      ForecastPipeline(
        name: run.name, model: model, options: run.options, devices: run.devices,
        mapping: run.mapping, links: run.links, overlap: run.overlap)
    }

    let timelineName = request.gzip ? OutputSet.FileName.timelineGzip : OutputSet.FileName.timeline
    let timelinePath = (directory as NSString).appendingPathComponent(timelineName)
    let shared = multiple ? try TimelineFile(path: timelinePath, gzip: request.gzip) : nil
    var outputs: OutputSet
    do {
      outputs = try OutputSet(options: try options(0), sharedTimeline: shared)
    } catch {
      shared?.discard()
      throw error
    }
    var outcomes: [ForecastOutcome] = []
    var written: [String] = []
    do {
      outcomes.append(
        try Self.fromScenario(request) { () throws(LifeError) in
          try pipeline(runs[0]).run(into: &outputs)
        })
      if let shared {
        for index in runs.indices.dropFirst() {
          let o = try options(index)
          var writer = TimelineWriter(
            file: shared, layout: o.layout, detail: o.detail, steps: o.steps,
            generate: o.generate, eventBudget: o.eventBudget)
          outcomes.append(
            try Self.fromScenario(request, variant: index) { () throws(LifeError) in
              try pipeline(runs[index]).run(into: &writer)
            })
        }
        try shared.finish()
        written.append(timelinePath)
        OutputDirectory.removeStale(
          request.gzip ? OutputSet.FileName.timeline : OutputSet.FileName.timelineGzip,
          in: directory)
      }
    } catch {
      outputs.discard()
      shared?.discard()
      throw error
    }
    let forecast = outcomes[0].json
    written += try outputs.finish(forecast: forecast, scenario: scenario.json)

    var rows: [CompareRow] = []
    for (run, outcome) in zip(runs, outcomes) {
      var row = try CompareRow(
        forecast: outcome.json, run: run.name, scenario: scenario.name, file: nil)
      row.label = run.name
      rows.append(row)
    }
    if multiple {
      written += try CompareFiles.write(rows, title: scenario.name, directory: directory)
    } else {
      OutputDirectory.removeStale(CompareFiles.csv, in: directory)
      OutputDirectory.removeStale(CompareFiles.html, in: directory)
    }
    console.print(
      Self.simulateParagraph(rows: rows, generate: runs[0].options.generate, files: written))
    for warning in outcomes[0].workload.warnings + outcomes[0].capacity.warnings {
      console.warn(warning)
    }
    for (run, outcome) in zip(runs, outcomes).dropFirst() {
      for warning in outcome.capacity.warnings { console.warn("\(run.name): \(warning)") }
    }
  }

  /// The model: `--model`, else the scenario's (a path relative to the
  /// scenario file, or a preset). Errors without a place name the scenario.
  static func model(for request: SimulateRequest, scenario: Scenario) throws(LifeError)
    -> ModelConfig
  {
    if let text = request.model {
      return try located(nil, flag: "--model") { () throws(LifeError) in
        try ModelConfig.resolve(text)
      }
    }
    let reference = scenario.model
    if reference.isPath {
      return try located(request.scenario, path: "model") { () throws(LifeError) in
        try ModelConfig.load(path: reference.resolvedPath)
      }
    }
    do {
      return try ModelConfig.resolve(reference.text)
    } catch {
      // The preset lookup speaks of --model; here the name came from the file.
      var located = error
      if located.location.file == nil {
        located.location = ErrorLocation(file: request.scenario, path: "model")
        located.kind = .failure
      }
      throw located
    }
  }

  /// Runs `body`, giving an error that names no place the scenario file
  /// (and `path` in it) or `flag`.
  static func located<T>(
    _ file: String?, path: String? = nil, flag: String? = nil,
    _ body: () throws(LifeError) -> T
  ) throws(LifeError) -> T {
    do {
      return try body()
    } catch {
      var located = error
      if located.location == .none {
        located.location = ErrorLocation(file: file, path: path, flag: flag)
      }
      throw located
    }
  }

  /// Runs `body` (a run of the scenario), naming the scenario file in its
  /// errors: an error with no place, or at a workload flag that was not
  /// given on the command line (the value came from the file), is placed at
  /// the file and the option's JSON path, as a failure (exit 1).
  static func fromScenario<T>(
    _ request: SimulateRequest, variant: Int? = nil, _ body: () throws(LifeError) -> T
  ) throws(LifeError) -> T {
    do {
      return try body()
    } catch {
      var located = error
      let given = Set(request.overrides.map { "--" + $0.name })
      let prefix = variant.map { "compare[\($0 - 1)]." } ?? ""
      if located.location == .none {
        located.location = ErrorLocation(
          file: request.scenario, path: variant.map { "compare[\($0 - 1)]" })
      } else if let flag = located.location.flag, located.location.file == nil,
        flag.hasPrefix("--"),
        !given.contains(flag), flag != "--model"
      {
        let name = String(flag.dropFirst(2))
        let section = ["prompt", "generate", "batch"].contains(name) ? "workload." : "options."
        located.location = ErrorLocation(file: request.scenario, path: prefix + section + name)
        located.kind = .failure
      }
      throw located
    }
  }

  /// The paragraph `simulate` prints.
  static func simulateParagraph(rows: [CompareRow], generate: Int, files: [String]) -> String {
    func ms(_ value: Double?) -> String { value.map { String(format: "%.3f ms", $0) } ?? "n/a" }
    func tps(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "n/a" }
    guard let main = rows.first else { return "" }
    var text =
      "Simulated '\(main.run)' (\(main.model), \(generate) decode step\(generate == 1 ? "" : "s")):"
    text += " TTFT \(ms(main.ttftMs)), mean TPOT \(ms(main.tpotMsMean)),"
    text += " \(tps(main.tps)) tokens/s per sequence, end to end \(ms(main.e2eMs));"
    text += " prefill \(main.boundPrefill)-bound"
    if !main.boundDecode.isEmpty { text += ", decode \(main.boundDecode)-bound" }
    text += "."
    for row in rows.dropFirst() {
      text += " Variant '\(row.run)': TTFT \(ms(row.ttftMs)), mean TPOT \(ms(row.tpotMsMean)),"
      text += " \(tps(row.tps)) tokens/s, end to end \(ms(row.e2eMs))."
    }
    text += " Wrote " + files.joined(separator: ", ") + "."
    return text
  }
}
