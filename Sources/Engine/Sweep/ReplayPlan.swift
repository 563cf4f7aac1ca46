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
  }

  struct Pass: Sendable {
    var info: PassInfo
    var timings: [Timing]
    var sequence: [Int32]
    var ops: Double
    var opsPadded: Double
    var read: BytesRead
    var written: BytesWritten
    var calls: Int
  }

  var passes: [Pass]
  var widest: Int

  init(_ recorded: [(pass: PassInfo, records: [OpRecord])]) {
    var passes: [Pass] = []
    var widest = 0
    for (info, records) in recorded {
      var pass = Pass(
        info: info, timings: [], sequence: [], ops: 0, opsPadded: 0, read: BytesRead(),
        written: BytesWritten(), calls: 0)
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
              dispatchCalls: record.dispatchCalls))
          pass.sequence.append(i)
        }
        // As SimulationRun sums them (n = 1).
        let n = 1.0
        pass.ops += n * record.ops
        pass.opsPadded += n * record.opsPadded
        pass.read += record.read
        pass.written += record.written
        pass.calls += record.dispatchCalls
      }
      widest = max(widest, pass.timings.count)
      passes.append(pass)
    }
    self.passes = passes
    self.widest = widest
  }

  /// Whether `simulator` can be replayed here: one device, no links.
  static func applies(to simulator: Simulator) -> Bool {
    simulator.deviceCount == 1 && simulator.links.isEmpty
  }

  /// The passes timed on `simulator`'s single device into `sink`; nil when
  /// an operator's dtype has no peak TOPS on it (the full replay reports
  /// that error).
  func run<E: EventSink>(on simulator: Simulator, into sink: inout E) -> Bool {
    var c = [Double](repeating: 0, count: widest)
    var m = c
    var d = c
    for pass in passes {
      for t in pass.timings where simulator.secondsPerOp[t.dtype] == 0 { return false }
    }
    sink.begin(simulator.info)
    let spb = simulator.secondsPerByte[0]
    let dispatch = simulator.dispatchSeconds[0]
    let overlap = simulator.info.overlap
    var efficiencies =
      simulator.fixedEfficiencies
      ?? EfficiencyTables(devices: simulator.info.devices.map(\.device), tokens: 1)
    var passStart = 0.0
    var time = 0.0
    var kvResident = 0.0
    for pass in passes {
      passStart += time
      time = 0
      if simulator.fixedEfficiencies == nil {
        efficiencies = EfficiencyTables(
          devices: simulator.info.devices.map(\.device), tokens: pass.info.tokensProcessed)
      }
      for (i, t) in pass.timings.enumerated() {
        c[i] = t.opsPadded * simulator.secondsPerOp[t.dtype] * efficiencies.inverseCompute[t.cell]
        m[i] = t.bytes * spb * efficiencies.inverseMemory[t.cell]
        d[i] = Double(t.dispatchCalls) * dispatch
      }
      sink.passBegan(pass.info, at: passStart)
      var tCompute = 0.0
      var tMemory = 0.0
      var tDispatch = 0.0
      var segmentCompute = 0.0
      var segmentMemory = 0.0
      let n = 1.0
      switch overlap {
      case .op:
        for s in pass.sequence {
          let i = Int(s)
          time += n * (d[i] + max(c[i], m[i]))
          tCompute += n * c[i]
          tMemory += n * m[i]
          tDispatch += n * d[i]
        }
      case .phase:
        for s in pass.sequence {
          let i = Int(s)
          segmentCompute += n * (d[i] + c[i])
          segmentMemory += n * (d[i] + m[i])
          tCompute += n * c[i]
          tMemory += n * m[i]
          tDispatch += n * d[i]
        }
        if !pass.sequence.isEmpty { time = 0 + max(segmentCompute, segmentMemory) }
      }
      if let perToken = simulator.kvBytesPerToken {
        kvResident = perToken * Double(pass.info.batch) * Double(pass.info.kvLength)
      } else {
        kvResident += pass.written.kv
      }
      sink.passEnded(
        PassTiming(
          pass: pass.info, device: 0, span: Span(start: passStart, duration: time),
          tCompute: tCompute, tMemory: tMemory, tDispatch: tDispatch, tHandoff: 0,
          bound: tCompute >= tMemory ? .compute : .memory, ops: pass.ops,
          opsPadded: pass.opsPadded, read: pass.read, written: pass.written,
          dispatchCalls: pass.calls, kvCacheBytes: kvResident))
    }
    sink.end()
    return true
  }
}
