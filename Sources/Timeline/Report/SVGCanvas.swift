/// A small inline-SVG builder: shapes and text with escaped content and
/// fixed-precision coordinates (deterministic output).
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
    let c = Self.coordinate
    body +=
      "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(Swift.max(width, 0)))\" height=\"\(c(Swift.max(height, 0)))\" fill=\"\(fill)\""
    if let opacity { body += " fill-opacity=\"\(Format.fixed(opacity, decimals: 2))\"" }
    if let title {
      body += "><title>\(HTMLText.escape(title))</title></rect>\n"
    } else {
      body += "/>\n"
    }
  }

  mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#999") {
    let c = Self.coordinate
    body +=
      "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\"/>\n"
  }

  mutating func text(
    _ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 11,
    fill: String = "#333"
  ) {
    let c = Self.coordinate
    body +=
      "<text x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor)\" font-size=\"\(c(size))\" fill=\"\(fill)\">\(HTMLText.escape(content))</text>\n"
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

  /// The `<svg>` element.
  func svg(label: String) -> String {
    let w = Self.coordinate(width), h = Self.coordinate(height)
    return
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\">\n"
      + body + "</svg>\n"
  }
}
