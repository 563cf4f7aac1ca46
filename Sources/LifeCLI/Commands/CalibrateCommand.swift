import Engine
import Trace

/// `life calibrate`: fit a device's efficiencies and dispatch latency to
/// measurements.
struct CalibrateCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
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
          + CalibrationParameter.allCases.map(\.rawValue).joined(separator: ", "),
        default: CalibrationParameter.defaultFit.map(\.rawValue).joined(separator: ",")),
    ],
    examples: [
      "calibrate --model llama-2-7b --device ryzen-ai-max-395-npu --measurements runs.csv"
        + " --out npu-calibrated.json",
      "calibrate --model llama-2-7b --device ./igpu.json --measurements runs.csv --out igpu.json"
        + " --fit compute-curve,memory",
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

  init(
    model: String, device: String, measurements: String, out: String,
    fit: [CalibrationParameter] = CalibrationParameter.defaultFit
  ) {
    self.model = model
    self.device = device
    self.measurements = measurements
    self.out = out
    self.fit = fit
  }

  init(_ arguments: ParsedArguments) throws(LifeError) {
    self.init(
      model: try arguments.requiredText("model"), device: try arguments.requiredText("device"),
      measurements: try arguments.requiredText("measurements"),
      out: try arguments.requiredText("out"),
      fit: try arguments.text("fit").map { (text) throws(LifeError) in
        try CalibrationParameter.parseList(text)
      } ?? CalibrationParameter.defaultFit)
  }

  /// Fits the device to the measurements through the real forecast, prints
  /// the report and writes the calibrated device JSON.
  func run(console: Console) throws(LifeError) {
    try AtomicFile.checkTarget(out, inputs: [measurements, device, model])
    let base = try Device.resolve(device, at: .parameter(.device))
    let rows = try MeasurementsCSV.read(path: measurements)
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
