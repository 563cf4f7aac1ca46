import Engine
import Foundation
import Timeline
import Trace

extension SimulateCommand {
  /// Runs the scenario (and its `compare` variants) and writes the
  /// timeline, summary, CSV files and report into `--out`; prints a
  /// one-paragraph summary.
  func run(console: Console) throws(LifeError) {
    let scenario = try Scenario.load(path: self.scenario)
    guard scenario.hasWorkload else {
      throw LifeError.file(
        self.scenario, path: "workload", "missing required field",
        expected: "an object with prompt, generate, batch (a scenario with only requests runs"
          + " with life serve)")
    }
    if scenario.speculative != nil {
      throw LifeError.file(
        self.scenario, path: "speculative", "speculative decoding is not simulated",
        expected: "life forecast --draft-model, or life serve with this scenario")
    }
    let model = try self.model(scenario)
    var runs = scenario.runs
    for index in runs.indices {
      runs[index].options.apply(overrides)
      if let runtime {
        try runtime.check(deviceKeys: runs[index].devices.map(\.key))
        runs[index].runtime = runtime
      }
      if let powerCap { runs[index].devices = try powerCap.apply(to: runs[index].devices) }
    }
    let detail = traceDetail ?? scenario.trace.detail
    let steps = traceSteps ?? scenario.trace.steps
    let format = traceFormat ?? scenario.trace.format
    if gzip && format == .perfetto {
      throw LifeError.usage(
        .argument("--gzip"), "compresses the JSON timeline only",
        got: traceFormat == nil
          ? "trace.format perfetto in the scenario" : "--trace-format perfetto",
        expected: "--trace-format json with --gzip, or perfetto without it")
    }
    let multiple = runs.count > 1
    let budget = 500_000 / runs.count
    func options(_ index: Int) -> OutputOptions {
      let generate = runs[index].options.generate
      let layout =
        multiple
        ? TimelineLayout(pidBase: 100 * index, namePrefix: runs[index].name + " · ")
        : TimelineLayout()
      return OutputOptions(
        directory: out, generate: generate, detail: detail,
        steps: .chosen(steps, generate: generate), eventBudget: budget, gzip: gzip,
        format: format, layout: layout)
    }
    try checkTimelineSize(runs, model: model, options: options)
    var inputs = scenario.inputFiles
    if let model = self.model, FileInput.exists(model) { inputs.append(model) }
    let transaction = try OutputTransaction(
      directory: out, owned: OutputSet.FileName.all, inputs: inputs)

    func pipeline(_ run: ScenarioRun) -> ForecastPipeline {
      ForecastPipeline(
        name: run.name, model: model, options: run.options, devices: run.devices,
        mapping: run.mapping, links: run.links, overlap: run.overlap, runtime: run.runtime)
    }

    let timelineName = OutputSet.FileName.timelineName(format: format, gzip: gzip)
    let timelinePath = transaction.path(timelineName)
    var outcomes: [ForecastOutcome] = []
    var written: [String] = []
    do throws(LifeError) {
      let shared =
        multiple
        ? try TimelineFile(path: timelinePath, format: format, gzip: gzip, in: transaction) : nil
      var outputs = try OutputSet(
        options: options(0), sharedTimeline: shared, transaction: transaction)
      do throws(LifeError) {
        outcomes.append(
          try placed(runs[0], variant: nil) { () throws(LifeError) in
            try pipeline(runs[0]).run(into: &outputs)
          })
        if let shared {
          for index in runs.indices.dropFirst() {
            let o = options(index)
            var writer = TimelineWriter(
              file: shared, layout: o.layout, detail: o.detail, steps: o.steps,
              generate: o.generate, eventBudget: o.eventBudget)
            outcomes.append(
              try placed(runs[index], variant: index - 1) { () throws(LifeError) in
                try pipeline(runs[index]).run(into: &writer)
              })
          }
          try shared.finish()
          written.append(timelinePath)
        }
      } catch {
        outputs.discard()
        shared?.discard()
        throw error
      }
      written += try outputs.finish(
        outcome: outcomes[0], scenario: scenario.json, title: scenario.name)
    } catch {
      transaction.discard()
      throw error
    }

    var rows: [CompareRow] = []
    for (run, outcome) in zip(runs, outcomes) {
      var row = CompareRow(outcome: outcome, run: run.name, scenario: scenario.name)
      row.label = run.name
      rows.append(row)
    }
    do throws(LifeError) {
      if multiple {
        written += try CompareFiles.write(rows, title: scenario.name, in: transaction)
      }
      try transaction.commit()
    } catch {
      transaction.discard()
      throw error
    }
    console.print(
      Self.paragraph(rows: rows, generate: runs[0].options.generate, files: written))
    for warning in outcomes[0].warnings { console.warn(warning) }
    for (run, outcome) in zip(runs, outcomes).dropFirst() {
      for warning in outcome.capacity.warnings { console.warn("\(run.name): \(warning)") }
    }
  }

