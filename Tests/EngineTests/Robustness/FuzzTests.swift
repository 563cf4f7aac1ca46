import Engine
import Foundation
import Testing
import Trace

/// Seeded random mutations of every bundled input, through the library
/// parsers and a small forecast: invalid input is a ``LifeError`` with a
/// location and a message in the contract's shape; valid input gives JSON
/// with finite numbers. A Swift trap here kills the test process — that is
/// the point: there must be none.
@Suite struct FuzzTests {
  static let casesPerConfig = 400
  static let casesPerScenario = 300
  static let casesPerCSV = 600
  static let casesPerDevice = 150

  /// Option settings the config cases cycle through, so that mutated
  /// configs meet every operator path.
  static let optionVariants: [[(String, String)]] = [
    [], [("fusion", "eager"), ("scores", "full"), ("logits", "all")],
    [("weights", "int4"), ("activations", "int8"), ("kv", "int4")],
    [("attention", "mla")], [("attention", "mqa"), ("lora-rank", "16")],
    [("chunk", "5"), ("tile", "64"), ("kv-update", "concat"), ("embedding", "table")],
    [("weights", "Q4_K_M"), ("nonlinear", "pwl")], [("batch", "3"), ("weights", "int3:g7")],
  ]

  /// A fuzzed input's error must say where and what.
  static func checkError(
    _ error: LifeError, input: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(error.rendered.hasPrefix("error: "), sourceLocation: sourceLocation)
    #expect(
      !error.location.description.isEmpty, "no location: \(error.rendered)\n\(input)",
      sourceLocation: sourceLocation)
    #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
    #expect(
      !error.rendered.contains("\n"), "multi-line: \(error.rendered)",
      sourceLocation: sourceLocation)
    if ProcessInfo.processInfo.environment["FUZZ_PRINT"] != nil {
      print("FUZZERR", error.rendered, "@@", input)
    }
  }

  /// A small forecast of `model` on `devices`: at most 32 prompt tokens,
  /// 2 decode steps and a batch of 2, so that thousands run in seconds.
  static func forecast(
    _ model: ModelConfig, options: WorkloadOptions, devices: [(key: String, device: Device)],
    mapping: Mapping, links: [Link] = [], overlap: Overlap = .op
  ) throws(LifeError) {
    var small = options
    small.prompt = min(small.prompt, 32)
    small.generate = min(small.generate, 2)
    small.batch = min(small.batch, 2)
    let pipeline = ForecastPipeline(
      model: model, options: small, devices: devices, mapping: mapping, links: links,
      overlap: overlap)
    let outcome = try pipeline.run()
    try JSONFormat.checkFinite(outcome.json)
    _ = JSONFormat.text(outcome.json)
  }

  static let gpu: [(key: String, device: Device)] =
    Device.preset(named: "h100-sxm").map {
      [("device", $0)]
    } ?? []

  @Test(arguments: FuzzInputs.configs)
  func modelConfigs(_ path: String) throws {
    let original = FuzzInputs.text(path)
    #expect(!original.isEmpty)
    var valid = 0
    for index in 0..<Self.casesPerConfig {
      var mutator = TextMutator(random: SplitMix64(seed: FuzzInputs.seed(path, index)))
      let text = mutator.mutate(original, json: true)
      do {
        let model = try ModelConfig.parse(try JSONNode.parse(text, file: path), name: "fuzz")
        var options = WorkloadOptions(prompt: index % 17)
        options.generate = index % 3
        for (name, value) in Self.optionVariants[index % Self.optionVariants.count] {
          try options.set(WorkloadOption.named(name), to: value)
        }
        try Self.forecast(
          model, options: options, devices: Self.gpu,
          mapping: Mapping(prefill: "device", decode: "device"))
        valid += 1
      } catch {
        Self.checkError(error, input: "seed \(index) of \(path)")
      }
    }
    #expect(valid > 0, "no mutation of \(path) stayed valid")
  }

  @Test(arguments: FuzzInputs.scenarios)
  func scenarios(_ path: String) throws {
    let original = FuzzInputs.text(path)
    #expect(!original.isEmpty)
    for index in 0..<Self.casesPerScenario {
      var mutator = TextMutator(random: SplitMix64(seed: FuzzInputs.seed(path, index)))
      let text = mutator.mutate(original, json: true)
      do {
        let scenario = try Scenario(node: try JSONNode.parse(text, file: path))
        let model =
          scenario.model.isPath
          ? try ModelConfig.load(path: scenario.model.resolvedPath)
          : try ModelConfig.resolve(scenario.model.text)
        for run in scenario.runs.prefix(2) {
          try Self.forecast(
            model, options: run.options, devices: run.devices, mapping: run.mapping,
            links: run.links, overlap: run.overlap)
        }
      } catch {
        Self.checkError(error, input: "seed \(index) of \(path)")
      }
    }
  }

  @Test(arguments: FuzzInputs.measurements)
  func measurements(_ path: String) throws {
    let original = FuzzInputs.text(path)
    #expect(!original.isEmpty)
    for index in 0..<Self.casesPerCSV {
      var mutator = TextMutator(random: SplitMix64(seed: FuzzInputs.seed(path, index)))
      let text = mutator.mutate(original, json: false)
      do {
        let rows = try MeasurementsCSV.parse(text, file: path)
        for row in rows {
          #expect(row.value.isFinite && row.value > 0)
          #expect(row.prompt >= 0 && row.generate >= 0 && row.batch >= 1)
        }
      } catch {
        Self.checkError(error, input: "seed \(index) of \(path)")
      }
    }
  }

  /// llama-bench outputs of every format, mutated: parsed rows are sane,
  /// anything else is an error with a place.
  @Test(arguments: FuzzInputs.llamaBench)
  func llamaBenchOutput(_ path: String) throws {
    let original = FuzzInputs.text(path)
    #expect(!original.isEmpty)
    for index in 0..<Self.casesPerCSV / 4 {
      var mutator = TextMutator(random: SplitMix64(seed: FuzzInputs.seed(path, index)))
      let text = mutator.mutate(original, json: path.hasSuffix(".json"))
      do {
        let rows = try MeasurementsFile.parse(text, file: path)
        for row in rows {
          #expect(row.value.isFinite && row.value > 0)
          #expect(row.prompt >= 0 && row.generate >= 0 && row.depth >= 0)
          #expect(row.prompt + row.generate >= 1)
        }
      } catch {
        Self.checkError(error, input: "seed \(index) of \(path)")
      }
    }
  }

  @Test(arguments: Device.presetNames)
  func devices(_ name: String) throws {
    let device = try #require(Device.preset(named: name))
    let original = JSONFormat.text(device.jsonValue)
    let model = try ModelConfig.resolve("llama-3.2-1b")
    for index in 0..<Self.casesPerDevice {
      var mutator = TextMutator(random: SplitMix64(seed: FuzzInputs.seed(name, index)))
      let text = mutator.mutate(original, json: true)
      do {
        let parsed = try Device(node: try JSONNode.parse(text, file: name + ".json"))
        var options = WorkloadOptions(prompt: 8)
        options.generate = 1
        try Self.forecast(
          model, options: options, devices: [("device", parsed)],
          mapping: Mapping(prefill: "device", decode: "device"))
      } catch {
        Self.checkError(error, input: "seed \(index) of device \(name)\n" + text)
      }
    }
  }
}
