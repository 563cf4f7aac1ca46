import Trace

/// `--power-cap-w [KEY=]W[/B@S]`: a sustained cap on each pass's average
/// power, with an optional burst cap B for the first S seconds, on every
/// device or on the devices named by key (docs/energy.md). It sets each
/// device's ``DevicePower/capW`` (and burst); the timing kernel slows
/// compute to keep under it.
package enum PowerCap: Sendable, Equatable {
  /// One device's limit.
  package struct Limit: Sendable, Equatable {
    /// The sustained cap, W.
    package var watts: Double
    /// The burst cap, W, and how long it lasts from the run's start, s.
    package var burst: Burst?

    /// Creates a limit.
    package init(watts: Double, burst: Burst? = nil) {
      self.watts = watts
      self.burst = burst
    }
  }

  /// A burst cap and its length.
  package struct Burst: Sendable, Equatable {
    /// W.
    package var watts: Double
    /// s.
    package var seconds: Double

    /// Creates a burst.
    package init(watts: Double, seconds: Double) {
      self.watts = watts
      self.seconds = seconds
    }
  }

  /// One limit on every device.
  case everywhere(Limit)
  /// A limit per device key; devices not named keep their own.
  case perDevice([String: Limit])

  /// Parses `LIMIT` or `KEY=LIMIT,KEY=LIMIT`, LIMIT being `W` or `W/B@S`:
  /// watts > 0, a burst B > W watts lasting S > 0 seconds.
  package static func parse(
    _ text: String, at location: ErrorLocation = ErrorLocation(origin: .parameter(.powerCap))
  ) throws(LifeError) -> PowerCap {
    let kind: LifeError.Kind = location.file == nil ? .usage : .failure
    func number(_ piece: Substring) throws(LifeError) -> Double {
      let trimmed = piece.trimmingCharacters(in: .whitespaces)
      guard case .success(let value) = NumberText.number(trimmed), value > 0 else {
        throw LifeError(
          kind, at: location, "not a power", got: "'\(text)'",
          expected: "W, W/B@S (a burst of B W for S s) or KEY=...,... with numbers > 0")
      }
      return value
    }
    func limit(_ piece: Substring) throws(LifeError) -> Limit {
      let parts = piece.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
      let watts = try number(parts[0])
      guard parts.count == 2 else { return Limit(watts: watts) }
      let burst = parts[1].split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
      guard burst.count == 2 else {
        throw LifeError(
          kind, at: location, "not a burst", got: "'\(text)'",
          expected: "W/B@S: B watts for the first S seconds")
      }
      let b = try number(burst[0])
      if b <= watts {
        throw LifeError(
          kind, at: location, "burst at or below the sustained cap", got: "'\(text)'",
          expected: "B > W in W/B@S")
      }
      return Limit(watts: watts, burst: Burst(watts: b, seconds: try number(burst[1])))
    }
    guard text.contains("=") else { return .everywhere(try limit(text[...])) }
    let map = try DeviceKeyList.parse(
      text, list: "not a power-cap list", expected: "W, or KEY=W,KEY=W with device keys",
      at: location, value: limit)
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
      let limit: Limit?
      switch self {
      case .everywhere(let all): limit = all
      case .perDevice(let map): limit = map[out[index].key]
      }
      guard let limit else { continue }
      let idle = out[index].device.power.idleW
      if limit.watts <= idle {
        throw LifeError(
          kind, at: location, "power cap at or below the idle power of '\(out[index].key)'",
          got: "\(JSONFormat.number(limit.watts)) W",
          expected: "more than its idle_w, \(JSONFormat.number(idle)) W")
      }
      out[index].device.power.capW = limit.watts
      out[index].device.power.burstW = limit.burst?.watts
      out[index].device.power.burstS = limit.burst?.seconds
    }
    return out
  }
}
