import Foundation
import Trace

/// The `--out` directory of `simulate` and `compare`.
enum OutputDirectory {
  /// Creates `path` (and its parents) when missing; errors naming `flag`
  /// when it is a file, cannot be created or cannot be written to.
  static func prepare(_ path: String) throws(LifeError) -> String {
    let out = ErrorLocation(origin: .argument("--out"))
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw LifeError(
          .failure, at: out, "not a directory", got: "'\(path)' (a file)",
          expected: "a directory, or a path where one can be created")
      }
    } else {
      do {
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        throw LifeError(
          .failure, at: out, "cannot create the output directory", got: "'\(path)'",
          expected: "a path where a directory can be created (\(error.localizedDescription))")
      }
    }
    guard access(path, W_OK | X_OK) == 0 else {
      throw LifeError(
        .failure, at: out, "cannot write into the output directory", got: "'\(path)'",
        expected: "a writable directory")
    }
    return path
  }

  /// Removes `name` from `directory` if it is there (a stale output of ours).
  static func removeStale(_ name: String, in directory: String) {
    let path = (directory as NSString).appendingPathComponent(name)
    if FileManager.default.fileExists(atPath: path) {
      try? FileManager.default.removeItem(atPath: path)
    }
  }
}

extension OutputDirectory {
  /// Creates `path` (and its parents) when missing.
  static func make(_ path: String) throws(LifeError) {
    do {
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true, attributes: nil)
    } catch {
      throw LifeError.file(
        path, path: nil, "cannot create the output directory", got: error.localizedDescription)
    }
  }

  /// The files `simulate` and `compare` write.
  static let ownNames = [
    "timeline.json", "timeline.json.gz", "summary.json", "steps.csv", "ops.csv", "report.html",
    "compare.csv", "compare.html",
  ]

  /// Removes temporary files (`.NAME.tmp-PID-N`, see `AtomicFile`) that an
  /// earlier run of ours left behind when it was killed: only for our own
  /// file names, and only when process PID no longer exists.
  static func removeStaleTemporaries(in directory: String) {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      return
    }
    for entry in entries where entry.hasPrefix(".") {
      for name in ownNames {
        let prefix = ".\(name).tmp-"
        guard entry.hasPrefix(prefix) else { continue }
        let rest = entry.dropFirst(prefix.count)
        guard let pidText = rest.split(separator: "-").first, let pid = Int32(pidText) else {
          continue
        }
        if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
          unlink((directory as NSString).appendingPathComponent(entry))
        }
      }
    }
  }
}
