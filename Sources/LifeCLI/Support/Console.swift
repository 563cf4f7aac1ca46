import Trace

/// The two streams a command writes to: results on standard output;
/// warnings (and, from ``LifeCommand``, errors) on standard error.
struct Console {
  /// Standard output.
  let out: any TextSink
  /// Standard error.
  let err: any TextSink

  /// Writes a line of results.
  func print(_ line: String) { out.write(line + "\n") }

  /// Writes text to standard output as is.
  func write(_ text: String) { out.write(text) }

  /// Writes `document` to standard output (pretty JSON, a trailing
  /// newline), made once into one buffer; nothing is written when a number
  /// is not finite.
  func write(json document: JSONDocument) throws(LifeError) {
    out.write(bytes: try JSONFormat.checkedBytes(document))
  }

  /// Writes `warning: <message>` to standard error.
  func warn(_ message: String) { err.write("warning: " + message + "\n") }
}
