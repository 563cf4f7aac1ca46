import Engine
import Trace

/// `life forecast`: the workload on devices: TTFT, TPOT, TPS and the rest.
struct ForecastCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "forecast",
    abstract: "Forecast TTFT, TPOT and TPS of a workload on one device or a prefill/decode pair.",
    discussion: "Give --device for all work, or --prefill-device and --decode-device (each"
      + " overrides --device for its phase).",
    flags: [.model(required: true), .family] + FlagSpec.workloadFlags(promptRequired: true) + [
      .option(
        "device", "D", "the device that runs all work", values: FlagSpec.deviceValues,
        default: "required unless both phase devices are given"),
      .option(
        "prefill-device", "D", "the device that runs prefill", values: FlagSpec.deviceValues,
        default: "--device"),
      .option(
        "decode-device", "D", "the device that runs decode", values: FlagSpec.deviceValues,
        default: "--device"),
      .overlap, .runtime, .powerCap,
    ] + FlagSpec.deviceOverrides + FlagSpec.speculativeFlags + [
      .toggle("strict", "a model that does not fit in a device's memory is an error"),
      .json,
    ],
    examples: [
      "forecast --model llama-2-7b --device ryzen-ai-max-395-npu --prompt 1536 --generate 128",
      "forecast --model llama-2-7b --prefill-device ryzen-ai-max-395-npu"
        + " --decode-device ./igpu.json --prompt 1536 --generate 128 --weights int4 --json",
      "forecast --model llama-2-7b --device rtx-4090 --runtime llama.cpp-cuda --weights Q4_0"
        + " --prompt 512 --generate 128",
      "forecast --model llama-3.1-8b --device rtx-4090 --prompt 1024 --generate 256"
        + " --draft-model llama-3.2-1b --draft-tokens 4 --acceptance 0.7",
    ])

  /// A preset name or a config.json path, as typed.
  var model: String
  /// `--family`, when given.
  var family: String?
  /// Every workload flag, parsed.
  var options: WorkloadOptions
  /// `--json`.
  var json: Bool
  /// The device that runs prefill: `--prefill-device`, else `--device`
  /// (a preset name or a device JSON path).
  var prefillDevice: String
  /// The device that runs decode: `--decode-device`, else `--device`.
  var decodeDevice: String
  /// `--device` as given (nil when both phase devices are given instead).
  var device: String?
  /// `--overlap`.
  var overlap: Overlap
  /// Device fields overridden on the command line.
  var overrides: DeviceOverrides
  /// `--strict`: a model that does not fit in a device's memory is an error.
  var strict: Bool
  /// `--runtime`.
  var runtime: RuntimeChoice
  /// Speculative decoding (`--draft-model` and its flags).
  var speculative: SpeculativeFlags?
  /// `--power-cap-w`.
  var powerCap: PowerCap?

  init(
    model: String, options: WorkloadOptions, json: Bool, prefillDevice: String,
    decodeDevice: String, device: String?, overlap: Overlap, overrides: DeviceOverrides,
    strict: Bool, runtime: RuntimeChoice = .automatic, speculative: SpeculativeFlags? = nil,
    powerCap: PowerCap? = nil
  ) {
    self.model = model
    self.options = options
    self.json = json
    self.prefillDevice = prefillDevice
    self.decodeDevice = decodeDevice
    self.device = device
    self.overlap = overlap
    self.overrides = overrides
    self.strict = strict
    self.runtime = runtime
    self.speculative = speculative
    self.powerCap = powerCap
  }

  init(_ arguments: ParsedArguments) throws(LifeError) {
    let device = try arguments.text("device")
    let prefill = try arguments.text("prefill-device") ?? device
    let decode = try arguments.text("decode-device") ?? device
    guard let prefill, let decode else {
      throw LifeError.usage(
        .parameter(.device), "missing required flag",
        expected: FlagSpec.deviceValues + ", or both --prefill-device and --decode-device")
    }
    self.init(
      model: try arguments.requiredText("model"), options: try arguments.workloadOptions(),
      json: arguments.isSet("json"), prefillDevice: prefill, decodeDevice: decode,
      device: device, overlap: try arguments.choice("overlap", Overlap.self) ?? .op,
      overrides: try arguments.deviceOverrides(), strict: arguments.isSet("strict"),
      runtime: try arguments.runtimeChoice(), speculative: try arguments.speculativeFlags(),
      powerCap: try arguments.powerCap())
    family = try arguments.text("family")
  }

  /// The forecast, as text or the contract's JSON; warnings to standard
  /// error.
  func run(console: Console) throws(LifeError) {
    let outcome = try pipeline().run()
    if json {
      try console.write(json: outcome.document)
    } else {
      console.write(outcome.text)
    }
    for warning in outcome.warnings { console.warn(warning) }
  }

  /// The pipeline this command describes: device keys are `device` for
  /// `--device`, or `prefill` / `decode` for the phase flags (one key when
  /// both phases name the same device).
  func pipeline() throws(LifeError) -> ForecastPipeline {
    let model = try ModelConfig.resolve(self.model, family: family)
    func load(_ reference: String, _ parameter: RunParameter) throws(LifeError) -> Device {
      try overrides.apply(to: Device.resolve(reference, at: .parameter(parameter)))
    }
    var devices: [(key: String, device: Device)]
    let mapping: Mapping
    var references: [String: String]
    if prefillDevice == decodeDevice {
      let given = device == prefillDevice
      let key = given ? "device" : "prefill"
      devices = [(key, try load(prefillDevice, given ? .device : .prefillDevice))]
      mapping = Mapping(prefill: key, decode: key)
      references = [key: prefillDevice]
    } else {
      devices = [
        ("prefill", try load(prefillDevice, device == prefillDevice ? .device : .prefillDevice)),
        ("decode", try load(decodeDevice, device == decodeDevice ? .device : .decodeDevice)),
      ]
      mapping = Mapping(prefill: "prefill", decode: "decode")
      references = ["prefill": prefillDevice, "decode": decodeDevice]
    }
    try runtime.check(deviceKeys: devices.map(\.key))
    if let powerCap { devices = try powerCap.apply(to: devices) }
    var pipeline = ForecastPipeline(
      model: model, options: options, devices: devices, mapping: mapping, overlap: overlap,
      strict: strict, runtime: runtime)
    if let speculative {
      pipeline.speculative = try speculative.resolve(
        devices: &devices, references: references, decodeKey: mapping.decode,
        overrides: overrides)
      pipeline.devices = devices
    }
    return pipeline
  }
}
