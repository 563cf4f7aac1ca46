/// An error a user can act on: where it happened, what is wrong, what was
/// given and what was expected.
///
/// Every error LIFE reports is one of these, rendered by each front end in
/// one place (``description(naming:)``) in the shape
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
  /// Where: a file, a place inside it, and the input the value came from.
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
  package init(
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
  package var exitCode: Int32 { kind == .usage ? 2 : 1 }

  /// The one-line message, without the `error: ` prefix, naming the input
  /// the value came from by its own name (``InputOrigin/name``).
  public var description: String { description(naming: \.name) }

  /// The one-line message, with the origin rendered by `name`: how a front
  /// end spells its inputs (the command line as flags).
  public func description(naming name: (InputOrigin) -> String) -> String {
    var text = ""
    let place = [location.origin.map(name), location.file, location.path].compactMap { $0 }
      .filter { !$0.isEmpty }.joined(separator: ": ")
    if !place.isEmpty { text += place + ": " }
    text += message
    var details: [String] = []
    if let got { details.append("got \(got)") }
    if let expected { details.append("expected \(expected)") }
    if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
    if let suggestion { text += "; did you mean '\(suggestion)'?" }
    return text
  }

  /// The full line, `error: ` and ``description``.
  package var rendered: String { "error: " + description }
}

/// Where an error happened: any of a file, a place inside it, and the named
/// input the value came from. The input is data (``InputOrigin``), not text:
/// each front end renders it (the command line as a flag, a scenario file as
/// its key).
public struct ErrorLocation: Sendable, Equatable, CustomStringConvertible {
  /// The file as the user named it.
  public var file: String?
  /// A place inside the file: a dotted JSON path (`devices.npu.peak_tops`)
  /// or a CSV cell (`line 3, column value`).
  public var path: String?
  /// The named input the value came from, when it did not come from a file.
  public var origin: InputOrigin?

  /// Creates a location.
  public init(file: String? = nil, path: String? = nil, origin: InputOrigin? = nil) {
    self.file = file
    self.path = path
    self.origin = origin
  }

  /// A location that is only a workload option.
  package static func option(_ option: WorkloadOption) -> ErrorLocation {
    ErrorLocation(origin: .option(option))
  }
  /// A location that is only a run parameter.
  package static func parameter(_ parameter: RunParameter) -> ErrorLocation {
    ErrorLocation(origin: .parameter(parameter))
  }
  /// A location that is only a file.
  package static func file(_ name: String) -> ErrorLocation { ErrorLocation(file: name) }
  /// A cell of a CSV file.
  package static func csv(_ file: String?, line: Int, column: String? = nil) -> ErrorLocation {
    ErrorLocation(file: file, path: "line \(line)" + (column.map { ", column \($0)" } ?? ""))
  }
  /// No particular place.
  package static let none = ErrorLocation()

  /// The origin, file and path joined with `: `; the origin by its own name
  /// (front ends render it their way: ``InputOrigin/name``).
  public var description: String {
    [origin?.name, file, path].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
  }
}

/// The named input a value came from: a workload option, another run
/// parameter, a sweep axis, or an argument of the front end itself.
public enum InputOrigin: Sendable, Hashable {
  /// A workload option (a flag, a scenario option, a sweep value).
  case option(WorkloadOption)
  /// A run parameter that is not a workload option.
  case parameter(RunParameter)
  /// An axis of a sweep, by the name it was given.
  case sweepAxis(String)
  /// An argument the front end names itself, as it spells it.
  case argument(String)

  /// The input's own name: the option or parameter name, `vary NAME` for an
  /// axis, the argument as spelled.
  public var name: String {
    switch self {
    case .option(let option): return option.name
    case .parameter(let parameter): return parameter.rawValue
    case .sweepAxis(let axis): return "vary " + axis
    case .argument(let text): return text
    }
  }
}

extension LifeError {
  /// A usage error at a named input.
  package static func usage(
    _ origin: InputOrigin, _ message: String, got: String? = nil, expected: String? = nil,
    suggestion: String? = nil
  ) -> LifeError {
    LifeError(
      .usage, at: ErrorLocation(origin: origin), message, got: got, expected: expected,
      suggestion: suggestion)
  }

  /// A failure in a file, at a place inside it.
  package static func file(
    _ file: String?, path: String?, _ message: String, got: String? = nil,
    expected: String? = nil, suggestion: String? = nil
  ) -> LifeError {
    LifeError(
      .failure, at: ErrorLocation(file: file, path: path), message, got: got, expected: expected,
      suggestion: suggestion)
  }
}
