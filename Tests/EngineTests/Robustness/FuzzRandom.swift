/// Picks for the fuzz tests, on the suite's seeded SplitMix64 generator
/// (Calibration/SplitMix64.swift), so every case replays from its seed.
extension SplitMix64 {
  /// A random index below `count` (0 when `count` < 1).
  mutating func index(_ count: Int) -> Int { Int(next() % UInt64(max(count, 1))) }

  /// One of `items`, which must not be empty.
  mutating func pick<T>(_ items: [T]) -> T { items[index(items.count)] }
}
