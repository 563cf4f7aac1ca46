import Dispatch
import Foundation
import Trace

/// Evaluates sweep points in parallel on all cores. Results are placed by
/// point index, so the output is the same whatever the thread count; when
/// points fail, the error of the lowest failing index is thrown.
package struct SweepRunner: Sendable {
  /// Worker threads; defaults to the active processor count.
  package var threads: Int
  /// Points a worker takes at a time (neighbouring points often share a
  /// workload, and so an op trace).
  package var chunk: Int

  /// Creates a runner.
  package init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, chunk: Int = 16) {
    self.threads = max(1, threads)
    self.chunk = max(1, chunk)
  }

  /// Forecasts one point.
  package typealias Evaluate = @Sendable (SweepPoint) throws(LifeError) -> SweepResult
  /// Called after each point with (points done, points in this run), from
  /// worker threads.
  package typealias Progress = @Sendable (Int, Int) -> Void

  /// Evaluates the points of `grid` in `shard` (all points when nil); rows
  /// come back in index order. `order`, when given, is the order in which
  /// points are taken, as positions in the shard (a permutation of
  /// `0..<count`): e.g. points sharing a workload together, so that a
  /// bounded trace cache keeps hitting. It changes no result.
  package func run(
    _ grid: SweepGrid, shard: SweepShard? = nil, order: [Int]? = nil,
    progress: Progress? = nil, evaluate: @escaping Evaluate
  ) throws(LifeError) -> [SweepRow] {
    let range = shard?.range(total: grid.count) ?? 0..<grid.count
    if let order, order.count != range.count || Set(order) != Set(0..<range.count) {
      throw LifeError(
        .failure, at: .none, "sweep evaluation order is not a permutation of the points",
        got: "\(order.count) positions", expected: "\(range.count)")
    }
    let state = RunState(count: range.count)
    let chunks = (range.count + chunk - 1) / chunk
    let chunk = self.chunk
    let workers = min(threads, max(chunks, 1))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let c = state.nextChunk(of: chunks) {
        let lo = c * chunk
        let hi = min(lo + chunk, range.count)
        for position in lo..<hi {
          let slot = order?[position] ?? position
          if state.shouldSkip(slot) { continue }
          let point = grid.point(range.lowerBound + slot)
          do throws(LifeError) {
            let result = try evaluate(point)
            let done = state.store(result, at: slot)
            progress?(done, range.count)
          } catch {
            state.fail(error, at: slot)
          }
        }
      }
    }
    return try state.rows(grid: grid, offset: range.lowerBound)
  }
}

/// Shared state of one run, behind a lock.
final class RunState: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [SweepResult?]
  private var next = 0
  private var done = 0
  private var failure: (slot: Int, error: LifeError)?

  init(count: Int) { results = [SweepResult?](repeating: nil, count: count) }

  func nextChunk(of chunks: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < chunks else { return nil }
    next += 1
    return next - 1
  }

  /// Points after a failed one need not run: only a lower failure could
  /// replace it as the reported one.
  func shouldSkip(_ slot: Int) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return failure.map { slot > $0.slot } ?? false
  }

  func store(_ result: SweepResult, at slot: Int) -> Int {
    lock.lock()
    defer { lock.unlock() }
    results[slot] = result
    done += 1
    return done
  }

  func fail(_ error: LifeError, at slot: Int) {
    lock.lock()
    defer { lock.unlock() }
    if failure.map({ slot < $0.slot }) ?? true { failure = (slot, error) }
  }

  func rows(grid: SweepGrid, offset: Int) throws(LifeError) -> [SweepRow] {
    lock.lock()
    defer { lock.unlock() }
    if let failure { throw failure.error }
    var rows: [SweepRow] = []
    rows.reserveCapacity(results.count)
    for (slot, result) in results.enumerated() {
      guard let result else {
        throw LifeError(.failure, at: .none, "sweep point \(offset + slot) was not evaluated")
      }
      rows.append(SweepRow(point: grid.point(offset + slot), result: result))
    }
    return rows
  }
}
