import Trace

extension ServeOutcome {
  /// The run's energy over its window (first arrival to last finish): the
  /// devices' idle power for the whole window plus every pass's operator
  /// energy, J; nil with no completed request.
  package var energyJ: Double? {
    guard let w = window else { return nil }
    var dynamic = 0.0
    for p in passes {
      for joules in p.timing.deviceEnergy { dynamic += joules }
    }
    return info.idleWatts * (w.end - w.start) + dynamic
  }

  /// `energy`: `prefill_j` and `decode_j` split the run's energy by each
  /// pass's time weighted by its share of prompt and generated tokens,
  /// `j_per_token` over the completed requests' output tokens,
  /// `avg_power_w` over the window (docs/energy.md).
  var energyJSON: JSONValue {
    guard let total = energyJ, let w = window else { return .null }
    var prefillTime = 0.0, allTime = 0.0
    for p in passes {
      let tokens = p.prefillTokens + p.decodeTokens
      guard tokens > 0 else { continue }
      allTime += p.timing.span.duration
      prefillTime += p.timing.span.duration * Double(p.prefillTokens) / Double(tokens)
    }
    let prefill = allTime > 0 ? total * prefillTime / allTime : 0
    let tokens = completed.reduce(0.0) { $0 + Double($1.request.outputTokens) }
    let seconds = w.end - w.start
    return .object([
      ("prefill_j", .num(prefill)),
      ("decode_j", .num(total - prefill)),
      ("j_per_token", .num(tokens > 0 ? total / tokens : nil)),
      ("avg_power_w", .num(seconds > 0 ? total / seconds : nil)),
    ])
  }
}
