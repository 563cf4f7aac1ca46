import Engine
import Foundation
import Trace

/// Text and numbers for SVG output, deterministic and escaped.
package enum SVGText {
  /// `s` with `& < > " '` escaped for text content and attribute values.
  package static func escape(_ s: String) -> String { Markup.escape(s) }

  /// A coordinate with one decimal.
  static func coord(_ x: Double) -> String { String(format: "%.1f", x) }

  /// A value label with 3 significant digits (`1.23`, `0.0456`, `1.2e+04`).
  package static func label(_ x: Double) -> String {
    guard x.isFinite else { return "–" }
    return String(format: "%.3g", x)
  }

  /// A `<text>` element.
  static func text(
    _ s: String, x: Double, y: Double, size: Double = 12, anchor: String = "middle",
    rotate: Bool = false, weight: String? = nil
  ) -> String {
    var attributes =
      "x=\"\(coord(x))\" y=\"\(coord(y))\" font-size=\"\(coord(size))\""
      + " text-anchor=\"\(anchor)\""
    if let weight { attributes += " font-weight=\"\(weight)\"" }
    if rotate { attributes += " transform=\"rotate(-90 \(coord(x)) \(coord(y)))\"" }
    return "<text \(attributes)>\(escape(s))</text>\n"
  }

  /// An `#rrggbb` colour from components in 0...1.
  static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
    func byte(_ v: Double) -> String {
      let n = Int((min(max(v, 0), 1) * 255).rounded())
      let h = String(n, radix: 16)
      return n < 16 ? "0" + h : h
    }
    return "#" + byte(r) + byte(g) + byte(b)
  }

  /// The SVG document header.
  static func open(width: Double, height: Double) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(coord(width))\" height=\"\(coord(height))\""
      + " viewBox=\"0 0 \(coord(width)) \(coord(height))\" font-family=\"sans-serif\">\n"
      + "<rect x=\"0\" y=\"0\" width=\"\(coord(width))\" height=\"\(coord(height))\" fill=\"#ffffff\"/>\n"
  }
}
