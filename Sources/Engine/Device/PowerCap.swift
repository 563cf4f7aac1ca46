import Trace

/// `--power-cap-w [KEY=]W`: a sustained cap on each pass's average power,
/// on every device or on the devices named by key (docs/energy.md). It sets
/// each device's ``DevicePower/capW``; the timing kernel slows compute to
/// keep under it.
package enum PowerCap: Sendable, Equatable {
  /// One cap on every device, W.
  case everywhere(Double)
  /// A cap per device key, W; devices not named keep their own.
  case perDevice([String: Double])

  /// Parses `W` or `KEY=W,KEY=W`; W is a number > 0 (watts).
  package static func parse(
    _ text: String, at location: ErrorLocation = ErrorLocation(origin: .parameter(.powerCap))
  ) throws(LifeError) -> PowerCap {
    let kind: LifeError.Kind = location.file == nil ? .usage : .failure
    func watts(_ piece: String) throws(LifeError) -> Double {
      let trimmed = piece.trimmingCharacters(in: .whitespaces)
      guard case .success(let value) = NumberText.number(trimmed), value > 0 else {
        throw LifeError(
          kind, at: location, "not a power", got: "'\(text)'",
          expected: "W or KEY=W,... with W a number of watts > 0")
      }
      return value
    }
    guard text.contains("=") else { return .everywhere(try watts(text)) }
    var map: [String: Double] = [:]
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = pieces.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      guard pieces.count == 2, !key.isEmpty else {
        throw LifeError(
          kind, at: location, "not a power-cap list", got: "'\(text)'",
          expected: "W, or KEY=W,KEY=W with device keys")
      }
      if map[key] != nil {
        throw LifeError(kind, at: location, "device key '\(key)' given twice", got: "'\(text)'")
      }
      map[key] = try watts(String(pieces[1]))
    }
    return .perDevice(map)
  }

  /// `devices` with the cap set on each device it applies to. A key that
  /// names no device, or a cap at or below a device's idle power (it
  /// cannot be met), is an error.
  package func apply(
    to devices: [(key: String, device: Device)],
    at location: ErrorLocation = ErrorLocation(origin: .parameter(.powerCap))
  ) throws(LifeError) -> [(key: String, device: Device)] {
    let kind: LifeError.Kind = location.file == nil ? .usage : .failure
    let keys = devices.map(\.key)
    if case .perDevice(let map) = self {
      for key in map.keys.sorted() where !keys.contains(key) {
        throw LifeError(
          kind, at: location, "no device with key '\(key)'",
          expected: "KEY=W with KEY one of " + keys.joined(separator: ", "),
          suggestion: DidYouMean.suggest(key, among: keys))
      }
    }
    var out = devices
    for index in out.indices {
      let cap: Double?
      switch self {
      case .everywhere(let watts): cap = watts
      case .perDevice(let map): cap = map[out[index].key]
      }
      guard let cap else { continue }
      let idle = out[index].device.power.idleW
      if cap <= idle {
        throw LifeError(
          kind, at: location, "power cap at or below the idle power of '\(out[index].key)'",
          got: "\(JSONFormat.number(cap)) W",
          expected: "more than its idle_w, \(JSONFormat.number(idle)) W")
      }
      out[index].device.power.capW = cap
    }
    return out
  }
}
