import Trace

/// One simulation in progress: an ``OpSink`` that times each operator as it
/// arrives and forwards events to an ``EventSink``. Made by
/// ``Simulator/start(_:)``.
public struct SimulationRun<E: EventSink>: OpSink {
  let simulator: Simulator
  var sink: E
  /// The first error (a dtype with no peak TOPS); the run stops timing.
  var failure: LifeError?
  /// `failure != nil`, kept as a flag: testing the optional error on every
  /// operator cost more than timing it.
  var failed = false

  /// Time now, seconds from the start of the current pass (so a pass's
  /// duration does not depend on how long the run has been going).
  var time: Double = 0
  var pass = PassInfo(phase: .prefill, step: 0, newTokens: 0, pastTokens: 0, batch: 1)
  var wantsOps = false
  var began = false
  var passStart: Double = 0
  var efficiencies: EfficiencyTables
  /// Scratch for ``consume(layers:repeating:)``: compute, memory and
  /// dispatch seconds of each record of the run's layer.
  var layerTimes: [(c: Double, m: Double, d: Double)] = []

  // The current segment: consecutive operators on one device.
  var segmentDevice = -1
  var segmentStart: Double = 0
  /// Σ (dispatch + compute) of the segment (phase overlap).
  var segmentCompute: Double = 0
  /// Σ (dispatch + memory) of the segment (phase overlap).
  var segmentMemory: Double = 0

  // Pass totals.
  var tCompute: Double = 0
  var tMemory: Double = 0
  var tDispatch: Double = 0
  var tHandoff: Double = 0
  var ops: Double = 0
  var opsPadded: Double = 0
  var read = BytesRead()
  var written = BytesWritten()
  var calls = 0

  // Across passes.
  var lastDevice = -1
  var lastPhase: Phase?
  var lastWrittenActivations: Double = 0
  var kvResident: Double = 0

  init(simulator: Simulator, sink: E) {
    self.simulator = simulator
    self.sink = sink
    self.efficiencies =
      simulator.fixedEfficiencies
      ?? EfficiencyTables(devices: simulator.info.devices.map(\.device), tokens: 1)
    self.sink.begin(simulator.info)
  }

  /// A pass starts.
  public mutating func beginPass(_ pass: PassInfo) {
    self.pass = pass
    wantsOps = sink.wantsOpEvents(in: pass)
    began = false
    passStart += time
    time = 0
    tCompute = 0
    tMemory = 0
    tDispatch = 0
    tHandoff = 0
    ops = 0
    opsPadded = 0
    read = BytesRead()
    written = BytesWritten()
    calls = 0
    segmentDevice = -1
    if simulator.fixedEfficiencies == nil {
      efficiencies = EfficiencyTables(
        devices: simulator.info.devices.map(\.device), tokens: pass.tokensProcessed)
    }
  }

  /// One operator of the pass.
  public mutating func consume(_ record: OpRecord) {
    consume(record, repeating: 1)
  }

  /// `count` identical operators back to back (a compact trace's run of
  /// identical layers): timed as `count` separate operators.
  public mutating func consume(_ record: OpRecord, repeating count: Int) {
    guard !failed, count > 0 else { return }
    let phaseIndex = record.phase == .prefill ? 0 : 1
    let device = simulator.deviceOf[phaseIndex * OpKind.count + record.kind.tableIndex]
    if device != segmentDevice { switchSegment(to: device) }

    let cell = device * OpKind.count + record.kind.tableIndex
    let perOp = simulator.secondsPerOp[device * DType.count + record.computeType.tableIndex]
    if perOp == 0 {
      fail(record, device: device)
      return
    }
    let c = record.opsPadded * perOp * efficiencies.inverseCompute[cell]
    let m = record.bytes * simulator.secondsPerByte[device] * efficiencies.inverseMemory[cell]
    let d = Double(record.dispatchCalls) * simulator.dispatchSeconds[device]
    let n = Double(count)

    if wantsOps {
      for _ in 0..<count {
        emitOp(record, device: device, cell: cell, perOp: perOp, c: c, m: m, d: d)
      }
    } else {
      switch simulator.info.overlap {
      case .op: time += n * (d + max(c, m))
      case .phase:
        segmentCompute += n * (d + c)
        segmentMemory += n * (d + m)
      }
    }
    tCompute += n * c
    tMemory += n * m
    tDispatch += n * d
    ops += n * record.ops
    opsPadded += n * record.opsPadded
    if count == 1 {
      read += record.read
      written += record.written
    } else {
      read += BytesRead(
        activations: n * record.read.activations, weights: n * record.read.weights,
        kv: n * record.read.kv)
      written += BytesWritten(
        activations: n * record.written.activations, kv: n * record.written.kv)
    }
    calls += count * record.dispatchCalls
    lastWrittenActivations = record.written.activations
  }

