import Foundation
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
  /// The first write that failed, as soon as it happened.
  var failure: LifeError? { get }
}

extension AtomicFile: TextOutput {}

/// Opens a plain or gzip-compressed output at `path`, or, with a
/// transaction, as the set's file `path` names.
func openTextOutput(path: String, gzip: Bool, in transaction: OutputTransaction? = nil)
  throws(LifeError) -> any TextOutput
{
  if gzip { return try GzipOutput(path: path, in: transaction) }
  return try AtomicFile.open(path, in: transaction)
}

extension AtomicFile {
  /// A file at `path`, or the set's file of that name.
  static func open(_ path: String, in transaction: OutputTransaction?) throws(LifeError)
    -> AtomicFile
  {
    guard let transaction else { return try AtomicFile(path: path) }
    return try AtomicFile(name: (path as NSString).lastPathComponent, in: transaction)
  }
}
