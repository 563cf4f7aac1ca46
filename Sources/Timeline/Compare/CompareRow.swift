import Engine
import Trace

/// One run in a comparison: the headline numbers of a forecast (a
/// summary.json, or the forecast JSON of a scenario's `compare` variant).
package struct CompareRow: Sendable, Equatable {
  /// What identifies the run: its directory, or a variant's name.
  package var run: String
  /// The scenario's name (empty when the run came from flags).
  package var scenario: String
  /// The model's name.
  package var model: String
  /// Time to first token.
  package var ttftMs: Double
  /// Each decode step's time.
  package var tpotMs: [Double]
  /// Mean TPOT; nil with no decode steps.
  package var tpotMsMean: Double?
  /// Tokens per second per sequence; nil with no decode steps.
  package var tps: Double?
  /// End to end.
  package var e2eMs: Double
  /// Dispatch calls in prefill.
  package var dispatchPrefill: Double
  /// Mean dispatch calls per decode step; nil with no decode steps.
  package var dispatchPerStep: Double?
  /// `compute` or `memory` for the prefill.
  package var boundPrefill: String
  /// The bound of most decode steps (`memory` on a tie); empty with none.
  package var boundDecode: String
  /// Whether the model fits on every device; nil when not reported.
  package var fits: Bool?
  /// Joules per token (`energy.j_per_token`); nil when not reported.
  package var jPerToken: Double? = nil
  /// Average power over the run, W (`energy.avg_power_w`); nil when not
  /// reported.
  package var avgPowerW: Double? = nil
  /// The likely TTFT and mean-TPOT ranges (`ttft_ms_range`,
  /// `tpot_ms_mean_range`: 10th and 90th percentiles); nil without a basis.
  package var ttftRange: [Double]? = nil
  package var tpotRange: [Double]? = nil

  /// The mean TPOT's likely range as ratios to the mean (10th and 90th
  /// percentile ÷ mean): the band drawn around every step's TPOT; nil
  /// without a range.
  var tpotBandRatios: (low: Double, high: Double)? {
    guard let r = tpotRange, r.count == 2, let mean = tpotMsMean, mean > 0 else { return nil }
    return (r[0] / mean, r[1] / mean)
  }

  /// The name charts and timeline process groups show: the scenario's
  /// name, else ``run``; callers may change it (e.g. to tell two runs of
  /// one scenario apart).
  package var label: String

  /// The numbers of a forecast made in this process, under the name `run`.
  package init(outcome: ForecastOutcome, run: String, scenario: String = "") {
    let f = outcome.forecast
    self.run = run
    self.scenario = scenario
    label = scenario.isEmpty ? run : scenario
    model = outcome.workload.model.name
    ttftMs = f.ttftMs
    tpotMs = f.steps.map(\.tpotMs)
    tpotMsMean = f.tpotMeanMs
    tps = f.tps
    e2eMs = f.e2eMs
    dispatchPrefill = Double(f.prefill.dispatchCalls)
    var total = 0.0
    for step in f.steps { total += Double(step.dispatchCalls) }
    dispatchPerStep = f.steps.isEmpty ? nil : total / Double(f.steps.count)
    boundPrefill = f.prefill.bound.rawValue
    let compute = f.steps.filter { $0.bound == .compute }.count
    let memory = f.steps.count - compute
    boundDecode = f.steps.isEmpty ? "" : (compute > memory ? "compute" : "memory")
    fits = outcome.capacity.keys.allSatisfy { outcome.capacity.fits[$0] ?? true }
    let energy = f.energy
    jPerToken = energy.jPerToken
    avgPowerW = energy.avgPowerW
    let evidence = outcome.report.evidence
    ttftRange = evidence?.ttftRange(f.ttftMs).map { [$0.0, $0.1] }
    tpotRange = evidence?.tpotRange(f.tpotMeanMs).map { [$0.0, $0.1] }
  }

  /// Reads the numbers from a forecast-shaped JSON object (what
  /// `life forecast --json` prints, summary.json). Errors name `file` and
  /// the key that is missing or of the wrong type.
  package init(forecast json: JSONValue, run: String, scenario: String? = nil, file: String?)
    throws(LifeError)
  {
    func fail(_ key: String, _ value: JSONValue?, expected: String) -> LifeError {
      LifeError.file(
        file, path: key, value == nil ? "missing key" : "wrong type",
        got: value.map(\.brief), expected: expected)
    }
    func number(_ value: JSONValue?, _ key: String) throws(LifeError) -> Double {
      guard case .number(let n)? = value, n.value.isFinite else {
        throw fail(key, value, expected: "a finite number")
      }
      return n.value
    }
    func optionalNumber(_ value: JSONValue?, _ key: String) throws(LifeError) -> Double? {
      if value == nil || value == .null { return nil }
      return try number(value, key)
    }
    func string(_ value: JSONValue?, _ key: String) throws(LifeError) -> String {
      guard case .string(let s)? = value else { throw fail(key, value, expected: "a string") }
      return s
    }
    guard case .object = json else {
      throw LifeError.file(
        file, path: nil, "not a LIFE summary", got: json.typeName,
        expected: "a JSON object written by 'life simulate'")
    }
    self.run = run
    if let scenario {
      self.scenario = scenario
    } else if case .string(let name)? = json["scenario"]?["name"] {
      self.scenario = name
    } else {
      self.scenario = ""
    }
    label = self.scenario.isEmpty ? run : self.scenario
    model = try string(json["model"]?["name"], "model.name")
    ttftMs = try number(json["ttft_ms"], "ttft_ms")
    guard case .array(let steps)? = json["tpot_ms"] else {
      throw fail("tpot_ms", json["tpot_ms"], expected: "an array of numbers")
    }
    var tpot: [Double] = []
    tpot.reserveCapacity(steps.count)
    for (index, step) in steps.enumerated() { tpot.append(try number(step, "tpot_ms[\(index)]")) }
    tpotMs = tpot
    tpotMsMean = try optionalNumber(json["tpot_ms_mean"], "tpot_ms_mean")
    tps = try optionalNumber(json["tps"], "tps")
    e2eMs = try number(json["e2e_ms"], "e2e_ms")
    dispatchPrefill = try number(json["dispatch_calls"]?["prefill"], "dispatch_calls.prefill")
    let perStep = json["dispatch_calls"]?["decode_per_step"]
    guard case .array(let calls)? = perStep else {
      throw fail("dispatch_calls.decode_per_step", perStep, expected: "an array of numbers")
    }
    var total = 0.0
    for (index, call) in calls.enumerated() {
      total += try number(call, "dispatch_calls.decode_per_step[\(index)]")
    }
    dispatchPerStep = calls.isEmpty ? nil : total / Double(calls.count)
    boundPrefill = try string(json["prefill"]?["bound"], "prefill.bound")
    var compute = 0, memory = 0
    if case .array(let items)? = json["decode"]?["steps"] {
      for item in items {
        if case .string("compute")? = item["bound"] { compute += 1 }
        if case .string("memory")? = item["bound"] { memory += 1 }
      }
    }
    boundDecode = compute + memory == 0 ? "" : (compute > memory ? "compute" : "memory")
    if case .object(let devices)? = json["footprint"]?["fits"] {
      fits = devices.allSatisfy { $0.value == .bool(true) }
    } else {
      fits = nil
    }
    jPerToken = try optionalNumber(json["energy"]?["j_per_token"], "energy.j_per_token")
    avgPowerW = try optionalNumber(json["energy"]?["avg_power_w"], "energy.avg_power_w")
    func range(_ key: String) throws(LifeError) -> [Double]? {
      guard let value = json[key], value != .null else { return nil }
      guard case .array(let items) = value, items.count == 2 else {
        throw fail(key, value, expected: "[p10, p90] or null")
      }
      return [try number(items[0], key + "[0]"), try number(items[1], key + "[1]")]
    }
    ttftRange = try range("ttft_ms_range")
    tpotRange = try range("tpot_ms_mean_range")
  }
}
