/// Per-thread state of one writer: the end of the last top-level slice on
/// each thread (the no-overlap clamp) and whether the thread is named. A
/// run's thread ids are `10 × pid + lane` with pids just above its pid
/// base, so they index a short array (ids outside it fall back to a
/// dictionary).
struct ThreadTable {
  private let base: Int
  private var ends: [Int64]
  private var named: [Bool]
  private var otherEnds: [Int: Int64] = [:]
  private var otherNamed: Set<Int> = []
  private static let span = 4096

  init(pidBase: Int) {
    base = pidBase &* 10
    ends = []
    named = []
  }

  private func slot(_ tid: Int) -> Int? {
    let (offset, overflow) = tid.subtractingReportingOverflow(base)
    return !overflow && offset >= 0 && offset < Self.span ? offset : nil
  }

  private mutating func grow(to slot: Int) {
    guard slot >= ends.count else { return }
    let count = slot + 1 - ends.count
    ends.append(contentsOf: repeatElement(Int64.min, count: count))
    named.append(contentsOf: repeatElement(false, count: count))
  }

  /// The end of the thread's last top-level slice (`Int64.min` before its
  /// first).
  func end(of tid: Int) -> Int64 {
    guard let i = slot(tid) else { return otherEnds[tid] ?? Int64.min }
    return i < ends.count ? ends[i] : Int64.min
  }

  /// Records the end of the thread's latest top-level slice.
  mutating func setEnd(_ end: Int64, of tid: Int) {
    guard let i = slot(tid) else {
      otherEnds[tid] = end
      return
    }
    grow(to: i)
    ends[i] = end
  }

  /// Marks the thread named; true the first time.
  mutating func markNamed(_ tid: Int) -> Bool {
    guard let i = slot(tid) else { return otherNamed.insert(tid).inserted }
    grow(to: i)
    if named[i] { return false }
    named[i] = true
    return true
  }
}
