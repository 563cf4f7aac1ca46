import Engine
import Trace

/// `life serve`: requests through a continuous-batching scheduler; writes
/// the per-request table, the summary, the report and the timeline.
struct ServeCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "serve",
    abstract: "Serve a stream of requests with continuous batching and write what happened.",
    discussion:
      "Requests come from --requests FILE.jsonl (one {\"arrival_s\", \"prompt_tokens\","
      + " \"output_tokens\"} object per line) or are generated (--rate, --count, --prompt,"
      + " --generate, --arrival, --seed). With SCENARIO.json, the model, devices, mapping and the"
      + " requests, scheduler and slo sections come from the file; flags given here override"
      + " them. Writes requests.csv, summary.json, report.html and timeline.json into --out.",
    positionals: [
      PositionalSpec(
        name: "SCENARIO.json", help: "a scenario file with requests (optional)", minimumCount: 0)
    ],
    flags: [
      .option("out", "DIR", "the output directory", values: "a directory path", required: true),
      .model(required: false), .family,
    ]
      + FlagSpec.workloadFlags(promptRequired: false).filter {
        !(WorkloadOption(rawValue: $0.name)?.isOperatingPoint ?? false)
      } + FlagSpec.serveFlags + [
        .option(
          "device", "D", "the device that runs all work", values: FlagSpec.deviceValues,
          default: "required unless both phase devices are given (or a scenario)"),
        .option(
          "prefill-device", "D", "the device that runs prefill", values: FlagSpec.deviceValues,
          default: "--device"),
        .option(
          "decode-device", "D", "the device that runs decode", values: FlagSpec.deviceValues,
          default: "--device"),
        .overlap,
        {
          var flag = FlagSpec.runtime
          flag.defaultText = "the scenario's runtime, else auto"
          return flag
        }(),
        .powerCap,
      ] + FlagSpec.deviceOverrides + FlagSpec.speculativeFlags + [
        .option(
          "trace-detail", "LEVEL", "how fine the timeline's device slices are",
          values: TraceDetail.allCases.map(\.rawValue).joined(separator: ", "),
          default:
            "the scenario's trace.detail, else op (passes in detail within about 500k events)"),
        .toggle("gzip", "write timeline.json.gz instead of timeline.json"),
      ],
    examples: [
      "serve --model llama-3.2-1b --device h100-sxm --rate 20 --count 200 --prompt 512"
        + " --generate 128 --out out/serve",
      "serve --model llama-3.1-8b --device rtx-4090 --requests requests.jsonl --max-batch 32"
        + " --token-budget 2048 --slo-ttft-ms 500 --slo-tpot-ms 50 --out out/serve",
      "serve traces/serve-ryzen-ai-hybrid.json --out out/serve-hybrid",
    ])

  var scenario: String?
  var out: String
  var model: String?
  /// `--family`, when given.
  var family: String?
  /// Workload flags (not prompt, generate, batch), in order.
  var workload: [WorkloadSetting]
  /// Serving flags, in order.
  var serve: [ServeFlag]
  var device: String?
  var prefillDevice: String?
  var decodeDevice: String?
  var overlap: Overlap?
  var overrides: DeviceOverrides
  var speculative: SpeculativeFlags?
  /// `--runtime`, overriding the scenario's.
  var runtime: RuntimeChoice?
  /// `--power-cap-w`.
  var powerCap: PowerCap?
  var traceDetail: TraceDetail?
  var gzip: Bool

  /// One serving flag as typed.
  struct ServeFlag: Sendable, Equatable {
    var option: ServeOption
    var text: String
  }

  init(_ arguments: ParsedArguments) throws(LifeError) {
    scenario = arguments.positionals.first
    out = try arguments.requiredText("out")
    model = try arguments.text("model")
    family = try arguments.text("family")
    workload = try arguments.workloadSettings(operatingPoint: false)
    serve = arguments.serveSettings().map { ServeFlag(option: $0.option, text: $0.text) }
    // Each value is checked here, as the flag's.
    var check = ServeSettings()
    for flag in serve {
      try check.set(flag.option, text: flag.text, at: .parameter(flag.option.parameter))
    }
    device = try arguments.text("device")
    prefillDevice = try arguments.text("prefill-device")
    decodeDevice = try arguments.text("decode-device")
    overlap = try arguments.choice("overlap", Overlap.self)
    overrides = try arguments.deviceOverrides()
    speculative = try arguments.speculativeFlags()
    runtime = arguments.has("runtime") ? try arguments.runtimeChoice() : nil
    powerCap = try arguments.powerCap()
    traceDetail = try arguments.choice("trace-detail", TraceDetail.self)
    gzip = arguments.isSet("gzip")
    if scenario != nil {
      for name in ["device", "prefill-device", "decode-device"] + [
        "draft-model", "draft-device", "draft-tokens", "acceptance",
      ] where arguments.has(name) {
        throw LifeError.usage(
          .argument("--" + name), "given with a scenario file",
          expected: "the scenario's devices, mapping and speculative section")
      }
    } else {
      guard model != nil else {
        throw LifeError.usage(
          .parameter(.model), "missing required flag",
          expected: "a preset name from 'life models' or a config.json path (or a scenario file)")
      }
      guard device != nil || (prefillDevice != nil && decodeDevice != nil) else {
        throw LifeError.usage(
          .parameter(.device), "missing required flag",
          expected: FlagSpec.deviceValues + ", or both --prefill-device and --decode-device")
      }
    }
  }
}
