import Trace

/// One simulation in progress: an ``OpSink`` that times each operator as it
/// arrives and forwards events to an ``EventSink``. Made by
/// ``Simulator/start(_:)``.
package struct SimulationRun<E: EventSink>: OpSink {
  let simulator: Simulator
  var sink: E
  /// The first error (a dtype with no peak TOPS); the run stops timing.
  var failure: LifeError?
  /// `failure != nil`, kept as a flag: testing the optional error on every
  /// operator cost more than timing it.
  var failed = false

  var pass = PassInfo(phase: .prefill, step: 0, newTokens: 0, pastTokens: 0, batch: 1)
  var wantsOps = false
  var began = false
  /// When the current pass started, seconds from the start of the run.
  var passStart: Double = 0
  var efficiencies: EfficiencyTables
  /// Scratch for ``consume(layers:repeating:)``: the timing of each record
  /// of the run's layer.
  var layerTimes: [OpTiming] = []
  /// Scratch for ``consume(layers:repeating:)``: the dispatch calls of each
  /// record of the run's layer.
  var layerCalls: [Int] = []

  /// The current pass's clock (times from the pass's start).
  var clock: PassClock
  /// The device of the open segment (consecutive operators on one device);
  /// -1 before the pass's first operator.
  var segmentDevice = -1
  /// The current pass's hand-off time.
  var tHandoff: Double = 0
  /// The current pass's ops, bytes and dispatch calls.
  var sums = PassSums()
  /// The current pass's operator energy per device, joules above idle.
  var deviceEnergy: [Double]
  /// The clock's energy when the open segment started.
  var segmentEnergyStart: Double = 0

  // Across passes.
  var lastDevice = -1
  var lastPhase: Phase?
  var lastWrittenActivations: Double = 0
  var kvResident: Double = 0

  /// When set, every operator runs on this device (a draft model's passes),
  /// whatever the mapping says.
  var pinnedDevice: Int?
  /// Per device, a factor on memory time (shared-DRAM contention); nil for
  /// none.
  var memoryScale: [Double]?
  /// The tokens and memory scale ``efficiencies`` were made for (when they
  /// depend on the pass): alike passes, every decode step of one batch,
  /// reuse the tables instead of looking every kind up again.
  var efficienciesMadeFor: (tokens: Double, memoryScale: [Double]?)?
  /// The last pass's timing, once one has ended.
  package private(set) var lastTiming: PassTiming?

  init(simulator: Simulator, sink: E) {
    self.simulator = simulator
    self.sink = sink
    self.clock = PassClock(overlap: simulator.info.overlap)
    self.deviceEnergy = [Double](repeating: 0, count: simulator.deviceCount)
    self.efficiencies =
      simulator.fixedEfficiencies
      ?? EfficiencyTables(devices: simulator.info.devices.map(\.device), tokens: 1)
    self.sink.begin(simulator.info)
  }

  /// A run that continues a lane from `state`, its next pass starting at
  /// `start` seconds; the sink is not told that a run begins (it is one of
  /// many passes drawn into one sink).
  init(
    simulator: Simulator, sink: E, state: LaneState, start: Double, pinnedDevice: Int?,
    memoryScale: [Double]?
  ) {
    self.simulator = simulator
    self.sink = sink
    self.clock = PassClock(overlap: simulator.info.overlap)
    self.deviceEnergy = [Double](repeating: 0, count: simulator.deviceCount)
    self.efficiencies =
      simulator.fixedEfficiencies
      ?? EfficiencyTables(devices: simulator.info.devices.map(\.device), tokens: 1)
    self.passStart = start
    self.lastDevice = state.lastDevice
    self.lastPhase = state.lastPhase
    self.lastWrittenActivations = state.lastWrittenActivations
    self.kvResident = state.kvResident
    self.pinnedDevice = pinnedDevice
    self.memoryScale = memoryScale
    if let memoryScale { efficiencies = efficiencies.scalingMemory(by: memoryScale) }
  }

  /// Where the lane stands after the passes so far.
  package var state: LaneState {
    LaneState(
      lastDevice: lastDevice, lastPhase: lastPhase,
      lastWrittenActivations: lastWrittenActivations, kvResident: kvResident)
  }

  /// The device that runs `record`: the pinned device, else the mapping's.
  @inline(__always)
  func device(of record: OpRecord) -> Int {
    if let pinnedDevice { return pinnedDevice }
    let phaseIndex = record.phase == .prefill ? 0 : 1
    return simulator.deviceOf[phaseIndex * OpKind.count + record.kind.tableIndex]
  }

  /// A pass starts.
  package mutating func beginPass(_ pass: PassInfo) {
    self.pass = pass
    wantsOps = sink.wantsOpEvents(in: pass)
    began = false
    passStart += clock.time
    clock = PassClock(overlap: simulator.info.overlap)
    tHandoff = 0
    sums = PassSums()
    for d in deviceEnergy.indices { deviceEnergy[d] = 0 }
    segmentEnergyStart = 0
    segmentDevice = -1
    if simulator.fixedEfficiencies == nil,
      efficienciesMadeFor.map({
        $0.tokens != pass.tokensProcessed || $0.memoryScale != memoryScale
      }) ?? true
    {
      efficiencies = EfficiencyTables(
        devices: simulator.info.devices.map(\.device), tokens: pass.tokensProcessed)
      if let memoryScale { efficiencies = efficiencies.scalingMemory(by: memoryScale) }
      efficienciesMadeFor = (pass.tokensProcessed, memoryScale)
    }
    if simulator.hasBurst { efficiencies.setCaps(forPassAt: passStart, simulator: simulator) }
  }

  /// One operator of the pass.
  package mutating func consume(_ record: OpRecord) {
    guard !failed else { return }
    let device = device(of: record)
    if device != segmentDevice { switchSegment(to: device) }
    guard let timing = simulator.timing(of: record, on: device, efficiencies: efficiencies) else {
      fail(record, device: device)
      return
    }
    if wantsOps {
      emitOp(record, device: device, timing: timing)
    } else {
      clock.add(timing)
    }
    sums.add(record, calls: simulator.calls(record, on: device))
    lastWrittenActivations = record.written.activations
  }

  /// `count` identical operators back to back (a compact trace's run of
  /// identical operators): the same as `count` calls to ``consume(_:)``.
  /// Without per-operator events the operator is timed once and its timing
  /// added `count` times: the same additions in the same order.
  package mutating func consume(_ record: OpRecord, repeating count: Int) {
    guard count > 1, !wantsOps, !failed else {
      for _ in 0..<max(0, count) { consume(record) }
      return
    }
    let device = device(of: record)
    if device != segmentDevice { switchSegment(to: device) }
    guard let timing = simulator.timing(of: record, on: device, efficiencies: efficiencies) else {
      fail(record, device: device)
      return
    }
    let calls = simulator.calls(record, on: device)
    for _ in 0..<count {
      clock.add(timing)
      sums.add(record, calls: calls)
    }
    lastWrittenActivations = record.written.activations
  }

  /// The pass ends.
  package mutating func endPass(_ pass: PassInfo) {
    guard failure == nil else { return }
    if !began {
      sink.passBegan(pass, at: passStart)
      began = true
    }
    closeSegment()
    let phaseDevice =
      pinnedDevice
      ?? (pass.phase == .prefill ? simulator.phaseDevice.prefill : simulator.phaseDevice.decode)
    // The runtime's launches of the pass as a whole and its host work.
    let phaseIndex = pass.phase == .prefill ? 0 : 1
    let passLaunches = simulator.kernels[phaseDevice]?.perPass ?? 0
    let launchSeconds =
      Double(passLaunches) * simulator.dispatchSeconds[phaseDevice * 2 + phaseIndex]
    let host = simulator.hostSeconds[phaseDevice * 2 + phaseIndex]
    clock.wait(launchSeconds + host)
    if let perToken = simulator.kvBytesPerToken {
      kvResident = pass.kvBytes(perToken: perToken)
    } else {
      kvResident += sums.written.kv
    }
    var timing = PassTiming(
      pass: pass, device: phaseDevice, span: Span(start: passStart, duration: clock.time),
      tCompute: clock.tCompute, tMemory: clock.tMemory,
      tDispatch: clock.tDispatch + launchSeconds, tHandoff: tHandoff,
      bound: clock.tCompute >= clock.tMemory ? .compute : .memory, ops: sums.ops,
      opsPadded: sums.opsPadded, read: sums.read, written: sums.written,
      dispatchCalls: sums.calls + passLaunches, kvCacheBytes: kvResident)
    timing.tHost = host
    timing.deviceEnergy = deviceEnergy
    lastTiming = timing
    sink.passEnded(timing)
    lastPhase = pass.phase
    if let stop = sink.failure {
      failure = stop
      failed = true
    }
  }

  /// Stopped once the run has failed: no more passes are timed.
  package var isStopped: Bool { failed }

  /// Ends the run and returns the sink; the first error, if any, is thrown.
  package mutating func finish() throws(LifeError) -> E {
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
          from: from, to: device, span: Span(start: passStart + clock.time, duration: duration),
          bytes: bytes,
          isTransfer: cost.isTransfer, phase: pass.phase, step: pass.step))
      clock.wait(duration)
      tHandoff += duration
    }
    if !began {
      sink.passBegan(pass, at: passStart)
      began = true
    }
    segmentDevice = device
    lastDevice = device
    clock.openSegment()
  }

  /// Closes the open segment, its operators' energy going to its device.
  mutating func closeSegment() {
    guard segmentDevice >= 0 else { return }
    clock.closeSegment()
    deviceEnergy[segmentDevice] += clock.energy - segmentEnergyStart
    segmentEnergyStart = clock.energy
  }

  mutating func emitOp(_ record: OpRecord, device: Int, timing: OpTiming) {
    let placed = clock.place(timing, passStart: passStart)
    let cell = device * OpKind.count + record.kind.tableIndex
    let perOp = simulator.secondsPerOp(of: record, on: device)
    sink.op(
      OpEvent(
        record: record, device: device, start: placed.start, end: placed.end,
        dispatch: placed.dispatch, compute: placed.compute, memory: placed.memory,
        computeEfficiency: efficiencies.compute[cell], memoryEfficiency: efficiencies.memory[cell],
        peakTops: 1 / (perOp * 1e12), bound: timing.bound))
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
