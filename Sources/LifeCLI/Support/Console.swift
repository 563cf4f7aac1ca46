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

  /// Writes `document` to standard output as it is made (pretty JSON, a
  /// trailing newline), stopping early when the output fails; its numbers
  /// are checked to be finite first.
  func write(json document: JSONDocument) throws(LifeError) {
    try JSONFormat.checkFinite(document: document)
    JSONFormat.write(document) { [out] bytes in
      out.write(bytes: bytes)
      return !out.failed
    }
  }

  /// Writes `warning: <message>` to standard error.
  func warn(_ message: String) { err.write("warning: " + message + "\n") }
}
