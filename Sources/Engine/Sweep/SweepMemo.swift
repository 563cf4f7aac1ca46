import Foundation
import Trace

/// A thread-safe cache for values several sweep points share, such as the
/// op trace of one workload (key: ``SweepPoint/workloadKey``). Two threads
/// asking for a missing key at once may both build it; one result is kept.
public final class SweepMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Key: Value] = [:]

  /// An empty cache.
  public init() {}

  /// The cached value for `key`, built with `make` when missing.
  public func value(for key: Key, make: () throws(LifeError) -> Value) throws(LifeError) -> Value {
    lock.lock()
    if let v = values[key] {
      lock.unlock()
      return v
    }
    lock.unlock()
    let v = try make()
    lock.lock()
    defer { lock.unlock() }
    if let existing = values[key] { return existing }
    values[key] = v
    return v
  }

  /// The number of cached values.
  public var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return values.count
  }
}
