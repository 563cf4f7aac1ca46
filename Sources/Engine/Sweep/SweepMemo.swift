import Foundation
import Trace

/// A thread-safe cache for values several sweep points share, such as the
/// op trace of one workload (key: ``SweepPoint/workloadKey``). Two threads
/// asking for a missing key at once may both build it; one result is kept.
/// With a `capacity`, the least recently used value is dropped to make room
/// (recorded traces are megabytes each).
package final class SweepMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Key: Value] = [:]
  /// Keys from least to most recently used (kept only with a capacity).
  private var recency: [Key] = []
  private let capacity: Int?

  /// An empty cache, unbounded when `capacity` is nil (else at least 1).
  package init(capacity: Int? = nil) { self.capacity = capacity.map { max(1, $0) } }

  private func touch(_ key: Key) {
    guard capacity != nil else { return }
    if let i = recency.firstIndex(of: key) { recency.remove(at: i) }
    recency.append(key)
  }

  /// The cached value for `key`, built with `make` when missing.
  package func value(for key: Key, make: () throws(LifeError) -> Value) throws(LifeError) -> Value {
    lock.lock()
    if let v = values[key] {
      touch(key)
      lock.unlock()
      return v
    }
    lock.unlock()
    let v = try make()
    lock.lock()
    defer { lock.unlock() }
    if let existing = values[key] {
      touch(key)
      return existing
    }
    if let capacity, values.count >= capacity, let oldest = recency.first {
      recency.removeFirst()
      values[oldest] = nil
    }
    values[key] = v
    touch(key)
    return v
  }

  /// The number of cached values.
  package var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return values.count
  }
}
