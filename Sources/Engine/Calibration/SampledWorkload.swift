import Trace

/// A workload reduced to a bounded sample of its passes that forecasts its
/// TTFT, mean TPOT and end-to-end time on one device: what calibration
/// replays for each measured row, hundreds of times, whatever the row's
/// prompt and G. Its size does not grow with the decode steps (nor with the
/// prefill chunks).
///
/// Each kept pass is compacted: operators that time alike (``TimingKey``:
/// the same phase, site, kind, dtypes, ops, bytes and dispatch calls; the
/// identical layers of a model) are merged into one record and a count.
///
/// Which passes are kept, and with what weight:
/// - Decode steps are grouped into *units*: steps whose operators are all
///   the same. Under a runtime that pads the cache attention reads (its
///   accounting's KV padding P, llama.cpp's 256 cells), a unit is the run of
///   steps whose padded key count is the same (P steps, fewer at the ends);
///   otherwise every step is its own unit. A step's time is an affine
///   function of its unit's index (the keys attended to grow by P per unit,
///   or by one per step), except at the sliding window, where attention
///   stops growing.
/// - At most ``maxSamples`` units are kept, the first and the last
///   included, evenly spaced, plus the units around the window; every unit
///   is kept when there are no more than that. A kept unit weighs its own
///   steps plus, for each unit between it and a kept neighbour, that unit's
///   steps times its linear-interpolation weight (the trapezoid rule over
///   unit indices), so the weights add up to G and Σ TPOT is exact for a
///   time affine between kept units.
/// - Prefill passes are grouped by size (full chunks and the last, shorter
///   one); each group is kept whole when it has at most ``maxSamples``
///   passes, else sampled and weighted the same way over the chunk index.
///
/// On the `ideal` runtime (no padding) and under llama.cpp's padding, Σ TPOT
/// matches the full simulation to about 1e-12 relative, since decode time is
/// affine in the keys read between window crossings; a `--tile` that pads
/// attention's keys without a runtime's padding, or an operator that changes
/// bound between kept units, leaves a relative error of order 1e-4 or less
/// (tested).
///
/// The passes are emitted one by one from the workload (``Workload/emit``,
/// the same passes in the same form as ``Workload/run(into:)`` produces
/// them), so building one costs a bounded number of passes whatever G is.
package struct SampledWorkload: Sendable {
  /// One kept pass.
  package struct Pass: Sendable {
    /// The pass (a representative of its unit).
    package var info: PassInfo
    /// Its operators, compacted, in order of first appearance.
    package var records: [(record: OpRecord, count: Int)]
    /// How many passes of the workload it stands for (not an integer when
    /// interpolation shares a pass between two kept ones).
    package var weight: Double
  }

  /// The most passes kept of each size of prefill pass, and of decode units.
  package static let maxSamples = 33

  /// The workload.
  package let workload: Workload
  /// The kept prefill passes, in order.
  package let prefill: [Pass]
  /// The kept decode steps, in order.
  package let decode: [Pass]

  /// Samples `workload`: emits only the passes it keeps (and two steps that
  /// check a padding unit's steps are alike), so memory and time are bounded
  /// whatever its prompt and G.
  /// `maxSamples` bounds the kept units (at least 2): fewer trade the
  /// accuracy of a time that bends between kept units for speed.
  package init(_ workload: Workload, maxSamples: Int = SampledWorkload.maxSamples) {
    self.workload = workload
    self.prefill = Self.prefillSamples(workload, maxSamples: maxSamples)
    self.decode = Self.decodeSamples(workload, maxSamples: maxSamples)
  }

  /// The forecast of the workload on `pipeline`'s device, mapping and
  /// overlap, each kept pass timed by the simulator (its runtime's launches
  /// and host work included) and weighted. With more than one device the
  /// whole workload is simulated (hand-offs depend on the order of every
  /// pass). The pipeline's model and options are not consulted; its runtime
  /// must be the one the workload was built for.
  package func forecast(on pipeline: ForecastPipeline) throws(LifeError) -> SampledForecast {
    let simulator = try pipeline.simulator(for: workload)
    guard pipeline.devices.count == 1 else {
      var collector = ForecastCollector(keepSteps: false)
      try simulator.run(workload, into: &collector)
      let f = collector.forecast
      return SampledForecast(ttftMs: f.ttftMs, tpotMeanMs: f.tpotMeanMs, e2eMs: f.e2eMs)
    }
    var run = simulator.start(PassDurations())
    for pass in prefill { replay(pass, into: &run) }
    for pass in decode { replay(pass, into: &run) }
    let durations = try run.finish().seconds
    var ttft = 0.0
    for (pass, seconds) in zip(prefill, durations) { ttft += pass.weight * seconds }
    var sum = 0.0
    for (pass, seconds) in zip(decode, durations.dropFirst(prefill.count)) {
      sum += pass.weight * seconds
    }
    let generate = workload.options.generate
    return SampledForecast(
      ttftMs: ttft * 1000, tpotMeanMs: generate > 0 ? sum * 1000 / Double(generate) : nil,
      e2eMs: (ttft + sum) * 1000)
  }

  func replay(_ pass: Pass, into run: inout SimulationRun<PassDurations>) {
    run.beginPass(pass.info)
    for (record, count) in pass.records { run.consume(record, repeating: count) }
    run.endPass(pass.info)
  }

  /// How many passes are kept in all.
  package var passCount: Int { prefill.count + decode.count }
}

/// A sampled forecast: TTFT, mean TPOT (nil when G = 0) and end-to-end
/// time, in ms.
package struct SampledForecast: Sendable, Equatable {
  /// Time to first token.
  package var ttftMs: Double
  /// Mean time per output token over the G steps; nil when G = 0.
  package var tpotMeanMs: Double?
  /// TTFT + Σ TPOT.
  package var e2eMs: Double

  /// Creates a forecast.
  package init(ttftMs: Double, tpotMeanMs: Double?, e2eMs: Double) {
    self.ttftMs = ttftMs
    self.tpotMeanMs = tpotMeanMs
    self.e2eMs = e2eMs
  }
}

/// An ``EventSink`` that keeps each pass's duration, in order.
struct PassDurations: EventSink {
  var seconds: [Double] = []

  mutating func begin(_ run: RunInfo) { seconds = [] }
  func wantsOpEvents(in pass: PassInfo) -> Bool { false }
  mutating func handoff(_ event: HandoffEvent) {}
  mutating func passBegan(_ pass: PassInfo, at time: Double) {}
  mutating func op(_ event: OpEvent) {}
  mutating func passEnded(_ timing: PassTiming) { seconds.append(timing.span.duration) }
  mutating func end() {}
}
