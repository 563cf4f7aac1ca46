import Dispatch
import Foundation

/// `body` applied to every index of `count` on all cores; results in index
/// order, so the output does not depend on the thread count.
package func parallelMap<T: Sendable>(
  _ count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
  _ body: @Sendable (Int) -> T
) -> [T] {
  let box = ResultBox<T>(count)
  let workers = max(1, min(threads, count))
  let next = IndexCounter()
  DispatchQueue.concurrentPerform(iterations: workers) { _ in
    while let i = next.take(below: count) { box.set(i, body(i)) }
  }
  return box.values()
}

private final class IndexCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  func take(below count: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < count else { return nil }
    next += 1
    return next - 1
  }
}

private final class ResultBox<T>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [T?]
  init(_ count: Int) { slots = [T?](repeating: nil, count: count) }
  func set(_ i: Int, _ value: T) {
    lock.lock()
    slots[i] = value
    lock.unlock()
  }
  func values() -> [T] { slots.compactMap { $0 } }
}
