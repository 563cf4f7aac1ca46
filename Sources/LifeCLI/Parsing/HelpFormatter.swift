import Trace

/// The help text of the tool and of each subcommand, built from the same
/// specs the parser uses, wrapped to ``width`` columns.
enum HelpFormatter {
  /// The widest line help prints.
  static let width = 100
  /// Where descriptions start.
  private static let column = 26

  /// `life --help`.
  static func toolHelp() -> String {
    var lines = [
      "OVERVIEW: LIFE \(LifeVersion.current), the LLM Inference Forecast Engine: forecasts LLM"
        + " inference performance (TTFT, TPOT, TPS) analytically from a model, a workload and"
        + " devices.",
      "",
      "USAGE: life <subcommand> [<options>]",
      "",
      "SUBCOMMANDS:",
    ].flatMap { wrap($0) }
    for command in Subcommands.all {
      lines += entry(command.spec.name, command.spec.abstract)
    }
    lines += ["", "OPTIONS:"]
    lines += entry("-h, --help", "show help (also 'life <subcommand> --help')")
    lines += entry("--version", "print the version")
    lines += [
      "", "EXAMPLES:",
    ].flatMap { wrap($0) }
    lines += [
      "life workload --model llama-2-7b --prompt 1536 --generate 128 --weights int4",
      "life forecast --model llama-2-7b --device ryzen-ai-max-395-npu --prompt 1536 --generate 128",
    ].flatMap { wrap($0, indent: 4, first: 2) }
    lines += [
      "",
      "EXIT CODES: 0 success, 1 failure (bad file contents, a run that cannot complete),"
        + " 2 usage error.",
      "See 'life <subcommand> --help' for a subcommand's flags.",
    ].flatMap { wrap($0) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `life <subcommand> --help`.
  static func help(for spec: CommandSpec) -> String {
    var lines = wrap("OVERVIEW: " + spec.abstract)
    if !spec.discussion.isEmpty { lines += [""] + wrap(spec.discussion) }
    lines += [""] + wrap(usage(for: spec), indent: 7)
    if !spec.positionals.isEmpty {
      lines += ["", "ARGUMENTS:"]
      for positional in spec.positionals {
        lines += entry(positional.usage, positional.help)
      }
    }
    lines += ["", "OPTIONS:"]
    for flag in spec.flags {
      var label = flag.spelling
      if let valueName = flag.valueName { label += " " + valueName }
      var detail: [String] = []
      if let values = flag.values { detail.append("values: " + values) }
      if flag.isRequired {
        detail.append("required")
      } else if let defaultText = flag.defaultText {
        detail.append("default: " + defaultText)
      }
      if flag.isRepeatable { detail.append("may be repeated") }
      lines += entry(label, flag.help, detail: detail.joined(separator: "; "))
    }
    lines += entry("-h, --help", "show this help")
    lines += ["", "EXAMPLES:"]
    for example in spec.examples { lines += wrap("life " + example, indent: 4, first: 2) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `USAGE: life forecast --model MODEL --prompt N [<options>]`.
  static func usage(for spec: CommandSpec) -> String {
    var parts = ["USAGE:", spec.qualifiedName]
    for positional in spec.positionals {
      parts.append(positional.minimumCount == 0 ? "[\(positional.usage)]" : positional.usage)
    }
    for flag in spec.flags where flag.isRequired {
      parts.append(flag.spelling + (flag.valueName.map { " " + $0 } ?? ""))
    }
    parts.append("[<options>]")
    return parts.joined(separator: " ")
  }

  /// A label and its description in two columns, with an optional detail
  /// line below the description.
  private static func entry(_ label: String, _ text: String, detail: String = "") -> [String] {
    var lines: [String] = []
    var body = wrap(text, indent: column, first: column)
    if !detail.isEmpty { body += wrap(detail, indent: column, first: column) }
    let head = "  " + label
    if head.count + 2 <= column, let first = body.first {
      lines.append(
        head + String(repeating: " ", count: column - head.count) + first.dropFirst(column))
      lines += body.dropFirst()
    } else {
      lines.append(head)
      lines += body
    }
    return lines
  }

  /// Wraps `text` at word boundaries to ``width``; the first line is indented
  /// by `first` spaces, the rest by `indent`.
  static func wrap(_ text: String, indent: Int = 0, first: Int = 0) -> [String] {
    if text.isEmpty { return [""] }
    var lines: [String] = []
    var line = String(repeating: " ", count: first)
    var lineHasWord = false
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if lineHasWord, line.count + 1 + word.count > width {
        lines.append(line)
        line = String(repeating: " ", count: indent)
        lineHasWord = false
      }
      line += (lineHasWord ? " " : "") + word
      lineHasWord = true
    }
    lines.append(line)
    return lines
  }
}
