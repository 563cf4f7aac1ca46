import Foundation
import Trace

/// How many tokens a generated request has in its prompt, or generates:
/// `N` (every request N), `uniform:A-B` (integers uniform in A…B) or
/// `lognormal:M:S` (a log-normal with mean M tokens and σ S of the
/// logarithm, rounded to the nearest integer). The one grammar of the
/// `--prompt` / `--generate` flags of `life serve` and of a scenario's
/// `requests.prompt` / `requests.generate`.
package enum LengthDistribution: Sendable, Equatable {
  /// Every request the same.
  case fixed(Int)
  /// Uniform integers in `low...high`.
  case uniform(low: Int, high: Int)
  /// Log-normal with this mean and σ of the logarithm.
  case lognormal(mean: Double, sigma: Double)

  /// What the grammar accepts.
  package static let expected =
    "N, uniform:A-B (A ≤ B) or lognormal:MEAN:SIGMA (MEAN > 0, 0 ≤ SIGMA ≤ 4), with integers ≥ 0"

  /// The largest length a distribution may give: 2^24 tokens.
  package static let maxLength = 1 << 24

  /// Parses `text`; `fail(message)` reports a bad value.
  package static func parse(
    _ text: String, fail: (String) throws(LifeError) -> Never
  ) throws(LifeError) -> LengthDistribution {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    func integer(_ s: String) throws(LifeError) -> Int {
      switch NumberText.integer(s) {
      case .failure(let failure): try fail(failure.message)
      case .success(let value):
        guard value >= 0, value <= maxLength else { try fail("length out of range") }
        return value
      }
    }
    func number(_ s: String) throws(LifeError) -> Double {
      switch NumberText.number(s) {
      case .failure(let failure): try fail(failure.message)
      case .success(let value): return value
      }
    }
    switch parts.first?.lowercased() {
    case "uniform" where parts.count == 2:
      let bounds = parts[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
      guard bounds.count == 2 else { try fail("a uniform range is A-B") }
      let low = try integer(bounds[0])
      let high = try integer(bounds[1])
      guard low <= high else { try fail("the range's start is above its end") }
      return .uniform(low: low, high: high)
    case "lognormal" where parts.count == 3:
      let mean = try number(parts[1])
      let sigma = try number(parts[2])
      guard mean > 0, mean <= Double(maxLength) else { try fail("mean out of range") }
      guard sigma >= 0, sigma <= 4 else { try fail("sigma out of range") }
      return .lognormal(mean: mean, sigma: sigma)
    default:
      guard parts.count == 1 else { try fail("unknown distribution") }
      return .fixed(try integer(text))
    }
  }

  /// The text that parses back to this distribution.
  package var text: String {
    switch self {
    case .fixed(let n): return "\(n)"
    case .uniform(let low, let high): return "uniform:\(low)-\(high)"
    case .lognormal(let mean, let sigma):
      return "lognormal:\(JSONFormat.number(mean)):\(JSONFormat.number(sigma))"
    }
  }

  /// One sample, at least `minimum`, at most ``maxLength``.
  package func sample(_ random: inout SeededGenerator, minimum: Int) -> Int {
    let value: Int
    switch self {
    case .fixed(let n): value = n
    case .uniform(let low, let high): value = random.integer(in: low, high)
    case .lognormal(let mean, let sigma):
      // mean = exp(μ + σ²/2), so μ = ln(mean) − σ²/2.
      let mu = log(mean) - sigma * sigma / 2
      let x = exp(mu + sigma * random.normal())
      value = x.isFinite ? Int(min(x, Double(Self.maxLength)).rounded()) : Self.maxLength
    }
    return min(max(value, minimum), Self.maxLength)
  }
}
