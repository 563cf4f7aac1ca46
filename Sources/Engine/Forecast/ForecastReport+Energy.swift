import Trace

extension ForecastReport {
  /// `energy`: `prefill_j`, `decode_j`, `j_per_token`, `avg_power_w`
  /// (CONTRACT.md "Energy").
  package var energyJSON: JSONValue {
    let e = forecast.energy
    return .object([
      ("prefill_j", .num(e.prefillJ)),
      ("decode_j", .num(e.decodeJ)),
      ("j_per_token", .num(e.jPerToken)),
      ("avg_power_w", .num(e.avgPowerW)),
    ])
  }

  /// The summary's energy line.
  var energyLine: String {
    let e = forecast.energy
    var line = "  energy      " + Self.joules(e.prefillJ + e.decodeJ)
    line += " (prefill \(Self.joules(e.prefillJ)), decode \(Self.joules(e.decodeJ)))"
    line += ", \(Self.joules(e.jPerToken)) per token"
    if let watts = e.avgPowerW { line += ", \(Self.fixed(watts, 1)) W average" }
    return line
  }

  /// Joules with 3 significant decimals, or millijoules below 1 J.
  static func joules(_ value: Double) -> String {
    if value >= 100 { return fixed(value, 1) + " J" }
    if value >= 1 { return fixed(value, 3) + " J" }
    return fixed(value * 1000, 2) + " mJ"
  }
}
