/// Seeded byte-level mutations for the readers' fuzz tests: flipped and
/// replaced bytes (any value, ill-formed UTF-8 included), deleted,
/// duplicated and inserted runs, absurd numbers spliced in, truncation.
/// Every mutation is a function of the seed alone.
public struct ByteFuzz {
  private var state: UInt64

  /// A mutator for `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits (SplitMix64).
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<n` (0 when n ≤ 0).
  public mutating func index(_ n: Int) -> Int {
    n <= 0 ? 0 : Int(next() % UInt64(n))
  }

  /// Texts that stress number parsing and arithmetic.
  public static let absurd: [String] = [
    "1e999", "-1e999", "NaN", "Infinity", "9223372036854775807", "-9223372036854775808",
    "9223372036854775808", "1000000000000000000", "-1", "1e308", "1e-320", "0.5", "\"x\"",
    "null", "[]", "{}", "true", "18446744073709551616", "-0", "4294967296",
  ]

  /// Bytes that are not UTF-8 on their own, or start an ill-formed form.
  static let hostile: [[UInt8]] = [
    [0xE9], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x80],
    [0x00], [0x1B, 0x5B, 0x33, 0x31, 0x6D], [0xE2, 0x80, 0xAE],
  ]

  /// `bytes` after one to four mutations.
  public mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
    var out = bytes
    for _ in 0...index(4) { out = mutateOnce(out) }
    return out
  }

  mutating func mutateOnce(_ bytes: [UInt8]) -> [UInt8] {
    var out = bytes
    guard !out.isEmpty else { return Array("{".utf8) }
    let at = index(out.count)
    let length = min(out.count - at, 1 + index(16))
    switch index(8) {
    case 0: out[at] = UInt8(truncatingIfNeeded: next())
    case 1: out[at] ^= UInt8(1) << UInt8(index(8))
    case 2: out.removeSubrange(at..<(at + length))
    case 3: out.insert(contentsOf: Array(out[at..<(at + length)]), at: at)
    case 4: out.insert(contentsOf: Self.hostile[index(Self.hostile.count)], at: at)
    case 5: out.removeSubrange(at...)
    default:
      // Replace the number (or the run of digits) at `at` with an absurd one.
      var start = at
      while start > 0, Self.isNumberByte(out[start - 1]) { start -= 1 }
      var end = at
      while end < out.count, Self.isNumberByte(out[end]) { end += 1 }
      if end == start { end = min(out.count, start + 1) }
      out.replaceSubrange(start..<end, with: Array(Self.absurd[index(Self.absurd.count)].utf8))
    }
    return out
  }

  static func isNumberByte(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E || b == 0x65 || b == 0x45 || b == 0x2B
  }

  /// A stable seed for `name` and case `index`.
  public static func seed(_ name: String, _ index: Int) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in (name + "/" + String(index)).utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    return hash
  }
}
