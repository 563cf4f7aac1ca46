/// An error a user can act on: where it happened, what is wrong, what was
/// given and what was expected.
///
/// Every error LIFE reports is one of these, rendered in one place
/// (``description``) in the shape
/// `error: <where>: <what is wrong> (got <value>; expected <...>)`, with a
/// did-you-mean appended when a close name exists.
public struct LifeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Whether the user typed something wrong (exit code 2) or a file or a run
  /// failed (exit code 1).
  public enum Kind: Sendable, Equatable {
    /// A bad flag, flag value or missing argument: exit code 2.
    case usage
    /// Bad file contents or a run that cannot complete: exit code 1.
    case failure
  }

  /// The kind, which decides the exit code.
  public var kind: Kind
  /// Where: a file, a JSON path inside it, a flag, or a command.
  public var location: ErrorLocation
  /// What is wrong, in lower case, without a trailing period.
  public var message: String
  /// The offending value as the user gave it, if there is one.
  public var got: String?
  /// What would have been accepted.
  public var expected: String?
  /// A close valid spelling, for a did-you-mean.
  public var suggestion: String?

  /// Creates an error.
  public init(
    _ kind: Kind, at location: ErrorLocation, _ message: String,
    got: String? = nil, expected: String? = nil, suggestion: String? = nil
  ) {
    self.kind = kind
    self.location = location
    self.message = message
    self.got = got
    self.expected = expected
    self.suggestion = suggestion
  }

  /// The process exit code for this error: 2 for usage, 1 for failures.
  public var exitCode: Int32 { kind == .usage ? 2 : 1 }

  /// The one-line message, without the `error: ` prefix.
  public var description: String {
    var text = ""
    let place = location.description
    if !place.isEmpty { text += place + ": " }
    text += message
    var details: [String] = []
    if let got { details.append("got \(got)") }
    if let expected { details.append("expected \(expected)") }
    if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
    if let suggestion { text += "; did you mean '\(suggestion)'?" }
    return text
  }

  /// The full line written to standard error.
  public var rendered: String { "error: " + description }
}

/// Where an error happened: any of a file, a path inside it and a flag.
public struct ErrorLocation: Sendable, Equatable, CustomStringConvertible {
  /// The file as the user named it.
  public var file: String?
  /// A dotted path inside the file, e.g. `devices.npu.peak_tops`, or a CSV
  /// `line 3, column value`.
  public var path: String?
  /// A command-line flag such as `--prompt`, or a subcommand.
  public var flag: String?

  /// Creates a location.
  public init(file: String? = nil, path: String? = nil, flag: String? = nil) {
    self.file = file
    self.path = path
    self.flag = flag
  }

  /// A location that is only a flag.
  public static func flag(_ name: String) -> ErrorLocation { ErrorLocation(flag: name) }
  /// A location that is only a file.
  public static func file(_ name: String) -> ErrorLocation { ErrorLocation(file: name) }
  /// No particular place.
  public static let none = ErrorLocation()

  /// `file: path` or `--flag`, joined with `: `.
  public var description: String {
    [flag, file, path].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
  }
}

extension LifeError {
  /// A usage error at a flag.
  public static func usage(
    _ flag: String, _ message: String, got: String? = nil, expected: String? = nil,
    suggestion: String? = nil
  ) -> LifeError {
    LifeError(
      .usage, at: .flag(flag), message, got: got, expected: expected, suggestion: suggestion)
  }

  /// A failure in a file, at a JSON path.
  public static func file(
    _ file: String?, path: String?, _ message: String, got: String? = nil,
    expected: String? = nil, suggestion: String? = nil
  ) -> LifeError {
    LifeError(
      .failure, at: ErrorLocation(file: file, path: path), message, got: got, expected: expected,
      suggestion: suggestion)
  }
}