  /// Refuses, unless `--force`, a timeline estimated beyond
  /// ``TimelineEstimate/limitBytes`` (every run's together).
  func checkTimelineSize(
    _ runs: [ScenarioRun], model: ModelConfig, options: (Int) -> OutputOptions
  ) throws(LifeError) {
    guard !force else { return }
    var total = 0.0
    for (index, run) in runs.enumerated() {
      let workload = try placed(run, variant: index == 0 ? nil : index - 1) {
        () throws(LifeError) in
        try ForecastPipeline(
          name: run.name, model: model, options: run.options, devices: run.devices,
          mapping: run.mapping, links: run.links, overlap: run.overlap, runtime: run.runtime
        ).workload()
      }
      total += TimelineEstimate.bytes(workload, options: options(index))
    }
    guard total > Double(TimelineEstimate.limitBytes) else { return }
    throw LifeError.usage(
      .parameter(.traceSteps), "the timeline would be too large",
      got: "about \(TimelineEstimate.text(total))",
      expected:
        "at most \(TimelineEstimate.limitBytes >> 30) GiB: trace fewer steps (--trace-steps),"
        + " less detail (--trace-detail layer or step), fewer --generate steps, --gzip,"
        + " or give --force to write it anyway")
  }

  /// The model: `--model`, else the scenario's (a path relative to the
  /// scenario file, or a preset, both placed at the file's `model`).
  func model(_ scenario: Scenario) throws(LifeError) -> ModelConfig {
    try Self.resolveModel(
      model, reference: scenario.model, scenario: self.scenario, field: "model", family: family)
  }

  /// `flag` when given, else the scenario's `reference` (a path relative to
  /// the scenario file, or a preset; errors placed at `field` in the file);
  /// `family` is `--family`.
  static func resolveModel(
    _ flag: String?, reference: ModelReference, scenario: String, field: String,
    family: String? = nil
  ) throws(LifeError) -> ModelConfig {
    if let flag { return try ModelConfig.resolve(flag, family: family) }
    let here = ErrorLocation(file: scenario, path: field)
    do {
      return reference.isPath
        ? try ModelConfig.load(path: reference.resolvedPath, family: family)
        : try ModelConfig.resolve(reference.text, family: family)
    } catch {
      guard error.location.file == nil, error.location.origin != .parameter(.family) else {
        throw error
      }
      throw LifeError(
        .failure, at: here, error.message, got: error.got, expected: error.expected,
        suggestion: error.suggestion)
    }
  }

  /// Runs `body` (one run of the scenario), placing its errors in the
  /// scenario file: an error at a workload option the command line did not
  /// give is at the option's JSON path in the file (the value came from
  /// there), and an error with no place at all is at the file (and the
  /// variant's `compare` entry). Both are failures (exit 1).
  func placed<T>(
    _ run: ScenarioRun, variant: Int?, _ body: () throws(LifeError) -> T
  ) throws(LifeError) -> T {
    do {
      return try body()
    } catch {
      var placed = error
      let given = Set(overrides.map(\.option))
      if error.location == .none {
        placed.location = ErrorLocation(
          file: scenario, path: variant.map { "compare[\($0)]" })
        placed.kind = .failure
      } else if case .option(let option)? = error.location.origin, !given.contains(option),
        let path = run.optionPaths[option]
      {
        placed.location = ErrorLocation(file: scenario, path: path)
        placed.kind = .failure
      }
      throw placed
    }
  }

  /// The paragraph `simulate` prints.
  static func paragraph(rows: [CompareRow], generate: Int, files: [String]) -> String {
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
    for sentence in CompareVerdict(rows).sentences { text += " " + sentence }
    text += " Wrote " + files.joined(separator: ", ") + "."
    return text
  }
}
