import Engine
import Trace

extension FlagSpec {
  /// `--trace-format`: the timeline file's format.
  static let traceFormat = FlagSpec.option(
    "trace-format", "FORMAT",
    "the timeline's file format: json writes timeline.json, perfetto writes timeline.pftrace"
      + " (Perfetto's protobuf format, about 35% of the bytes)",
    values: TraceFormat.allCases.map(\.rawValue).joined(separator: " or "),
    default: "the scenario's trace.format, else json")
}

extension ParsedArguments {
  /// `--trace-format`, or nil when absent.
  func traceFormat() throws(LifeError) -> TraceFormat? {
    guard let value = value("trace-format") else { return nil }
    if let format = TraceFormat(rawValue: value.lowercased()) { return format }
    let names = TraceFormat.allCases.map(\.rawValue)
    throw LifeError.usage(
      .argument(FlagSpec.traceFormat.spelling), "invalid value", got: "'\(value)'",
      expected: names.joined(separator: " or "),
      suggestion: DidYouMean.suggest(value, among: names))
  }
}
