import Foundation

/// A repeatable pseudo-random generator: xoshiro256** (Blackman and Vigna,
/// "Scrambled linear pseudorandom number generators", 2018), its state
/// seeded by SplitMix64 from one 64-bit seed. The same seed gives the same
/// numbers on every run and platform; the system generator is never used.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

  /// A generator whose state comes from `seed`.
  package init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// The next 64 random bits.
  package mutating func next() -> UInt64 {
    let result = rotate(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotate(s3, 45)
    return result
  }

  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A uniform number in [0, 1): the top 53 bits.
  package mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// A uniform number in (0, 1].
  package mutating func positiveUnit() -> Double { 1 - unit() }

  /// An exponential sample of rate `rate` (mean 1 / rate): −ln(u) / rate.
  package mutating func exponential(rate: Double) -> Double { -log(positiveUnit()) / rate }

  /// A standard normal sample (Box–Muller: √(−2 ln u₁) · cos(2π u₂)).
  package mutating func normal() -> Double {
    let u1 = positiveUnit()
    let u2 = unit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A uniform integer in `low...high` (Lemire's multiply-high method,
  /// without its rejection step: a bias below 2⁻³² for ranges under 2³²).
  package mutating func integer(in low: Int, _ high: Int) -> Int {
    let span = UInt64(high - low) + 1
    return low + Int(span.multipliedFullWidth(by: next()).high)
  }
}
