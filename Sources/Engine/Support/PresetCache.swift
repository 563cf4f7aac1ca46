import Foundation
import Trace

/// Presets compiled into the binary as JSON text, each parsed the first time
/// it is asked for and kept: a command that names one device parses that
/// device's text only, not every preset's.
final class PresetCache<Value: Sendable>: @unchecked Sendable {
  /// Each preset's name and JSON text, in listing order.
  let data: [(name: String, json: String)]
  private let parse: @Sendable (_ name: String, _ json: String) throws(LifeError) -> Value
  private let lock = NSLock()
  private var parsed: [String: Result<Value, LifeError>] = [:]

  init(
    _ data: [(name: String, json: String)],
    parse: @escaping @Sendable (_ name: String, _ json: String) throws(LifeError) -> Value
  ) {
    self.data = data
    self.parse = parse
  }

  /// The preset called exactly `name`, parsed (or the error parsing it
  /// gave), or nil when there is none.
  subscript(name: String) -> Result<Value, LifeError>? {
    lock.lock()
    defer { lock.unlock() }
    if let known = parsed[name] { return known }
    guard let json = data.first(where: { $0.name == name })?.json else { return nil }
    let result = Result { () throws(LifeError) in try parse(name, json) }
    parsed[name] = result
    return result
  }
}
