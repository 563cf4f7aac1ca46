import Trace

/// The one SVG builder of LIFE's pages and charts: shapes and text with
/// escaped content (``Markup/escape(_:)``) and fixed-precision coordinates,
/// so output is deterministic.
struct SVGCanvas {
  let width: Double
  let height: Double
  private(set) var body = ""

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  static func coordinate(_ v: Double) -> String { Format.fixed(v, decimals: 1) }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double? = nil,
    title: String? = nil
  ) {
    rect(
      x: x, y: y, width: width, height: height, fill: fill, opacity: opacity, title: title,
      stroke: nil)
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double?,
    title: String?, stroke: String?
  ) {
    let c = Self.coordinate
    body +=
      "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(Swift.max(width, 0)))\" height=\"\(c(Swift.max(height, 0)))\" fill=\"\(fill)\""
    if let opacity { body += " fill-opacity=\"\(Format.fixed(opacity, decimals: 2))\"" }
    if let stroke { body += " stroke=\"\(stroke)\"" }
    if let title {
      body += "><title>\(Markup.escape(title))</title></rect>\n"
    } else {
      body += "/>\n"
    }
  }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#999", dash: String? = nil
  ) {
    let c = Self.coordinate
    let dashed = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    body +=
      "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\"\(dashed)/>\n"
  }

  mutating func text(
    _ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 11,
    fill: String = "#333", weight: String? = nil, rotated: Bool = false
  ) {
    let c = Self.coordinate
    var extra = ""
    if let weight { extra += " font-weight=\"\(weight)\"" }
    if rotated { extra += " transform=\"rotate(-90 \(c(x)) \(c(y)))\"" }
    body +=
      "<text x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor)\" font-size=\"\(c(size))\" fill=\"\(fill)\"\(extra)>\(Markup.escape(content))</text>\n"
  }

  mutating func polyline(
    _ points: [(Double, Double)], stroke: String, id: String, className: String, dash: String? = nil
  ) {
    let c = Self.coordinate
    let list = points.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " ")
    let dashed = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    body +=
      "<polyline id=\"\(id)\" class=\"\(className)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"1.5\"\(dashed) points=\"\(list)\"/>\n"
  }

  /// A closed, filled shape without an outline (a likely-range band).
  mutating func polygon(
    _ points: [(Double, Double)], fill: String, opacity: Double, id: String, className: String,
    title: String? = nil
  ) {
    let c = Self.coordinate
    let list = points.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " ")
    body +=
      "<polygon id=\"\(id)\" class=\"\(className)\" fill=\"\(fill)\" fill-opacity=\"\(Format.fixed(opacity, decimals: 2))\" stroke=\"none\" points=\"\(list)\""
    if let title {
      body += "><title>\(Markup.escape(title))</title></polygon>\n"
    } else {
      body += "/>\n"
    }
  }

  /// A vertical axis at `x` from `top` to `bottom` with ticks of `scale`.
  mutating func yAxis(_ scale: NiceScale, x: Double, top: Double, bottom: Double, label: String) {
    line(x1: x, y1: top, x2: x, y2: bottom)
    for tick in scale.ticks {
      let y = bottom - scale.position(tick, length: bottom - top)
      line(x1: x - 4, y1: y, x2: x, y2: y)
      line(x1: x, y1: y, x2: width - 10, y2: y, stroke: "#eee")
      text(scale.label(tick), x: x - 6, y: y + 4, anchor: "end", size: 10)
    }
    text(label, x: x, y: top - 8, anchor: "middle", size: 11)
  }

  /// A horizontal axis at `y` from `left` to `right` with ticks of `scale`.
  mutating func xAxis(_ scale: NiceScale, y: Double, left: Double, right: Double, label: String) {
    line(x1: left, y1: y, x2: right, y2: y)
    for tick in scale.ticks {
      let x = left + scale.position(tick, length: right - left)
      line(x1: x, y1: y, x2: x, y2: y + 4)
      text(scale.label(tick), x: x, y: y + 16, anchor: "middle", size: 10)
    }
    text(label, x: (left + right) / 2, y: y + 32, anchor: "middle", size: 11)
  }

  /// A value label with 3 significant digits (`1.23`, `0.0456`, `1.2e+04`).
  static func label(_ x: Double) -> String {
    guard x.isFinite else { return "–" }
    return String(format: "%.3g", x)
  }

  /// An `#rrggbb` colour from components in 0...1.
  static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
    func byte(_ v: Double) -> String {
      let n = Int((Swift.min(Swift.max(v, 0), 1) * 255).rounded())
      let h = String(n, radix: 16)
      return n < 16 ? "0" + h : h
    }
    return "#" + byte(r) + byte(g) + byte(b)
  }

  /// A standalone chart document: a white background, sans-serif text.
  func document(label: String) -> String {
    let w = Self.coordinate(width), h = Self.coordinate(height)
    return
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" font-family=\"sans-serif\" role=\"img\" aria-label=\"\(Markup.escape(label))\">\n"
      + "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n" + body
      + "</svg>\n"
  }

  /// The `<svg>` element.
  func svg(label: String) -> String {
    let w = Self.coordinate(width), h = Self.coordinate(height)
    return
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" aria-label=\"\(Markup.escape(label))\">\n"
      + body + "</svg>\n"
  }
}
