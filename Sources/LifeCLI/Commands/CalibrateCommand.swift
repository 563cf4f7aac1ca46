import Engine
import Trace

/// `life calibrate`: fit a device's efficiencies and dispatch latency to
/// measurements.
struct CalibrateCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "calibrate",
    abstract: "Fit a device's efficiencies and dispatch latency to measured TTFT, TPOT or tok/s.",
    discussion: "The measurements are LIFE's CSV (a header row with columns"
      + " metric,value,prompt,generate and optionally weights,kv,batch,model,activations,"
      + "runtime,flash_attn,depth; metrics are ttft_ms, tpot_ms, pp_tok_s, tg_tok_s and"
      + " e2e_tok_s) or llama-bench's own output (-o csv, json, jsonl or md, as it prints it),"
      + " told apart by content. Writes the calibrated device JSON to --out.",
    flags: [
      .model(required: true),
      .option(
        "device", "D", "the device to calibrate", values: FlagSpec.deviceValues, required: true),
      .option(
        "measurements", "FILE", "the measurements",
        values: "a measurements CSV or llama-bench output file", required: true),
      .option(
        "out", "FILE.json", "the calibrated device JSON to write", values: "a file path",
        required: true),
      .option(
        "fit", "LIST", "what to fit",
        values: "a comma-separated list of "
          + CalibrationParameter.allCases.map(\.rawValue).joined(separator: ", "),
        default: CalibrationParameter.defaultFit.map(\.rawValue).joined(separator: ",")),
      .option(
        "runtime", "NAME",
        "the runtime the measurements ran on, for llama-bench tests instead of what their"
          + " backends imply and for CSV rows without a runtime",
        values: "a runtime name, e.g. llama.cpp-cuda"),
    ],
    examples: [
      "calibrate --model llama-2-7b --device ryzen-ai-max-395-npu --measurements runs.csv"
        + " --out npu-calibrated.json",
      "calibrate --model llama-2-7b --device ./igpu.json --measurements runs.csv --out igpu.json"
        + " --fit compute-curve,memory",
      "calibrate --model llama-3.1-8b --device rtx-4090 --measurements llama-bench.json"
        + " --out rtx-4090.json --fit compute,memory",
    ])

  /// The default model for rows without a `model` column.
  var model: String
  /// The device to calibrate: a preset name or a device JSON path.
  var device: String
  /// The measurements CSV.
  var measurements: String
  /// The calibrated device JSON to write.
  var out: String
  /// What to fit, in the order given.
  var fit: [CalibrationParameter]
  /// The runtime of the measurements, when given.
  var runtime: String?

  init(
    model: String, device: String, measurements: String, out: String,
    fit: [CalibrationParameter] = CalibrationParameter.defaultFit, runtime: String? = nil
  ) {
    self.model = model
    self.device = device
    self.measurements = measurements
    self.out = out
    self.fit = fit
    self.runtime = runtime
  }

  init(_ arguments: ParsedArguments) throws(LifeError) {
    self.init(
      model: try arguments.requiredText("model"), device: try arguments.requiredText("device"),
      measurements: try arguments.requiredText("measurements"),
      out: try arguments.requiredText("out"),
      fit: try arguments.text("fit").map { (text) throws(LifeError) in
        try CalibrationParameter.parseList(text)
      } ?? CalibrationParameter.defaultFit,
      runtime: try arguments.text("runtime"))
  }

  /// Fits the device to the measurements through the real forecast, prints
  /// the report and writes the calibrated device JSON.
  func run(console: Console) throws(LifeError) {
    try AtomicFile.checkTarget(out, inputs: [measurements, device, model])
    let base = try Device.resolve(device, at: .parameter(.device))
    let rows = try MeasurementsFile.read(path: measurements, runtime: runtime)
    let traces = try CalibrationTraces(
      rows: rows, defaultModel: model, device: base, file: measurements)
    let calibrator = Calibrator(
      device: base, fit: fit, file: measurements, forecast: traces.forecast)
    let result = try calibrator.calibrate(rows)
    var device = result.device(base: base)
    device.name = Self.calibratedName(base.name)
    try AtomicFile.write(DeviceJSON.text(device), to: out)
    console.write(result.text)
    console.print("wrote \(out)")
  }

  /// `NAME (calibrated)`, once.
  static func calibratedName(_ name: String) -> String {
    name.hasSuffix(" (calibrated)") ? name : name + " (calibrated)"
  }
}
