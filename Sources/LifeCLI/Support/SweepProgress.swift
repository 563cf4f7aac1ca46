import Foundation

/// `sweep: 1234/10000 points` on standard error, rewritten in place, only
/// when standard error is a terminal; at most every 1 % of the points.
final class SweepProgress: @unchecked Sendable {
  private let lock = NSLock()
  private var shown = -1

  /// A progress line when standard error is a terminal, else nil.
  static func onTerminal() -> SweepProgress? {
    isatty(2) != 0 ? SweepProgress() : nil
  }

  /// `done` of `total` points finished (called from worker threads).
  func report(_ done: Int, of total: Int) {
    let step = max(1, total / 100)
    lock.lock()
    defer { lock.unlock() }
    guard done == total || done / step != shown / step else { return }
    shown = done
    Self.write("\rsweep: \(done)/\(total) points")
  }

  /// Ends the line.
  func finish() { Self.write("\n") }

  private static func write(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { _ = Foundation.write(2, $0.baseAddress, $0.count) }
  }
}
