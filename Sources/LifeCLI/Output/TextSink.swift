import Foundation

/// Where a command's text goes: standard output or error, or a string in
/// tests. (Reference types: a sink is shared by whoever writes to it.)
protocol TextSink: AnyObject {
  /// Appends text.
  func write(_ text: String)
}

/// Text collected in memory, for tests.
final class CapturedText: TextSink {
  /// Everything written so far.
  private(set) var text = ""

  /// Appends text.
  func write(_ text: String) { self.text += text }
}

/// A buffered standard stream (file descriptor 1 or 2), flushed when the
/// buffer fills and by ``flush()``.
final class StandardStream: TextSink {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private static let capacity = 1 << 16

  /// Standard output.
  static func output() -> StandardStream { StandardStream(descriptor: 1) }
  /// Standard error.
  static func error() -> StandardStream { StandardStream(descriptor: 2) }

  private init(descriptor: Int32) { self.descriptor = descriptor }

  /// Appends text, writing out once the buffer is full.
  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.capacity { flush() }
  }

  /// Writes out everything buffered. A closed pipe drops the rest quietly.
  func flush() {
    var offset = 0
    while offset < buffer.count {
      let written = buffer[offset...].withUnsafeBytes {
        Foundation.write(descriptor, $0.baseAddress, $0.count)
      }
      if written < 0 {
        if errno == EINTR { continue }
        break
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }

  deinit { flush() }
}
