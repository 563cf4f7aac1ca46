import Trace

/// How the command line renders a ``LifeError``: the one place. An input
/// origin is named as the flag that gives it (`--prompt`, `--vary prompt`),
/// and control characters from the input are shown escaped, never sent raw
/// to the terminal.
enum ErrorText {
  /// `error: <where>: <what is wrong> (got <value>; expected <...>)`.
  static func line(for error: LifeError) -> String {
    escaped("error: " + error.description(naming: flag))
  }

  /// The flag that gives `origin`.
  static func flag(_ origin: InputOrigin) -> String {
    switch origin {
    case .option(let option): return "--" + option.name
    case .parameter(let parameter): return "--" + parameter.rawValue
    case .sweepAxis(let axis): return "--vary " + axis
    case .argument(let text): return text
    }
  }

  /// `text` with C0 control characters, DEL and C1 controls as `\u{XX}`.
  static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      if isControl(scalar) {
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
  }
}
