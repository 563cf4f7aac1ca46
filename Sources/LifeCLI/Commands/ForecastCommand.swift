import Engine
import Trace

extension CommandSpec {
  /// `life forecast`.
  static let forecast = CommandSpec(
    name: "forecast",
    abstract: "Forecast TTFT, TPOT and TPS of a workload on one device or a prefill/decode pair.",
    discussion: "Give --device for all work, or --prefill-device and --decode-device (each"
      + " overrides --device for its phase).",
    flags: [.model(required: true)] + FlagSpec.workloadFlags(promptRequired: true) + [
      .option(
        "device", "D", "the device that runs all work", values: FlagSpec.deviceValues,
        default: "required unless both phase devices are given"),
      .option(
        "prefill-device", "D", "the device that runs prefill", values: FlagSpec.deviceValues,
        default: "--device"),
      .option(
        "decode-device", "D", "the device that runs decode", values: FlagSpec.deviceValues,
        default: "--device"),
      .overlap,
    ] + FlagSpec.deviceOverrides + [
      .toggle("strict", "a model that does not fit in a device's memory is an error"),
      .json,
    ],
    examples: [
      "forecast --model llama-2-7b --device ryzen-ai-max-395-npu --prompt 1536 --generate 128",
      "forecast --model llama-2-7b --prefill-device ryzen-ai-max-395-npu"
        + " --decode-device ./igpu.json --prompt 1536 --generate 128 --weights int4 --json",
    ])
}

extension ForecastRequest {
  /// Reads a parsed `forecast` command line.
  init(_ arguments: ParsedArguments) throws(LifeError) {
    var options = WorkloadOptions(prompt: 0)
    try arguments.applyWorkloadFlags(to: &options)
    let device = try arguments.text("device")
    let prefill = try arguments.text("prefill-device") ?? device
    let decode = try arguments.text("decode-device") ?? device
    guard let prefill, let decode else {
      throw LifeError(
        .usage, at: .flag("--device"), "missing required flag",
        expected: FlagSpec.deviceValues + ", or both --prefill-device and --decode-device")
    }
    self.init(
      model: try arguments.requiredText("model"), options: options, json: arguments.isSet("json"),
      prefillDevice: prefill, decodeDevice: decode, device: device,
      overlap: try arguments.choice("overlap", Overlap.self) ?? .op,
      overrides: try arguments.deviceOverrides(), strict: arguments.isSet("strict"))
  }
}
