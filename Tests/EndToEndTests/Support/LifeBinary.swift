import Foundation
import Testing

/// Runs the built `life` executable as a user would and captures what it
/// prints and its exit code.
///
/// The binary is `$LIFE_BINARY` when set, else `life` beside the test bundle
/// (the products directory `swift test` builds into), else
/// `.build/debug/life` under the package root. `swift test` builds it along
/// with the tests; `./scripts/test.sh` builds it explicitly first.
enum LifeBinary {
  /// What one run produced.
  struct Result: CustomStringConvertible {
    /// The exit code (or the signal number, negated, when killed).
    var code: Int32
    /// Standard output.
    var out: String
    /// Standard error.
    var err: String

    var description: String { "exit \(code)\nstdout:\n\(out)\nstderr:\n\(err)" }
  }

  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Support
    .deletingLastPathComponent()  // EndToEndTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// Where the binary is looked for, in order.
  static var candidates: [URL] {
    var urls: [URL] = []
    if let path = ProcessInfo.processInfo.environment["LIFE_BINARY"], !path.isEmpty {
      urls.append(URL(fileURLWithPath: path))
    }
    if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
      urls.append(bundle.appendingPathComponent("life"))
    }
    urls.append(packageRoot.appendingPathComponent(".build/debug/life"))
    return urls
  }

  /// The binary, or nil when none of the candidates exists.
  static var url: URL? {
    candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// Why a test cannot run: says where the binary was looked for and how to
  /// build it.
  static var missingMessage: String {
    "the life binary was not found (looked at "
      + candidates.map(\.path).joined(separator: ", ")
      + "); build it with 'swift build --product life' (./scripts/test.sh does) or set LIFE_BINARY"
  }

  /// Runs `life` with `arguments` in `directory` (the package root by
  /// default), killing it after `timeout` seconds. `environment` is added
  /// to the test's; `standardOutput`, when given, is the file standard
  /// output goes to (`/dev/full`, say) instead of being captured.
  static func run(
    _ arguments: [String], in directory: URL = packageRoot, timeout: TimeInterval = 120,
    environment: [String: String] = [:], standardOutput: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Result {
    guard let url else {
      Issue.record(Comment(rawValue: missingMessage), sourceLocation: sourceLocation)
      throw CocoaError(.fileNoSuchFile)
    }
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    defer {
      try? outHandle.close()
      try? errHandle.close()
    }

    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardInput = FileHandle.nullDevice
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    if let standardOutput {
      guard let handle = FileHandle(forWritingAtPath: standardOutput) else {
        throw CocoaError(.fileWriteUnknown)
      }
      process.standardOutput = handle
    } else {
      process.standardOutput = outHandle
    }
    process.standardError = errHandle
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { usleep(10_000) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      Issue.record("life \(arguments) ran past \(timeout) s", sourceLocation: sourceLocation)
    }
    process.waitUntilExit()
    let code =
      process.terminationReason == .uncaughtSignal
      ? -process.terminationStatus : process.terminationStatus
    let out = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    let err = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    return Result(code: code, out: out, err: err)
  }

  /// Runs `life` with a command line split on spaces.
  static func run(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    -> Result
  {
    try run(line.split(separator: " ").map(String.init), sourceLocation: sourceLocation)
  }
}