  /// The pass ends.
  public mutating func endPass(_ pass: PassInfo) {
    guard failure == nil else { return }
    if !began {
      sink.passBegan(pass, at: passStart)
      began = true
    }
    closeSegment()
    if let perToken = simulator.kvBytesPerToken {
      kvResident = perToken * Double(pass.batch) * Double(pass.kvLength)
    } else {
      kvResident += written.kv
    }
    let phaseDevice =
      pass.phase == .prefill ? simulator.phaseDevice.prefill : simulator.phaseDevice.decode
    sink.passEnded(
      PassTiming(
        pass: pass, device: phaseDevice, span: Span(start: passStart, duration: time),
        tCompute: tCompute, tMemory: tMemory, tDispatch: tDispatch, tHandoff: tHandoff,
        bound: tCompute >= tMemory ? .compute : .memory, ops: ops, opsPadded: opsPadded,
        read: read, written: written, dispatchCalls: calls, kvCacheBytes: kvResident))
    lastPhase = pass.phase
  }

  /// Ends the run and returns the sink; the first error, if any, is thrown.
  public mutating func finish() throws(LifeError) -> E {
    if let failure { throw failure }
    sink.end()
    return sink
  }

  // MARK: - Segments and hand-offs

  /// Closes the current segment (in phase overlap its two pipelines end
  /// together) and starts one on `device`, handing off first when work
  /// moves between devices.
  mutating func switchSegment(to device: Int) {
    closeSegment()
    let from = segmentDevice >= 0 ? segmentDevice : lastDevice
    if from >= 0 && from != device {
      let cost = simulator.handoffCosts[from * simulator.deviceCount + device]
      var bytes = 0.0
      if cost.isTransfer {
        bytes = lastWrittenActivations
        let crossesPhases = !began && lastPhase == .prefill && pass.phase == .decode
        if crossesPhases { bytes += kvResident }
      }
      let duration = cost.latency + bytes * cost.secondsPerByte
      sink.handoff(
        HandoffEvent(
          from: from, to: device, span: Span(start: passStart + time, duration: duration),
          bytes: bytes,
          isTransfer: cost.isTransfer, phase: pass.phase, step: pass.step))
      time += duration
      tHandoff += duration
    }
    if !began {
      sink.passBegan(pass, at: passStart)
      began = true
    }
    segmentDevice = device
    lastDevice = device
    segmentStart = time
    segmentCompute = 0
    segmentMemory = 0
  }

  mutating func closeSegment() {
    if simulator.info.overlap == .phase && segmentDevice >= 0 {
      time = segmentStart + max(segmentCompute, segmentMemory)
      segmentCompute = 0
      segmentMemory = 0
      segmentStart = time
    }
  }

  mutating func emitOp(
    _ record: OpRecord, device: Int, cell: Int, perOp: Double, c: Double, m: Double, d: Double
  ) {
    let dispatch: Span
    let compute: Span
    let memory: Span
    let start: Double
    let end: Double
    switch simulator.info.overlap {
    case .op:
      start = passStart + time
      dispatch = Span(start: start, duration: d)
      compute = Span(start: start + d, duration: c)
      memory = Span(start: start + d, duration: m)
      end = start + d + max(c, m)
      time += d + max(c, m)
    case .phase:
      let computeStart = passStart + segmentStart + segmentCompute
      let memoryStart = passStart + segmentStart + segmentMemory
      dispatch = Span(start: computeStart, duration: d)
      compute = Span(start: computeStart + d, duration: c)
      memory = Span(start: memoryStart + d, duration: m)
      start = min(computeStart, memoryStart)
      end = max(compute.end, memory.end)
      segmentCompute += d + c
      segmentMemory += d + m
    }
    sink.op(
      OpEvent(
        record: record, device: device, start: start, end: end, dispatch: dispatch,
        compute: compute, memory: memory,
        computeEfficiency: efficiencies.compute[cell], memoryEfficiency: efficiencies.memory[cell],
        peakTops: 1 / (perOp * 1e12), bound: c >= m ? .compute : .memory))
  }

  mutating func fail(_ record: OpRecord, device: Int) {
    let key = simulator.info.devices[device].key
    let tops = simulator.info.devices[device].device.peakTops.keys.sorted()
    failed = true
    failure = LifeError(
      .failure, at: ErrorLocation(path: "devices.\(key).peak_tops"),
      "no peak TOPS for the compute dtype of \(record.name)",
      got: "'\(record.computeType.topsKey)'",
      expected: "an entry for it or 'default' (given: \(tops.joined(separator: ", ")))")
  }
}
