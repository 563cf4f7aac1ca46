import Trace

/// Escaping for HTML and SVG text and attribute values.
enum HTMLText {
  /// `s` with `& < > " '` replaced by entities and control characters
  /// (other than tab and line breaks) dropped: safe in text and in quoted
  /// attributes, so `<script>` renders as text.
  static func escape(_ s: String) -> String { Markup.escape(s) }
}
