import Foundation
import Trace

/// A thread-safe cache for values several sweep points share, such as the
/// replay plan of one workload (key: ``SweepPoint/workloadKey``). Two
/// threads asking for a missing key at once may both build it; one result
/// is kept. With a `capacity` (values) or a `budget` (the sum of `cost`
/// over cached values, e.g. bytes), the least recently used values are
/// dropped to make room; a value costing more than the whole budget is
/// returned but not kept.
package final class SweepMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Key: (value: Value, cost: Int)] = [:]
  /// Keys from least to most recently used (kept only when bounded).
  private var recency: [Key] = []
  private let capacity: Int?
  private let budget: Int?
  private let cost: @Sendable (Value) -> Int
  private var spent = 0

  /// An empty cache, unbounded when both `capacity` and `budget` are nil.
  package init(
    capacity: Int? = nil, budget: Int? = nil, cost: @escaping @Sendable (Value) -> Int = { _ in 0 }
  ) {
    self.capacity = capacity.map { max(1, $0) }
    self.budget = budget.map { max(0, $0) }
    self.cost = cost
  }

  private var bounded: Bool { capacity != nil || budget != nil }

  private func touch(_ key: Key) {
    guard bounded else { return }
    if let i = recency.firstIndex(of: key) { recency.remove(at: i) }
    recency.append(key)
  }

  private func evictOldest() {
    guard !recency.isEmpty else { return }
    let oldest = recency.removeFirst()
    if let entry = values.removeValue(forKey: oldest) { spent -= entry.cost }
  }

  /// The cached value for `key`, built with `make` when missing.
  package func value(for key: Key, make: () throws(LifeError) -> Value) throws(LifeError) -> Value {
    lock.lock()
    if let entry = values[key] {
      touch(key)
      lock.unlock()
      return entry.value
    }
    lock.unlock()
    let v = try make()
    let c = max(0, cost(v))
    lock.lock()
    defer { lock.unlock() }
    if let existing = values[key] {
      touch(key)
      return existing.value
    }
    if let budget, c > budget { return v }
    if let capacity {
      while values.count >= capacity, !recency.isEmpty { evictOldest() }
    }
    if let budget {
      while spent + c > budget, !recency.isEmpty { evictOldest() }
    }
    values[key] = (v, c)
    spent += c
    touch(key)
    return v
  }

  /// The number of cached values.
  package var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return values.count
  }

  /// The summed cost of the cached values.
  package var totalCost: Int {
    lock.lock()
    defer { lock.unlock() }
    return spent
  }
}
