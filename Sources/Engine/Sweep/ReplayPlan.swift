import Trace

/// A recorded op trace reduced to what timing it on one device needs, for
/// sweeps that time one workload on thousands of devices.
///
/// Per pass: the distinct operator timings (kind, compute dtype, padded ops,
/// bytes, dispatch calls) and the sequence of indices into them in execution
/// order, plus the pass's device-independent sums. A replay computes each
/// distinct operator's compute, memory and dispatch time once, with the
/// simulator's formulas, then adds them up in the trace's order exactly as
/// ``SimulationRun`` does, so the forecast equals the simulator's to the
/// last digit (tested against ``ForecastPipeline/run()``), at a fraction of
/// the cost. Only for one device and no links; other runs replay the full
/// trace.
struct ReplayPlan: Sendable {
  struct Timing: Sendable {
    var cell: Int
    var dtype: Int
    var opsPadded: Double
    var bytes: Double
    var dispatchCalls: Int
    var quantized: Bool
  }

  struct Pass: Sendable {
    var info: PassInfo
    var timings: [Timing]
    var sequence: [Int32]
    var sums: PassSums
  }

  var passes: [Pass]
  var widest: Int

  init(_ recorded: [(pass: PassInfo, records: [OpRecord])]) {
    var passes: [Pass] = []
    var widest = 0
    for (info, records) in recorded {
      var pass = Pass(info: info, timings: [], sequence: [], sums: PassSums())
      pass.sequence.reserveCapacity(records.count)
      var index: [TimingKey: Int32] = [:]
      for record in records {
        let key = TimingKey(record)
        if let i = index[key] {
          pass.sequence.append(i)
        } else {
          let i = Int32(pass.timings.count)
          index[key] = i
          pass.timings.append(
            Timing(
              cell: record.kind.tableIndex, dtype: record.computeType.tableIndex,
              opsPadded: record.opsPadded, bytes: record.bytes,
              dispatchCalls: record.dispatchCalls, quantized: record.hasQuantizedWeights))
          pass.sequence.append(i)
        }
        pass.sums.add(record, calls: record.dispatchCalls)
      }
      widest = max(widest, pass.timings.count)
      passes.append(pass)
    }
    self.passes = passes
    self.widest = widest
  }

  /// Whether `simulator` can be replayed here: one device, no links, the
  /// `ideal` runtime's costs (each operator's own dispatch calls, no host
  /// work) and no burst power cap (whose cap depends on when a pass starts).
  static func applies(to simulator: Simulator) -> Bool {
    simulator.deviceCount == 1 && simulator.links.isEmpty && simulator.kernels[0] == nil
      && simulator.hostSeconds.allSatisfy { $0 == 0 } && !simulator.hasBurst
  }

  /// The passes timed on `simulator`'s single device into `sink`, with the
  /// simulator's own kernel (``OpTiming``, ``PassClock``); false when an
  /// operator's dtype has no peak TOPS on it (the full replay reports that
  /// error).
  func run<E: EventSink>(on simulator: Simulator, into sink: inout E) -> Bool {
    var efficiencies =
      simulator.fixedEfficiencies
      ?? EfficiencyTables(devices: simulator.info.devices.map(\.device), tokens: 1)
    var times = [OpTiming](repeating: OpTiming(compute: 0, memory: 0, dispatch: 0), count: widest)
    var timed: [[OpTiming]] = []
    timed.reserveCapacity(passes.count)
    for pass in passes {
      if simulator.fixedEfficiencies == nil {
        efficiencies = EfficiencyTables(
          devices: simulator.info.devices.map(\.device), tokens: pass.info.tokensProcessed)
      }
      for (i, t) in pass.timings.enumerated() {
        guard
          let timing = simulator.timing(
            opsPadded: t.opsPadded, bytes: t.bytes, calls: t.dispatchCalls, device: 0,
            kind: t.cell, dtype: t.dtype, quantized: t.quantized,
            phase: pass.info.phase == .prefill ? 0 : 1, efficiencies: efficiencies)
        else { return false }
        times[i] = timing
      }
      timed.append(Array(times[0..<pass.timings.count]))
    }
    sink.begin(simulator.info)
    var passStart = 0.0
    var kvResident = 0.0
    for (pass, times) in zip(passes, timed) {
      sink.passBegan(pass.info, at: passStart)
      var clock = PassClock(overlap: simulator.info.overlap)
      for s in pass.sequence { clock.add(times[Int(s)]) }
      if !pass.sequence.isEmpty { clock.closeSegment() }
      if let perToken = simulator.kvBytesPerToken {
        kvResident = perToken * Double(pass.info.batch) * Double(pass.info.kvLength)
      } else {
        kvResident += pass.sums.written.kv
      }
      var timing = PassTiming(
        pass: pass.info, device: 0, span: Span(start: passStart, duration: clock.time),
        tCompute: clock.tCompute, tMemory: clock.tMemory, tDispatch: clock.tDispatch,
        tHandoff: 0, bound: clock.tCompute >= clock.tMemory ? .compute : .memory,
        ops: pass.sums.ops, opsPadded: pass.sums.opsPadded, read: pass.sums.read,
        written: pass.sums.written, dispatchCalls: pass.sums.calls, kvCacheBytes: kvResident)
      timing.deviceEnergy = [clock.energy]
      sink.passEnded(timing)
      passStart += clock.time
    }
    sink.end()
    return true
  }
}
