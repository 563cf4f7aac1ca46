import Engine
import Trace

/// validation.csv: one line per corpus row forecast, with its zero-shot and
/// calibrated forecasts and their errors (empty where there is none).
package enum ValidationTable {
  /// The header.
  static let header = [
    "id", "source", "device", "kind", "runtime", "class", "model", "weights", "metric", "batch",
    "prompt", "generate", "depth", "measured", "zero_shot", "zero_shot_error_pct", "calibrated",
    "calibrated_error_pct", "failure",
  ]

  /// The file's text.
  package static func csv(_ validation: Validation) -> String {
    func number(_ v: Double?) -> String { v.map { CSVFormat.number($0) } ?? "" }
    var text = CSVFormat.line(header)
    for o in validation.outcomes {
      let c = o.testCase
      text += CSVFormat.line([
        c.row.id, c.row.source, c.row.device, c.device.kind.rawValue, c.runtime.name, o.classKey,
        c.row.model, c.row.weights ?? "", c.quantity.rawValue, String(c.options.batch),
        String(c.options.prompt), String(c.options.generate), String(c.row.depth ?? 0),
        CSVFormat.number(c.measured), number(o.zeroShot), number(o.zeroShotError),
        number(o.calibrated), number(o.calibratedError), o.failure ?? "",
      ])
    }
    return text
  }
}
