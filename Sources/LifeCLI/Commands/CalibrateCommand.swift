import Trace

extension CommandSpec {
  /// `life calibrate`.
  static let calibrate = CommandSpec(
    name: "calibrate",
    abstract: "Fit a device's efficiencies and dispatch latency to measured TTFT, TPOT or tok/s.",
    discussion: "The measurements CSV has a header row with columns metric,value,prompt,generate"
      + " and optionally weights,kv,batch,model,activations; metrics are ttft_ms, tpot_ms,"
      + " pp_tok_s and tg_tok_s. Writes the calibrated device JSON to --out.",
    flags: [
      .model(required: true),
      .option(
        "device", "D", "the device to calibrate", values: FlagSpec.deviceValues, required: true),
      .option(
        "measurements", "FILE.csv", "the measurements", values: "a CSV file path",
        required: true),
      .option(
        "out", "FILE.json", "the calibrated device JSON to write", values: "a file path",
        required: true),
      .option(
        "fit", "LIST", "what to fit",
        values: "a comma-separated list of "
          + CalibrateRequest.FitParameter.allCases.map(\.rawValue).joined(separator: ", "),
        default: "compute,memory,dispatch"),
    ],
    examples: [
      "calibrate --model llama-2-7b --device ryzen-ai-max-395-npu --measurements runs.csv"
        + " --out npu-calibrated.json",
      "calibrate --model llama-2-7b --device ./igpu.json --measurements runs.csv --out igpu.json"
        + " --fit compute-curve,memory",
    ])
}

extension CalibrateRequest {
  /// Reads a parsed `calibrate` command line.
  init(_ arguments: ParsedArguments) throws(LifeError) {
    let fit = try arguments.choices("fit", FitParameter.self) ?? [.compute, .memory, .dispatch]
    if fit.contains(.compute), fit.contains(.computeCurve) {
      throw LifeError(
        .usage, at: .flag("--fit"),
        "compute and compute-curve cannot both be fitted: the curve replaces the global compute"
          + " efficiency", got: "'" + fit.map(\.rawValue).joined(separator: ",") + "'",
        expected: "one of them")
    }
    self.init(
      model: try arguments.requiredText("model"), device: try arguments.requiredText("device"),
      measurements: try arguments.requiredText("measurements"),
      out: try arguments.requiredText("out"), fit: fit)
  }
}
