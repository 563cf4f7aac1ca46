import Trace

/// Replays an op trace onto device lanes and reports timed events to an
/// ``EventSink``: what runs where (``Mapping``), how long each operator's
/// dispatch, compute and memory take, how compute and memory overlap
/// (``Overlap``), and what each hand-off between devices costs.
///
/// ```swift
/// let simulator = try Simulator(name: "run", devices: [("gpu", gpu)],
///                               mapping: Mapping(prefill: "gpu", decode: "gpu"))
/// var collector = ForecastCollector()
/// try simulator.run(workload, into: &collector)
/// let forecast = collector.forecast
/// ```
///
/// Everything that does not change from operator to operator is looked up
/// once (per run, or per pass for efficiency curves), so timing one operator
/// is a few multiplications and no allocation when the sink does not want
/// per-operator events.
package struct Simulator: Sendable {
  /// Devices, mapping and overlap, as sinks see them.
  package let info: RunInfo
  /// Links between devices.
  package let links: [Link]
  /// Latency of a hand-off that copies nothing, microseconds.
  package let syncLatencyUs: Double
  /// KV-cache bytes per token of one sequence (all layers), from the
  /// workload's footprint; when nil the resident KV cache is the running sum
  /// of the KV bytes the operators write (exact for in-place updates).
  package let kvBytesPerToken: Double?

  let deviceCount: Int
  /// `[phase × kinds + kind]` → device index (phase 0 prefill, 1 decode).
  let deviceOf: [Int]
  let phaseDevice: (prefill: Int, decode: Int)
  /// `[((device × kinds + kind) × dtypes + dtype) × 2 + quantized]` →
  /// seconds per op at 100 % efficiency, at the peak the device's runtime
  /// reaches for that operator; 0 when the device gives no TOPS for it.
  let secondsPerOp: [Double]
  /// `[device]` → seconds per byte at 100 % efficiency.
  let secondsPerByte: [Double]
  /// The same slots as ``secondsPerOp`` → joules per operation (the
  /// device's `pj_per_op` for the peak used).
  let joulesPerOp: [Double]
  /// `[device]` → joules per DRAM byte.
  let joulesPerByte: [Double]
  /// `[device]` → 1 / (cap − idle) in seconds per joule, the least time a
  /// joule of operator energy may take under the device's power cap; 0 with
  /// no cap.
  let capSecondsPerJoule: [Double]
  /// `[device]` → the burst cap's seconds per joule and until when it lasts
  /// (seconds from the run's start); nil for a device with no burst.
  let burst: [(secondsPerJoule: Double, until: Double)?]
  /// Whether any device has a burst cap (passes then choose their caps by
  /// start time).
  let hasBurst: Bool
  /// `[device × 2 + phase]` → seconds per dispatch call (kernel launch).
  let dispatchSeconds: [Double]
  /// `[device × 2 + phase]` → host seconds per pass.
  let hostSeconds: [Double]
  /// `[device]` → the runtime's kernel graph; nil: each operator's own
  /// dispatch calls.
  let kernels: [KernelGraph?]
  /// `[from × devices + to]` → hand-off cost.
  let handoffCosts: [HandoffCost]
  /// Per-device efficiencies when no device has a curve (nil otherwise:
  /// computed per pass).
  let fixedEfficiencies: EfficiencyTables?

  /// Sets up a simulation. Mapping and link keys must name devices.
  package init(
    name: String, devices: [(key: String, device: Device)], mapping: Mapping,
    links: [Link] = [], overlap: Overlap = .op,
    syncLatencyUs: Double = Device.defaultSyncLatencyUs, kvBytesPerToken: Double? = nil,
    runtimeCosts: [DeviceCosts]? = nil
  ) throws(LifeError) {
    let keys = devices.map(\.key)
    func index(_ key: String, _ path: String) throws(LifeError) -> Int {
      guard let i = keys.firstIndex(of: key) else {
        throw LifeError(
          .failure, at: ErrorLocation(path: path), "unknown device key", got: "'\(key)'",
          expected: "one of " + keys.map { "'\($0)'" }.joined(separator: ", "),
          suggestion: DidYouMean.suggest(key, among: keys))
      }
      return i
    }
    if devices.isEmpty {
      throw LifeError(
        .failure, at: ErrorLocation(path: "devices"), "no devices", expected: "at least one device")
    }
    if Set(keys).count != keys.count {
      throw LifeError(.failure, at: ErrorLocation(path: "devices"), "duplicate device key")
    }
    let prefill = try index(mapping.prefill, "mapping.prefill")
    let decode = try index(mapping.decode, "mapping.decode")
    var deviceOf = [Int](repeating: 0, count: 2 * OpKind.count)
    for kind in OpKind.allCases {
      deviceOf[kind.tableIndex] = prefill
      deviceOf[OpKind.count + kind.tableIndex] = decode
      if let key = mapping.byKind[kind] {
        let i = try index(key, "mapping.by_kind.\(kind.rawValue)")
        deviceOf[kind.tableIndex] = i
        deviceOf[OpKind.count + kind.tableIndex] = i
      }
    }
    var costs: [HandoffCost] = []
    for (i, from) in devices.enumerated() {
      for (j, to) in devices.enumerated() {
        costs.append(
          HandoffCost(
            from: (from.key, from.device), to: (to.key, to.device), links: links,
            syncLatencyUs: syncLatencyUs, same: i == j))
      }
    }
    for (n, link) in links.enumerated() {
      _ = try index(link.from, "links[\(n)].from")
      _ = try index(link.to, "links[\(n)].to")
    }
    let deviceCosts = runtimeCosts ?? devices.map { DeviceCosts.ideal($0.device) }
    var secondsPerOp = [Double](repeating: 0, count: devices.count * Self.peakSlots)
    var joulesPerOp = secondsPerOp
    for (i, entry) in devices.enumerated() {
      for kind in OpKind.allCases {
        for dtype in DType.allCases {
          for quantized in [false, true] {
            let weights: WeightStorage =
              quantized ? .quantized(.mxfp4) : (kind == .gemm ? .plain(dtype) : .none)
            let key = deviceCosts[i].peaks.key(kind: kind, weights: weights)
            let tops =
              key.map { entry.device.peakTops(forKey: $0) } ?? entry.device.peakTops(for: dtype)
            if let tops, tops > 0 {
              let slot = Self.peakSlot(
                device: i, kind: kind.tableIndex, dtype: dtype.tableIndex, quantized: quantized)
              secondsPerOp[slot] = 1 / (tops * 1e12)
              joulesPerOp[slot] = entry.device.power.joulesPerOp(
                key: key ?? dtype.topsKey, tops: tops)
            }
          }
        }
      }
    }
    self.info = RunInfo(
      name: name, devices: devices, mapping: mapping, overlap: overlap,
      runtimes: deviceCosts.map(\.runtime))
    self.links = links
    self.syncLatencyUs = syncLatencyUs
    self.kvBytesPerToken = kvBytesPerToken
    self.deviceCount = devices.count
    self.deviceOf = deviceOf
    self.phaseDevice = (prefill, decode)
    self.secondsPerOp = secondsPerOp
    self.secondsPerByte = devices.map { 1 / ($0.device.bandwidthGBs * 1e9) }
    self.joulesPerOp = joulesPerOp
    self.joulesPerByte = devices.map { $0.device.power.joulesPerByte }
    self.capSecondsPerJoule = devices.map {
      $0.device.power.secondsPerJoule(cap: $0.device.power.capW)
    }
    let burst: [(secondsPerJoule: Double, until: Double)?] = devices.map { entry in
      let power = entry.device.power
      guard let watts = power.burstW, let seconds = power.burstS else { return nil }
      return (power.secondsPerJoule(cap: watts), seconds)
    }
    self.burst = burst
    self.hasBurst = burst.contains { $0 != nil }
    self.dispatchSeconds = deviceCosts.flatMap {
      [$0.launchUs.prefill * 1e-6, $0.launchUs.decode * 1e-6]
    }
    self.hostSeconds = deviceCosts.flatMap { [$0.hostUs.prefill * 1e-6, $0.hostUs.decode * 1e-6] }
    self.kernels = deviceCosts.map(\.kernels)
    self.handoffCosts = costs
    let hasCurves = devices.contains { $0.device.efficiency.hasCurves }
    self.fixedEfficiencies =
      hasCurves ? nil : EfficiencyTables(devices: devices.map(\.device), tokens: 1)
  }

  /// The overlap model.
  package var overlap: Overlap { info.overlap }

  /// Entries of ``secondsPerOp`` per device.
  static let peakSlots = OpKind.count * DType.count * 2

  /// The index into ``secondsPerOp`` of an operator of kind table index
  /// `kind` computing in dtype table index `dtype` on `device`.
  @inline(__always)
  static func peakSlot(device: Int, kind: Int, dtype: Int, quantized: Bool) -> Int {
    ((device * OpKind.count + kind) * DType.count + dtype) * 2 + (quantized ? 1 : 0)
  }

  /// Runs a workload: its prefill passes, then every decode step.
  package func run<E: EventSink>(_ workload: Workload, into sink: inout E) throws(LifeError) {
    var run = start(sink)
    workload.run(into: &run)
    sink = try run.finish()
  }

  /// Runs a given sequence of passes with their operators (for tests, and to
  /// replay one recorded trace on many devices).
  package func run<E: EventSink>(
    passes: [(pass: PassInfo, records: [OpRecord])], into sink: inout E
  ) throws(LifeError) {
    var run = start(sink)
    for (pass, records) in passes {
      run.beginPass(pass)
      for record in records { run.consume(record) }
      run.endPass(pass)
    }
    sink = try run.finish()
  }

  /// A run that any op-trace producer can drive as an ``OpSink``; call
  /// ``SimulationRun/finish()`` at the end to get the sink back.
  package func start<E: EventSink>(_ sink: E) -> SimulationRun<E> {
    SimulationRun(simulator: self, sink: sink)
  }
}

