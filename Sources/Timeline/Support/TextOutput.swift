import Trace

/// A destination for generated text that is committed whole or not at all.
protocol TextOutput: AnyObject {
  /// The final path.
  var path: String { get }
  /// Appends UTF-8 text.
  func write(_ text: String)
  /// Appends UTF-8 bytes.
  func write(buffer: UnsafeBufferPointer<UInt8>)
  /// Finishes the file and moves it into place.
  func commit() throws(LifeError)
  /// Abandons the file; any previous file at `path` stays.
  func discard()
}

extension AtomicFile: TextOutput {}

/// Opens a plain or gzip-compressed output at `path`.
func openTextOutput(path: String, gzip: Bool) throws(LifeError) -> any TextOutput {
  gzip ? try GzipOutput(path: path) : try AtomicFile(path: path)
}
