/// Escaping for HTML, SVG and XML text and attribute values: the one place
/// every page and chart LIFE writes escapes strings that come from input.
package enum Markup {
  /// `s` with `& < > " '` replaced by entities and control characters (other
  /// than tab and line breaks, and DEL) dropped: safe in text and in quoted
  /// attributes, so a model named `<script>` renders as text.
  package static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
