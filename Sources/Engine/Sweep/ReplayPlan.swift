import Trace

/// An op trace reduced to what timing it on one device needs, for sweeps
/// that time one workload on thousands of devices.
///
/// Per pass: the distinct operator timings (kind, compute dtype, padded ops,
/// bytes, dispatch calls), the sequence of indices into them in execution
/// order, and the pass's device-independent sums. Passes whose sequences
/// are equal (every decode step of a dense model) share one stored
/// sequence, so a plan holds a few numbers per distinct operator and step,
/// not a record per operator. A replay computes each distinct operator's
/// compute, memory and dispatch time once, with the simulator's formulas,
/// then adds them up in the trace's order exactly as ``SimulationRun``
/// does, so the forecast equals the simulator's to the last digit (tested
/// against ``ForecastPipeline/run()``), at a fraction of the cost. Only for
/// one device and no links; other runs stream the workload again.
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
    /// The index of this pass's sequence in ``ReplayPlan/sequences``.
    var sequence: Int
    var sums: PassSums
  }

  var passes: [Pass] = []
  /// The distinct sequences of timing indices, in order of first use.
  var sequences: [[Int32]] = []
  /// The most distinct timings of any pass.
  var widest = 0

  /// The plan of a recorded trace.
  init(_ recorded: [(pass: PassInfo, records: [OpRecord])]) {
    var builder = Builder()
    for (info, records) in recorded {
      builder.beginPass(info)
      for record in records { builder.consume(record) }
      builder.endPass(info)
    }
    self = builder.plan
  }

  init() {}

  /// About how many bytes the plan holds (for bounded caches).
  var approximateBytes: Int {
    let timings = passes.reduce(0) { $0 &+ $1.timings.count }
    let indices = sequences.reduce(0) { $0 &+ $1.count }
    return passes.count &* MemoryLayout<Pass>.stride &+ timings
      &* MemoryLayout<Timing>.stride &+ indices &* MemoryLayout<Int32>.stride
  }

  /// Builds a plan from an op trace as it streams (an ``OpSink``): memory
  /// grows with distinct operators per pass, never with the trace's length
  /// in records.
  struct Builder: OpSink {
    private(set) var plan = ReplayPlan()
    private var timings: [Timing] = []
    private var sequence: [Int32] = []
    private var sums = PassSums()
    private var index: [TimingKey: Int32] = [:]
    private var known: [[Int32]: Int] = [:]
    private var layerIndices: [Int32] = []

    init() {}

    mutating func beginPass(_ pass: PassInfo) {
      timings.removeAll(keepingCapacity: true)
      sequence.removeAll(keepingCapacity: true)
      index.removeAll(keepingCapacity: true)
      sums = PassSums()
    }

    private mutating func timingIndex(_ record: OpRecord) -> Int32 {
      let key = TimingKey(record)
      if let i = index[key] { return i }
      let i = Int32(truncatingIfNeeded: timings.count)
      index[key] = i
      timings.append(
        Timing(
          cell: record.kind.tableIndex, dtype: record.computeType.tableIndex,
          opsPadded: record.opsPadded, bytes: record.bytes,
          dispatchCalls: record.dispatchCalls, quantized: record.hasQuantizedWeights))
      return i
    }

    mutating func consume(_ record: OpRecord) {
      sequence.append(timingIndex(record))
      sums.add(record, calls: record.dispatchCalls)
    }

    /// A run of equal layers: each record keyed once, its indices repeated
    /// and its sums added in the expanded order the simulator adds them.
    mutating func consume(layers layer: ArraySlice<OpRecord>, repeating count: Int) {
      layerIndices.removeAll(keepingCapacity: true)
      for record in layer { layerIndices.append(timingIndex(record)) }
      for _ in 0..<max(count, 0) {
        sequence.append(contentsOf: layerIndices)
        for record in layer { sums.add(record, calls: record.dispatchCalls) }
      }
    }

    mutating func endPass(_ pass: PassInfo) {
      let shared: Int
      if let i = known[sequence] {
        shared = i
      } else {
        shared = plan.sequences.count
        known[sequence] = shared
        plan.sequences.append(sequence)
      }
      plan.passes.append(Pass(info: pass, timings: timings, sequence: shared, sums: sums))
      plan.widest = max(plan.widest, timings.count)
    }
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
      let sequence = sequences[pass.sequence]
      for s in sequence { clock.add(times[Int(s)]) }
      if !sequence.isEmpty { clock.closeSegment() }
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
