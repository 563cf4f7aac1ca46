import Trace

/// How far measurements fell from a runtime's forecasts for one device
/// class and family: the 10th and 90th percentiles of measured time ÷
/// forecast time over the class's corpus rows, each forecast zero-shot
/// (``Validation``). A forecast's likely range is its time times these.
package struct ResidualBand: Sendable, Equatable {
  /// Rows the percentiles come from.
  package var rows: Int
  /// The 10th and 90th percentiles of measured ÷ forecast time.
  package var low: Double
  package var high: Double

  /// The fewest rows a band is given for.
  package static let minimumRows = 5

  /// The band of `ratios` (measured ÷ forecast time); nil when fewer than
  /// ``minimumRows`` are finite and positive.
  package init?(ratios: [Double]) {
    let r = ratios.filter { $0.isFinite && $0 > 0 }.sorted()
    guard r.count >= Self.minimumRows else { return nil }
    rows = r.count
    // Three decimals: a band from a few dozen rows carries no more.
    low = (ErrorSummary.percentile(r, 0.1) * 1000).rounded() / 1000
    high = (ErrorSummary.percentile(r, 0.9) * 1000).rounded() / 1000
  }

  package init(rows: Int, low: Double, high: Double) {
    self.rows = rows
    self.low = low
    self.high = high
  }

  /// `[time × low, time × high]`.
  package func range(time: Double) -> (Double, Double) { (time * low, time * high) }
}

/// A device class's residual bands: prefill (TTFT, pp) and decode (TPOT,
/// tg).
package struct ClassUncertainty: Sendable, Equatable {
  package var prefill: ResidualBand?
  package var decode: ResidualBand?

  package init(prefill: ResidualBand?, decode: ResidualBand?) {
    self.prefill = prefill
    self.decode = decode
  }
}

extension ResidualBand {
  /// Reads `{"rows": N, "low": r10, "high": r90}`.
  init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: ["rows", "low", "high"])
    rows = try node.required("rows", expected: "a count of rows").int(min: 1, max: 1 << 30)
    low = try node.required("low", expected: "a ratio").double(min: 0, exclusiveMin: true)
    high = try node.required("high", expected: "a ratio").double(min: low)
  }

  var jsonValue: JSONValue {
    .object([("rows", .int(rows)), ("low", .num(low)), ("high", .num(high))])
  }
}

extension ClassUncertainty {
  /// Reads `{"prefill": band, "decode": band}` (either optional).
  init(node: JSONNode) throws(LifeError) {
    _ = try node.members(allowed: ["prefill", "decode"])
    prefill = try node.optional("prefill").map { (n) throws(LifeError) in try ResidualBand(node: n)
    }
    decode = try node.optional("decode").map { (n) throws(LifeError) in try ResidualBand(node: n) }
  }

  var jsonValue: JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    if let prefill { members.append(("prefill", prefill.jsonValue)) }
    if let decode { members.append(("decode", decode.jsonValue)) }
    return .object(members)
  }
}