/// The cost of handing work from one device to another.
struct HandoffCost: Sendable {
  /// A copy over a link (else a synchronisation).
  var isTransfer: Bool
  /// Seconds per byte copied.
  var secondsPerByte: Double
  /// Fixed latency, seconds.
  var latency: Double

  init(
    from: (key: String, device: Device), to: (key: String, device: Device), links: [Link],
    syncLatencyUs: Double, same: Bool
  ) {
    if same {
      self.init(isTransfer: false, secondsPerByte: 0, latency: 0)
    } else if let group = from.device.sharedMemoryGroup, group == to.device.sharedMemoryGroup {
      self.init(isTransfer: false, secondsPerByte: 0, latency: syncLatencyUs * 1e-6)
    } else if let link = links.first(where: { $0.from == from.key && $0.to == to.key })
      ?? links.first(where: { $0.from == to.key && $0.to == from.key })
    {
      self.init(
        isTransfer: true, secondsPerByte: 1 / (link.bandwidthGBs * 1e9),
        latency: link.latencyUs * 1e-6)
    } else {
      self.init(isTransfer: false, secondsPerByte: 0, latency: syncLatencyUs * 1e-6)
    }
  }

  init(isTransfer: Bool, secondsPerByte: Double, latency: Double) {
    self.isTransfer = isTransfer
    self.secondsPerByte = secondsPerByte
    self.latency = latency
  }
}

