import Foundation

/// An axis from 0 (or a given minimum) to a round maximum with ticks at
/// 1, 2 or 5 × 10^k.
struct NiceScale {
  var min: Double
  var max: Double
  var step: Double

  /// A scale covering `low...high` with about `ticks` intervals.
  init(low: Double, high: Double, ticks: Int = 5) {
    let low = low.isFinite ? low : 0
    var high = high.isFinite ? high : 1
    if high <= low { high = low + (low == 0 ? 1 : abs(low)) }
    let step = Self.niceNumber((high - low) / Double(Swift.max(ticks, 1)))
    self.step = step
    self.min = (low / step).rounded(.down) * step
    self.max = (high / step).rounded(.up) * step
  }

  /// 1, 2, 5 or 10 × 10^k, at least `x`.
  static func niceNumber(_ x: Double) -> Double {
    guard x > 0, x.isFinite else { return 1 }
    let exponent = (log10(x)).rounded(.down)
    let magnitude = pow(10, exponent)
    let fraction = x / magnitude
    let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    return nice * magnitude
  }

  /// The tick values from min to max.
  var ticks: [Double] {
    let count = Int(((max - min) / step).rounded())
    return (0...Swift.max(count, 0)).map { min + Double($0) * step }
  }

  /// A tick label with as many decimals as the step needs.
  func label(_ value: Double) -> String {
    let decimals = Swift.max(0, Int((-log10(step)).rounded(.up)))
    return Format.fixed(value, decimals: Swift.min(decimals, 9))
  }

  /// Position of `value` in `0...length`.
  func position(_ value: Double, length: Double) -> Double {
    max > min ? (value - min) / (max - min) * length : 0
  }
}

/// Deterministic number text for labels.
enum Format {
  static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "–" }
    let text = String(format: "%.\(decimals)f", value)
    return text == "-0" || text.hasPrefix("-0.") && Double(text) == 0
      ? String(text.dropFirst()) : text
  }

  /// Three significant digits with an SI prefix: `1.23 G`.
  static func si(_ value: Double, unit: String = "") -> String {
    guard value.isFinite else { return "–" }
    let prefixes: [(Double, String)] = [
      (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"),
    ]
    for (scale, prefix) in prefixes where abs(value) >= scale {
      return String(format: "%.3g", value / scale) + " " + prefix + unit
    }
    return String(format: "%.3g", value) + (unit.isEmpty ? "" : " " + unit)
  }

  /// Milliseconds with four significant digits.
  static func ms(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "–" }
    return String(format: "%.4g", seconds * 1e3) + " ms"
  }
}
