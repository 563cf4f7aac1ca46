import Engine
import Foundation
import Timeline
import Trace

extension ServeCommand {
  func run(console: Console) throws(LifeError) {
    let pipeline: ServePipeline
    var scenarioJSON: JSONValue?
    var title: String
    var settings: ServeSettings
    var detail = traceDetail ?? .op
    var inputs: [String] = []
    if let path = scenario {
      let s = try Scenario.load(path: path)
      guard s.compare.isEmpty else {
        throw LifeError.file(
          path, path: "compare", "a serving run has no compare list",
          expected: "one configuration (compare runs with life simulate)")
      }
      guard s.servesRequests else {
        throw LifeError.file(
          path, path: "requests", "missing required field",
          expected: "a requests section (file, or rate, count and prompt)")
      }
      settings = s.serve
      try apply(to: &settings)
      var options = s.options
      options.apply(workload)
      let model = try SimulateCommand.resolveModel(
        self.model, reference: s.model, scenario: path, field: "model", family: family)
      var devices = s.devices
      var spec: SpeculativeSettings?
      if let sp = s.speculative {
        let draft = try SimulateCommand.resolveModel(
          nil, reference: sp.model, scenario: path, field: "speculative.draft_model")
        spec = SpeculativeSettings(
          draftModel: draft, draftDevice: sp.device ?? s.mapping.decode, tokens: sp.tokens,
          acceptance: sp.acceptance)
      }
      devices = devices.map { ($0.key, overrides.apply(to: $0.device)) }
      if let powerCap { devices = try powerCap.apply(to: devices) }
      pipeline = ServePipeline(
        name: s.name, model: model, options: options, devices: devices, mapping: s.mapping,
        links: s.links, overlap: overlap ?? s.overlap,
        requests: try settings.source(scenario: path).requests(), scheduler: settings.scheduler,
        objectives: settings.objectives, speculative: spec, runtime: runtime ?? s.runtime)
      if let runtime { try runtime.check(deviceKeys: devices.map(\.key)) }
      scenarioJSON = s.json
      title = s.name
      inputs = s.inputFiles
      detail = traceDetail ?? s.trace.detail
    } else {
      settings = ServeSettings()
      try apply(to: &settings)
      var options = WorkloadOptions(prompt: 0)
      options.apply(workload)
      var command = ForecastCommand(
        model: model ?? "", options: options, json: false,
        prefillDevice: prefillDevice ?? device ?? "", decodeDevice: decodeDevice ?? device ?? "",
        device: device, overlap: overlap ?? .op, overrides: overrides, strict: false,
        runtime: runtime ?? .automatic, speculative: speculative, powerCap: powerCap)
      command.family = family
      let forecast = try command.pipeline()
      pipeline = ServePipeline(
        model: forecast.model, options: options, devices: forecast.devices,
        mapping: forecast.mapping, overlap: forecast.overlap,
        requests: try settings.source().requests(), scheduler: settings.scheduler,
        objectives: settings.objectives, speculative: forecast.speculative,
        runtime: forecast.runtime)
      title = forecast.model.name
    }
    if let file = settings.requestsFile { inputs.append(file) }
    if let model, FileInput.exists(model) { inputs.append(model) }
    let transaction = try OutputTransaction(
      directory: out, owned: ServeOutputs.names, inputs: inputs)
    let outcome: ServeOutcome
    do {
      outcome = try pipeline.run()
    } catch {
      transaction.discard()
      // An error with no place of its own came from the scenario's run.
      guard let path = scenario, error.location == .none else { throw error }
      var placed = error
      placed.location = ErrorLocation(file: path)
      placed.kind = .failure
      throw placed
    }
    let files: [String]
    do throws(LifeError) {
      files = try ServeOutputs.write(
        outcome, in: transaction, scenario: scenarioJSON, title: title, detail: detail,
        gzip: gzip)
      try transaction.commit()
    } catch {
      transaction.discard()
      throw error
    }
    console.print(Self.paragraph(outcome, files: files))
    for warning in outcome.workload.warnings + outcome.warnings { console.warn(warning) }
  }

  /// The serving flags applied over `settings` (a scenario's, or none). A
  /// requests file given here replaces generated requests and the other
  /// way round.
  func apply(to settings: inout ServeSettings) throws(LifeError) {
    let generator: [ServeOption] = [.rate, .count, .arrival, .burst, .prompt, .generate, .seed]
    if serve.contains(where: { $0.option == .requests }) {
      settings.given.removeAll { generator.contains($0.option) }
    } else if serve.contains(where: { generator.contains($0.option) }) {
      settings.requestsFile = nil
      settings.given.removeAll { $0.option == .requests }
    }
    for flag in serve {
      try settings.set(flag.option, text: flag.text, at: .parameter(flag.option.parameter))
    }
  }

  /// The paragraph `serve` prints.
  static func paragraph(_ o: ServeOutcome, files: [String]) -> String {
    func ms(_ v: Double?) -> String { v.map { String(format: "%.3f ms", $0) } ?? "n/a" }
    let done = o.completed
    let ttft = done.compactMap(\.ttftMs)
    let tpot = done.compactMap(\.tpotMeanMs)
    var text = "Served \(o.records.count) request\(o.records.count == 1 ? "" : "s") of"
    text += " \(o.workload.model.name) (\(o.lanes.joined(separator: " and "))):"
    text += " \(done.count) completed"
    let rejected = o.records.filter(\.rejected).count
    if rejected > 0 { text += ", \(rejected) rejected" }
    text += "; TTFT p50 \(ms(Percentile.of(ttft, 50))), p99 \(ms(Percentile.of(ttft, 99)));"
    text += " TPOT p50 \(ms(Percentile.of(tpot, 50))), p99 \(ms(Percentile.of(tpot, 99)));"
    text += " throughput " + (o.throughputTokS.map { String(format: "%.2f", $0) } ?? "n/a")
    text += " tokens/s"
    if let goodput = o.goodputReqS {
      text += ", goodput " + String(format: "%.3f", goodput) + " req/s"
    }
    text +=
      "; \(o.passes.count) passes, \(o.preemptions) preemption\(o.preemptions == 1 ? "" : "s")."
    text += " Wrote " + files.joined(separator: ", ") + "."
    return text
  }
}
