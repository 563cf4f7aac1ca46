import Foundation

/// Paths that are not regular files, for the tests that give them to every
/// reader and writer: a FIFO (whose open would block with no writer), a
/// Unix socket, a character device and a directory.
public enum SpecialFiles {
  /// One special path and what the readers must call it.
  public struct Entry: Sendable, CustomStringConvertible {
    /// The path.
    public var path: String
    /// How errors name it: `a FIFO (named pipe)`, `a socket`, ... (nil for
    /// the directory, which has its own message).
    public var kind: String?
    public var description: String { kind ?? "a directory" }
  }

  /// Creates a FIFO, a socket and a directory in `directory` (which must
  /// exist) and returns them with `/dev/null`.
  public static func make(in directory: String) throws -> [Entry] {
    let fifo = directory + "/fifo.json"
    guard mkfifo(fifo, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
    let socketPath = directory + "/socket.json"
    try bindSocket(at: socketPath)
    let folder = directory + "/folder.json"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return [
      Entry(path: fifo, kind: "a FIFO (named pipe)"),
      Entry(path: socketPath, kind: "a socket"),
      Entry(path: "/dev/null", kind: "a character device"),
      Entry(path: folder, kind: nil),
    ]
  }

  /// A Unix-domain socket bound at `path` (left open: the file stays).
  static func bindSocket(at path: String) throws {
    #if os(Linux)
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
      throw CocoaError(.fileWriteInvalidFileName)
    }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, byte) in bytes.enumerated() { raw[i] = byte }
      raw[bytes.count] = 0
    }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    close(descriptor)
    guard result == 0 else { throw CocoaError(.fileWriteUnknown) }
  }

  /// The message a reader gives for `entry`.
  public static func message(for entry: Entry) -> String {
    guard let kind = entry.kind else { return "\(entry.path): is a directory (expected a file)" }
    return "\(entry.path): not a regular file (got \(kind); expected a regular file)"
  }
}

extension SpecialFiles {
  /// What `body` threw (its description), "no error", or nil when it did
  /// not return within `seconds` (a read that blocks: the thread is left
  /// behind, and the caller records the failure).
  public static func outcome(
    within seconds: Double = 20, _ body: @escaping @Sendable () throws -> Void
  ) -> String? {
    final class Box: @unchecked Sendable {
      let lock = NSLock()
      var text: String?
    }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      var text = "no error"
      do { try body() } catch { text = "\(error)" }
      box.lock.lock()
      box.text = text
      box.lock.unlock()
      done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success else { return nil }
    box.lock.lock()
    defer { box.lock.unlock() }
    return box.text
  }
}
