import Trace

extension RecordedWorkload {
  /// The trace with each pass's operators that time alike merged into one
  /// record and a count (the 32 identical layers of a 7B model become one
  /// record × 32): what calibration replays, hundreds of times per row.
  ///
  /// Operators time alike when they have the same phase, site, kind,
  /// compute dtype, weight storage, ops, padded ops, bytes read and written
  /// and dispatch calls (the site because a runtime's kernel graph counts
  /// launches by it; the layer, shape and other dtypes do not enter the
  /// simulator's time). On one device a pass's time is a sum over its operators, so the
  /// merged trace gives the same forecast up to the order of floating-point
  /// additions (relative differences of order 1e-15); with several devices
  /// order matters (hand-offs), and ``CompactWorkload/forecast(on:)`` replays the
  /// full trace instead.
  package func compacted() -> [(pass: PassInfo, records: [(record: OpRecord, count: Int)])] {
    passes.map { entry in
      var merged: [(record: OpRecord, count: Int)] = []
      var index: [TimingKey: Int] = [:]
      for record in entry.records {
        let key = TimingKey(record)
        if let i = index[key] {
          merged[i].count += 1
        } else {
          index[key] = merged.count
          merged.append((record, 1))
        }
      }
      return (entry.pass, merged)
    }
  }
}

/// What the simulator's timing of one operator depends on.
struct TimingKey: Hashable {
  var phase: Int
  var site: OpSite
  var kind: Int
  var computeType: Int
  var quantized: Bool
  var ops: Double
  var opsPadded: Double
  var readActivations: Double
  var readWeights: Double
  var readKV: Double
  var writtenActivations: Double
  var writtenKV: Double
  var dispatchCalls: Int

  init(_ r: OpRecord) {
    phase = r.phase == .prefill ? 0 : 1
    site = r.site
    kind = r.kind.tableIndex
    computeType = r.computeType.tableIndex
    quantized = r.hasQuantizedWeights
    ops = r.ops
    opsPadded = r.opsPadded
    readActivations = r.read.activations
    readWeights = r.read.weights
    readKV = r.read.kv
    writtenActivations = r.written.activations
    writtenKV = r.written.kv
    dispatchCalls = r.dispatchCalls
  }
}

/// A ``RecordedWorkload`` with its compacted trace, for many replays on one
/// device (calibration).
package struct CompactWorkload: Sendable {
  /// The full recording.
  package let recorded: RecordedWorkload
  /// Its compacted passes.
  package let passes: [(pass: PassInfo, records: [(record: OpRecord, count: Int)])]

  /// Compacts `recorded`.
  package init(_ recorded: RecordedWorkload) {
    self.recorded = recorded
    self.passes = recorded.compacted()
  }

  /// The forecast on `pipeline`'s devices: the compacted trace when the
  /// pipeline has one device, else the full one.
  package func forecast(on pipeline: ForecastPipeline) throws(LifeError) -> Forecast {
    guard pipeline.devices.count == 1 else { return try recorded.forecast(on: pipeline) }
    let simulator = try pipeline.simulator(for: recorded.workload)
    var run = simulator.start(ForecastCollector(keepSteps: pipeline.keepSteps))
    for (pass, records) in passes {
      run.beginPass(pass)
      for (record, count) in records { run.consume(record, repeating: count) }
      run.endPass(pass)
    }
    return try run.finish().forecast
  }
}
