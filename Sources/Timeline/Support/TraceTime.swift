/// Times on the timeline: seconds from the engine, held as integer
/// nanoseconds so that every boundary rounds once and nesting survives, and
/// printed as microseconds with at most three decimals (exact in Perfetto).
enum TraceTime {
  /// Seconds to nanoseconds, rounded to nearest; non-finite values give 0.
  static func ns(_ seconds: Double) -> Int64 {
    guard seconds.isFinite else { return 0 }
    let value = (seconds * 1e9).rounded()
    if value >= 9.0e18 { return 9_000_000_000_000_000_000 }
    if value <= -9.0e18 { return -9_000_000_000_000_000_000 }
    return Int64(value)
  }

  /// Nanoseconds as microsecond text: `12`, `12.5`, `0.003`.
  static func micros(_ ns: Int64) -> String {
    let magnitude = ns.magnitude
    var text = ns < 0 ? "-" : ""
    text += String(magnitude / 1000)
    let fraction = magnitude % 1000
    if fraction != 0 {
      var digits = String(fraction)
      digits = String(repeating: "0", count: 3 - digits.count) + digits
      while digits.hasSuffix("0") { digits.removeLast() }
      text += "." + digits
    }
    return text
  }
}