/// Reciprocal efficiencies per device and kind for one pass.
struct EfficiencyTables: Sendable {
  /// `[device × kinds + kind]` → 1 / compute efficiency.
  var inverseCompute: [Double]
  /// `[device × kinds + kind]` → 1 / memory efficiency.
  var inverseMemory: [Double]
  /// `[device × kinds + kind]` → compute efficiency.
  var compute: [Double]
  /// `[device × kinds + kind]` → memory efficiency.
  var memory: [Double]
  /// `[device]` → the least seconds per joule of operator energy under the
  /// device's power cap in this pass (``DevicePower/secondsPerJoule(cap:)``);
  /// 0 with no cap.
  var capSecondsPerJoule: [Double]

  init(devices: [Device], tokens: Double) {
    compute = [Double](repeating: 1, count: devices.count * OpKind.count)
    memory = compute
    for (d, device) in devices.enumerated() {
      for kind in OpKind.allCases {
        compute[d * OpKind.count + kind.tableIndex] = device.efficiency.compute(
          for: kind, tokens: tokens)
        memory[d * OpKind.count + kind.tableIndex] = device.efficiency.memory(
          for: kind, tokens: tokens)
      }
    }
    inverseCompute = compute.map { 1 / $0 }
    inverseMemory = memory.map { 1 / $0 }
    capSecondsPerJoule = devices.map { $0.power.secondsPerJoule(cap: $0.power.capW) }
  }

  /// The tables with each device's cap as it stands for a pass starting at
  /// `start` seconds: the burst cap while the burst lasts, else the
  /// sustained one.
  mutating func setCaps(forPassAt start: Double, simulator: Simulator) {
    for (d, burst) in simulator.burst.enumerated() {
      guard d < capSecondsPerJoule.count else { break }
      if let burst, start < burst.until {
        capSecondsPerJoule[d] = burst.secondsPerJoule
      } else {
        capSecondsPerJoule[d] = simulator.capSecondsPerJoule[d]
      }
    }
  }

  /// The tables with device `d`'s memory time multiplied by `scale[d]`
  /// (its memory efficiency divided by it): how shared-DRAM contention
  /// slows a pass, through the one timing formula. A factor of 1 leaves a
  /// device's entries exactly as they are.
  func scalingMemory(by scale: [Double]) -> EfficiencyTables {
    var out = self
    let kinds = OpKind.count
    for (d, factor) in scale.enumerated() where factor != 1 {
      for k in 0..<kinds where d * kinds + k < memory.count {
        out.memory[d * kinds + k] = memory[d * kinds + k] / factor
        out.inverseMemory[d * kinds + k] = inverseMemory[d * kinds + k] * factor
      }
    }
    return out
  }
}
