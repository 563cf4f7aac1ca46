import Engine
import Trace

extension DefaultCommandRunner {
  /// `life calibrate`: fits the device to the measurements through the real
  /// forecast, prints the report and writes the calibrated device JSON.
  func calibrate(_ request: CalibrateRequest, console: Console) throws(LifeError) {
    let base = try Device.resolve(request.device, at: .flag("--device"))
    let rows = try MeasurementsCSV.read(path: request.measurements)
    let traces = try CalibrationTraces(
      rows: rows, defaultModel: request.model, device: base, file: request.measurements)
    let calibrator = Calibrator(
      device: base, fit: request.fit.map(\.parameter), file: request.measurements,
      forecast: traces.forecast)
    let result = try calibrator.calibrate(rows)
    var device = result.device(base: base)
    device.name = Self.calibratedName(base.name)
    try AtomicFile.write(DeviceJSON.text(device), to: request.out)
    console.write(result.text)
    console.print("wrote \(request.out)")
  }

  /// `NAME (calibrated)`, once.
  static func calibratedName(_ name: String) -> String {
    name.hasSuffix(" (calibrated)") ? name : name + " (calibrated)"
  }
}

extension CalibrateRequest.FitParameter {
  /// The engine's parameter of the same name.
  var parameter: CalibrationParameter {
    switch self {
    case .compute: return .compute
    case .memory: return .memory
    case .dispatch: return .dispatch
    case .computeCurve: return .computeCurve
    }
  }
}
