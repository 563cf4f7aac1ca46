import Foundation

/// Where a command's text goes: standard output or error, or a string in
/// tests. (Reference types: a sink is shared by whoever writes to it.)
protocol TextSink: AnyObject {
  /// Appends text.
  func write(_ text: String)
  /// Appends UTF-8 bytes (whole characters).
  func write(bytes: [UInt8])
  /// Whether a write has failed (later writes are dropped).
  var failed: Bool { get }
}

extension TextSink {
  func write(bytes: [UInt8]) { write(String(decoding: bytes, as: UTF8.self)) }
  var failed: Bool { false }
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

  /// The error of the first write that failed (other than a closed pipe).
  private(set) var writeError: Int32?
  /// Whether the reader went away (a closed pipe).
  private var closed = false

  /// Appends text, writing out once the buffer is full.
  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.capacity { _ = flush() }
  }

  /// Appends bytes, writing out once the buffer is full.
  func write(bytes: [UInt8]) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.capacity { _ = flush() }
  }

  /// Whether a write has failed (a full disk); a closed pipe is not a
  /// failure, but stops the output all the same.
  var failed: Bool { writeError != nil || closed }

  /// Writes out everything buffered; false when a write has failed (a full
  /// disk, say). A closed pipe (the reader stopped, as `head` does) drops
  /// the rest quietly and is no failure.
  @discardableResult
  func flush() -> Bool {
    var offset = 0
    while writeError == nil, !closed, offset < buffer.count {
      let written = buffer[offset...].withUnsafeBytes {
        Foundation.write(descriptor, $0.baseAddress, $0.count)
      }
      if written < 0 {
        if errno == EINTR { continue }
        if errno == EPIPE {
          closed = true
        } else {
          writeError = errno
        }
        break
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
    return writeError == nil
  }

  /// What went wrong, for the error line.
  var failureMessage: String {
    let name = descriptor == 1 ? "standard output" : "standard error"
    let reason = writeError.map { String(cString: strerror($0)) } ?? "unknown error"
    return "cannot write to \(name): \(reason)"
  }

  deinit { flush() }
}
