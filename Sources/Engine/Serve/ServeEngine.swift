import Foundation
import Trace

/// The continuous-batching scheduler: a discrete-event simulation of one or
/// two lanes (docs/serve.md).
///
/// - One lane (`engine`) when prefill and decode map to the same device:
///   every step mixes the running sequences' decode tokens with prompt
///   chunks, within the batch and token limits.
/// - Two lanes (`prefill`, `decode`) when they map to different devices:
///   they run at the same time; a sequence whose prompt is done hands its
///   KV cache to the decode lane's memory.
///
/// Every pass is timed by ``PassTimer`` from its lane's state, so one
/// request alone takes exactly a forecast's passes.
struct ServeEngine {
  let timer: PassTimer
  let workload: Workload
  let speculation: Speculation?
  let config: SchedulerConfig
  var simulator: Simulator { timer.simulator }

  // Requests.
  var seqs: [Sequence] = []
  var records: [RequestRecord] = []
  var nextArrival = 0
  /// Waiting for admission, in order (preempted-by-recompute ones first).
  var waiting: [Int] = []
  /// Swapped out to host memory, oldest first.
  var swapped: [Int] = []
  /// Sequences prefilling or decoding, in admission order (the only ones a
  /// step looks at, so a step's cost does not grow with finished requests).
  var active: [Int] = []
  /// Prompt done, waiting for room in the decode lane's memory.
  var awaitingHandoff: [Int] = []
  /// KV copies under way: (ready time, sequence, transfer).
  var inFlightTransfers: [(ready: Double, seqs: [Int])] = []
  var admissions = 0

  // Lanes and memory.
  var lanes: [Lane]
  var pools: [KVPool]
  var poolInfo: [KVPoolInfo]
  let laneNames: [String]
  let disaggregated: Bool
  /// Whether the two lanes share a device (a per-kind mapping, or a draft
  /// on the prefill device): then their steps do not overlap.
  var conflicting: Bool {
    lanes.count > 1 && !lanes[0].devices.isDisjoint(with: lanes[1].devices)
  }
  /// When each lane's last step ended.
  var lastEnd: [Double] = [0, 0]
  /// Per token of one sequence, every layer.
  let kvBytesPerToken: Double
  let draftIndex: Int?
  /// Device → shared-memory group index (nil outside any group).
  let groupOf: [Int?]
  /// Group index → what its DRAM delivers, bytes/s: the most any of its
  /// devices achieves alone (bandwidth × memory efficiency).
  let groupBandwidth: [Double]

  // Output.
  var passes: [ServePass] = []
  var transfers: [KVTransfer] = []
  var samples: [ServeSample] = []
  var warnings: [String] = []

  struct Sequence {
    var request: ServeRequest
    var state: State = .pending
    /// Tokens in the target's KV cache.
    var computed = 0
    /// Tokens the current prefill must reach: the prompt, or after a
    /// recompute preemption the prompt and every token generated so far.
    var promptTarget: Int
    /// Tokens generated, the first included (fractional with speculation).
    var generated = 0.0
    /// Blocks held, and in which pool.
    var blocks = 0
    var pool = 0
    /// Tokens in the draft model's cache.
    var draftKV = 0
    var admitOrder = 0
    /// The end of its last step (its arrival before any).
    var mark: Double
    /// Milliseconds since its last token, summed interval by interval.
    var accumulatedMs = 0.0
    var preemptedAt: Double?

    enum State { case pending, waiting, prefilling, handoff, decoding, swapped, done, rejected }

    var knownTokens: Int { request.promptTokens + Int(generated.rounded(.down)) }
  }

  struct Lane {
    var role: Role
    var state = LaneState()
    /// When its step in flight ends; nil when idle.
    var busyUntil: Double?
    var step: Step?
    /// The memory pool its sequences' caches live in.
    var pool: Int
    /// Devices its passes use (for shared-DRAM contention).
    var devices: Set<Int>

    enum Role { case engine, prefill, decode }

    var runsPrefill: Bool { role != .decode }
    var runsDecode: Bool { role != .prefill }
  }

  struct KVPool {
    var capacity: Int
    var used = 0
    var free: Int { capacity - used }
  }

  /// One step of a lane: its passes and who was in them.
  struct Step {
    var start: Double
    var end: Double
    /// Target entries: sequence and what it processed.
    var entries: [(seq: Int, group: SequenceGroup)]
    /// Passes of this step (indices into ``passes``).
    var passIndices: [Int]
    /// Activations the last pass's last operator wrote.
    var lastWritten: Double
  }

  init(
    simulator: Simulator, workload: Workload, speculation: Speculation?,
    requests: [ServeRequest], config: SchedulerConfig
  ) throws(LifeError) {
    self.timer = PassTimer(simulator: simulator)
    self.workload = workload
    self.speculation = speculation
    self.config = config
    let info = simulator.info
    let keys = info.devices.map(\.key)
    kvBytesPerToken = workload.kvCacheBytes(tokens: 1)
    if let speculation {
      guard let index = keys.firstIndex(of: speculation.draftDevice) else {
        throw LifeError(
          .failure, at: .parameter(.draftDevice), "unknown device key",
          got: "'\(speculation.draftDevice)'",
          expected: "one of " + keys.map { "'\($0)'" }.joined(separator: ", "))
      }
      draftIndex = index
    } else {
      draftIndex = nil
    }
    // Groups.
    var groups: [String] = []
    var groupOf: [Int?] = []
    for entry in info.devices {
      if let g = entry.device.sharedMemoryGroup {
        if !groups.contains(g) { groups.append(g) }
        groupOf.append(groups.firstIndex(of: g))
      } else {
        groupOf.append(nil)
      }
    }
    self.groupOf = groupOf
    self.groupBandwidth = groups.map { g in
      info.devices.filter { $0.device.sharedMemoryGroup == g }.map {
        $0.device.bandwidthGBs * $0.device.efficiency.memory
      }.max().map { $0 * 1e9 } ?? 0
    }
    // Lanes: one or two, by where the KV cache is written.
    let kvDevice = (
      prefill: simulator.deviceOf[OpKind.kvCache.tableIndex],
      decode: simulator.deviceOf[OpKind.count + OpKind.kvCache.tableIndex]
    )
    disaggregated = simulator.phaseDevice.prefill != simulator.phaseDevice.decode
    func devices(phase: Int) -> Set<Int> {
      Set(OpKind.allCases.map { simulator.deviceOf[phase * OpKind.count + $0.tableIndex] })
    }
    func memory(_ device: Int) -> String {
      info.devices[device].device.sharedMemoryGroup ?? info.devices[device].key
    }
    var memories: [String] = []
    var poolDevice: [Int] = []
    func poolIndex(_ device: Int) -> Int {
      let m = memory(device)
      if let i = memories.firstIndex(of: m) { return i }
      memories.append(m)
      poolDevice.append(device)
      return memories.count - 1
    }
    if disaggregated {
      var decodeDevices = devices(phase: 1)
      if let draftIndex { decodeDevices.insert(draftIndex) }
      lanes = [
        Lane(role: .prefill, pool: poolIndex(kvDevice.prefill), devices: devices(phase: 0)),
        Lane(role: .decode, pool: poolIndex(kvDevice.decode), devices: decodeDevices),
      ]
      laneNames = ["prefill lane", "decode lane"]
    } else {
      var all = devices(phase: 0).union(devices(phase: 1))
      if let draftIndex { all.insert(draftIndex) }
      lanes = [Lane(role: .engine, pool: poolIndex(kvDevice.decode), devices: all)]
      laneNames = ["engine"]
    }
    // Pools: blocks from each memory after weights and activations.
    var draftPerToken = 0.0
    var draftWeights = 0.0
    if let speculation {
      draftPerToken = speculation.draft.kvCacheBytes(tokens: 1)
      draftWeights = speculation.draft.weightsBytes
    }
    let activations = Self.activationReserve(workload, requests: requests, config: config)
    pools = []
    poolInfo = []
    for (i, m) in memories.enumerated() {
      let device = info.devices[poolDevice[i]].device
      let draftHere = draftIndex.map { memory($0) == m } ?? false
      let blockBytes =
        Double(config.blockSize) * (kvBytesPerToken + (draftHere ? draftPerToken : 0))
      var blocks: Int?
      var budget: Double?
      if let given = config.kvBlocks {
        blocks = given
      } else if let gib = device.memoryGiB {
        let bytes =
          gib * 1_073_741_824 * config.memoryUtilization - workload.weightsBytes
          - (draftHere ? draftWeights : 0) - activations
        budget = bytes
        guard bytes >= blockBytes else {
          throw LifeError(
            .failure, at: .parameter(.kvBlocks),
            "no room for the KV cache in \(m)'s memory after the weights",
            got: "\(Self.gib(gib * config.memoryUtilization)) GiB usable,"
              + " \(Self.gib(workload.weightsBytes + (draftHere ? draftWeights : 0))) GiB of weights",
            expected: "a device with more memory, smaller weights, or a given kv-blocks")
        }
        blocks = Int(min(Double(Int.max / 4), (bytes / blockBytes).rounded(.down)))
      }
      pools.append(KVPool(capacity: blocks ?? Int.max / 4))
      poolInfo.append(
        KVPoolInfo(memory: m, blocks: blocks, blockBytes: blockBytes, budgetBytes: budget))
    }
    // Requests.
    let maxTokens = requests.map { $0.promptTokens + $0.outputTokens }.max() ?? 0
    let (total, overflow) = maxTokens.multipliedReportingOverflow(by: config.maxBatch)
    guard !overflow, total <= Workload.maxTokens else {
      throw LifeError(
        .usage, at: .parameter(.maxBatch), "the run is beyond LIFE's token limit",
        got: "\(config.maxBatch) × \(maxTokens)",
        expected: "max batch × the longest request ≤ 2^40 tokens")
    }
    seqs = requests.map {
      Sequence(request: $0, promptTarget: $0.promptTokens, mark: $0.arrival)
    }
    records = requests.map { RequestRecord(request: $0) }
  }

  static func gib(_ bytes: Double) -> String {
    JSONFormat.number((bytes / 1_073_741_824 * 100).rounded() / 100)
  }

  /// Activations to keep free: the largest activation bytes one operator of
  /// the largest planned pass reads and writes (the token budget, else the
  /// longest prompt or chunk, as one sequence).
  static func activationReserve(
    _ workload: Workload, requests: [ServeRequest], config: SchedulerConfig
  ) -> Double {
    let longest = requests.map(\.promptTokens).max() ?? 1
    let tokens = max(1, min(config.tokenBudget ?? longest, workload.options.chunk ?? longest))
    var totals = WorkloadTotals()
    workload.emit(
      PassInfo(phase: .prefill, step: 0, newTokens: tokens, pastTokens: 0, batch: 1), into: &totals)
    return totals.activationsBytesPeak
  }

  func blocks(_ tokens: Int) -> Int { (tokens + config.blockSize - 1) / config.blockSize }

  // MARK: - The event loop

  mutating func run() throws(LifeError) {
    var now = 0.0
    var iterations = 0
    let limit = 64 + 8 * seqs.reduce(0) { $0 + $1.request.promptTokens + $1.request.outputTokens }
    while true {
      iterations += 1
      if iterations > limit {
        throw LifeError(.failure, at: .none, "the scheduler made no progress")
      }
      try completeSteps(at: now)
      completeTransfers(at: now)
      arrive(at: now)
      startHandoffs(at: now)
      if conflicting {
        // A device both lanes use runs one lane's step at a time; the lane
        // that has waited longer goes first.
        let order = lanes.indices.sorted { (lastEnd[$0], $0) < (lastEnd[$1], $1) }
        for lane in order where lanes.allSatisfy({ $0.busyUntil == nil }) {
          try plan(lane: lane, at: now)
        }
      } else {
        for lane in lanes.indices where lanes[lane].busyUntil == nil {
          try plan(lane: lane, at: now)
        }
      }
      sample(at: now)
      var next = Double.infinity
      for lane in lanes { if let t = lane.busyUntil { next = min(next, t) } }
      for t in inFlightTransfers { next = min(next, t.ready) }
      if nextArrival < seqs.count { next = min(next, seqs[nextArrival].request.arrival) }
      guard next.isFinite else { break }
      now = max(now, next)
    }
    if let stuck = seqs.firstIndex(where: { $0.state != .done && $0.state != .rejected }) {
      throw LifeError(
        .failure, at: .none,
        "the scheduler stopped before request \(seqs[stuck].request.id) finished")
    }
    for i in poolInfo.indices where pools[i].capacity < Int.max / 4 {
      poolInfo[i].blocks = pools[i].capacity
    }
  }

  mutating func arrive(at now: Double) {
    while nextArrival < seqs.count && seqs[nextArrival].request.arrival <= now {
      let i = nextArrival
      nextArrival += 1
      let need = blocks(seqs[i].request.promptTokens + seqs[i].request.outputTokens)
      let fits = lanes.allSatisfy { need <= pools[$0.pool].capacity }
      if fits {
        seqs[i].state = .waiting
        waiting.append(i)
      } else {
        seqs[i].state = .rejected
        records[i].rejected = true
      }
    }
  }

  mutating func sample(at now: Double) {
    let running =
      active.count + awaitingHandoff.count + inFlightTransfers.reduce(0) { $0 + $1.seqs.count }
    let queued = waiting.count + swapped.count
    let used = pools.reduce(0) { $0 + $1.used }
    for i in pools.indices { poolInfo[i].peakBlocks = max(poolInfo[i].peakBlocks, pools[i].used) }
    let s = ServeSample(time: now, running: running, queued: queued, kvBlocks: used)
    if let last = samples.last, last.running == running, last.queued == queued,
      last.kvBlocks == used
    {
      return
    }
    if let last = samples.last, last.time == now { samples.removeLast() }
    samples.append(s)
  }

  // MARK: - Planning a step

  /// Builds and times the next step of `lane` at `now`, if it has work.
  mutating func plan(lane l: Int, at now: Double) throws(LifeError) {
    var budget = config.tokenBudget ?? Int.max
    let role = lanes[l].role
    let pool = lanes[l].pool
    var planned: [(seq: Int, group: SequenceGroup)] = []
    var plannedSet = Set<Int>()
    var delay = 0.0
    let perDecode = speculation.map { $0.tokens + 1 } ?? 1
    func running() -> [Int] {
      active.filter { i in
        switch seqs[i].state {
        case .prefilling: return role != .decode
        case .decoding: return role != .prefill && seqs[i].pool == pool
        default: return false
        }
      }
    }
    var batch = running().count
    /// Frees room for `need` blocks by preempting the latest-admitted
    /// running sequences not yet planned; false when `seq` itself had to go.
    func makeRoom(_ need: Int, for seq: Int) -> Bool {
      while need > pools[pool].free {
        let victims = running().filter { !plannedSet.contains($0) && $0 != seq }
        guard let victim = victims.last else {
          preempt(seq, at: now, delay: &delay)
          batch -= 1
          return false
        }
        preempt(victim, at: now, delay: &delay)
        batch -= 1
      }
      return true
    }
    if lanes[l].runsDecode {
      // 1. Running decode sequences, each one token (K + 1 with speculation).
      for i in running() where seqs[i].state == .decoding {
        guard budget >= perDecode else { break }
        let need = blocks(seqs[i].computed + perDecode) - seqs[i].blocks
        if need > 0 {
          guard makeRoom(need, for: i) else { continue }
          pools[pool].used += need
          seqs[i].blocks += need
        }
        planned.append(
          (
            i,
            SequenceGroup(
              count: 1, newTokens: perDecode, pastTokens: seqs[i].computed, phase: .decode)
          ))
        plannedSet.insert(i)
        budget -= perDecode
      }
      // 2. Swapped-out sequences come back first, while there is room.
      while let i = swapped.first, batch < config.maxBatch, budget >= perDecode {
        let need = blocks(seqs[i].computed + perDecode)
        guard need <= pools[pool].free else { break }
        swapped.removeFirst()
        pools[pool].used += need
        seqs[i].blocks = need
        seqs[i].pool = pool
        seqs[i].state = .decoding
        admissions += 1
        seqs[i].admitOrder = admissions
        active.append(i)
        let bytes = kvBytes(seqs[i].computed)
        let duration = bytes / (config.swapBandwidthGBs * 1e9)
        recordSwap(.swapIn, seq: i, at: now + delay, duration: duration, bytes: bytes, lane: l)
        delay += duration
        resume(i, at: now)
        batch += 1
        planned.append(
          (
            i,
            SequenceGroup(
              count: 1, newTokens: perDecode, pastTokens: seqs[i].computed, phase: .decode)
          ))
        plannedSet.insert(i)
        budget -= perDecode
      }
    }
    if lanes[l].runsPrefill {
      // 3. Prompts under way (chunked), in admission order.
      for i in running() where seqs[i].state == .prefilling && !plannedSet.contains(i) {
        guard budget > 0 else { break }
        let chunk = nextChunk(i, budget: budget)
        let need = blocks(seqs[i].computed + chunk) - seqs[i].blocks
        if need > 0 {
          guard makeRoom(need, for: i) else { continue }
          pools[pool].used += need
          seqs[i].blocks += need
        }
        planned.append((i, prefillGroup(i, chunk)))
        plannedSet.insert(i)
        budget -= chunk
      }
      // 4. New admissions, first come first served, while there is room.
      while let i = waiting.first, batch < config.maxBatch, budget > 0 {
        let chunk = nextChunk(i, budget: budget)
        let need = blocks(chunk)
        guard need <= pools[pool].free else { break }
        waiting.removeFirst()
        pools[pool].used += need
        seqs[i].blocks = need
        seqs[i].pool = pool
        seqs[i].state = .prefilling
        admissions += 1
        seqs[i].admitOrder = admissions
        active.append(i)
        if records[i].firstScheduled == nil { records[i].firstScheduled = now }
        resume(i, at: now)
        batch += 1
        planned.append((i, prefillGroup(i, chunk)))
        plannedSet.insert(i)
        budget -= chunk
      }
    }
    guard !planned.isEmpty else { return }
    try time(lane: l, entries: planned, at: now, delay: delay)
  }

  func nextChunk(_ i: Int, budget: Int) -> Int {
    let remaining = seqs[i].promptTarget - seqs[i].computed
    return max(1, min(remaining, workload.options.chunk ?? remaining, budget))
  }

  func prefillGroup(_ i: Int, _ chunk: Int) -> SequenceGroup {
    let s = seqs[i]
    return SequenceGroup(
      count: 1, newTokens: chunk, pastTokens: s.computed, phase: .prefill,
      endsPrompt: s.computed + chunk >= s.promptTarget)
  }

  func kvBytes(_ tokens: Int) -> Double { kvBytesPerToken * Double(1) * Double(tokens) }

  mutating func resume(_ i: Int, at now: Double) {
    if let t = seqs[i].preemptedAt {
      records[i].preempted.append(Span(start: t, duration: max(0, now - t)))
      seqs[i].preemptedAt = nil
    }
  }

  /// Pushes sequence `i` out of the cache: recompute (back to the head of
  /// the queue, its cache dropped) or swap (its cache copied to host
  /// memory, delaying this step). A sequence still in its prompt is always
  /// recomputed.
  mutating func preempt(_ i: Int, at now: Double, delay: inout Double) {
    active.removeAll { $0 == i }
    let pool = seqs[i].pool
    pools[pool].used -= seqs[i].blocks
    seqs[i].blocks = 0
    records[i].preemptions += 1
    seqs[i].preemptedAt = now
    if config.preemption == .swap && seqs[i].state == .decoding {
      let bytes = kvBytes(seqs[i].computed)
      let duration = bytes / (config.swapBandwidthGBs * 1e9)
      let lane = lanes.firstIndex { $0.pool == pool && $0.runsDecode } ?? 0
      recordSwap(.swapOut, seq: i, at: now + delay, duration: duration, bytes: bytes, lane: lane)
      delay += duration
      seqs[i].state = .swapped
      swapped.append(i)
    } else {
      seqs[i].state = .waiting
      seqs[i].computed = 0
      seqs[i].draftKV = 0
      seqs[i].promptTarget = seqs[i].request.promptTokens + Int(seqs[i].generated.rounded(.down))
      waiting.insert(i, at: 0)
    }
  }

  mutating func recordSwap(
    _ kind: KVTransfer.Kind, seq: Int, at start: Double, duration: Double, bytes: Double, lane: Int
  ) {
    let device =
      lanes[lane].role == .prefill ? simulator.phaseDevice.prefill : simulator.phaseDevice.decode
    transfers.append(
      KVTransfer(
        kind: kind,
        event: HandoffEvent(
          from: device, to: device, span: Span(start: start, duration: duration), bytes: bytes,
          isTransfer: true, phase: .decode, step: 0),
        requests: [seqs[seq].request.id]))
  }

  // MARK: - Timing a step

  /// Times the step's passes one after another from the lane's state:
  /// with speculation, K draft passes (pinned to the draft's device) before
  /// the target's pass; each pass slowed by shared DRAM when a pass of the
  /// other lane runs on the same memory.
  mutating func time(
    lane l: Int, entries: [(seq: Int, group: SequenceGroup)], at now: Double, delay: Double
  ) throws(LifeError) {
    var t = now + delay
    var state = lanes[l].state
    var indices: [Int] = []
    let decoding = entries.filter { $0.group.phase == .decode }
    if let speculation, let draftIndex, !decoding.isEmpty {
      for j in 1...speculation.tokens {
        var draftEntries: [(seq: Int, group: SequenceGroup)] = []
        for entry in decoding {
          let s = seqs[entry.seq]
          if j == 1 {
            // The draft catches up on every token it has not seen, then
            // proposes its first.
            let new = max(1, s.knownTokens - s.draftKV)
            let group =
              new == 1
              ? SequenceGroup(count: 1, newTokens: 1, pastTokens: s.draftKV, phase: .decode)
              : SequenceGroup(count: 1, newTokens: new, pastTokens: s.draftKV, phase: .prefill)
            draftEntries.append((entry.seq, group))
          } else {
            let past = max(s.draftKV, s.knownTokens - 1) + j - 1
            draftEntries.append(
              (entry.seq, SequenceGroup(count: 1, newTokens: 1, pastTokens: past, phase: .decode)))
          }
        }
        let pass = PassInfo(step: passes.count + 1, sequences: Self.grouped(draftEntries))
        let index = try timePass(
          pass, of: speculation.draft, lane: l, role: .draft, entries: draftEntries, state: &state,
          at: t, pinned: draftIndex)
        // The draft's cache is its own: no KV moves with the hand-off to
        // the target.
        state.lastPhase = .decode
        state.kvResident = 0
        t = passes[index].timing.span.end
        indices.append(index)
      }
    }
    let hasPrefill = entries.contains { $0.group.phase == .prefill }
    let role: ServePassRole =
      speculation != nil && !decoding.isEmpty
      ? .verify : (hasPrefill ? (decoding.isEmpty ? .prefill : .mixed) : .decode)
    let pass = PassInfo(step: passes.count + 1, sequences: Self.grouped(entries))
    let index = try timePass(
      pass, of: workload, lane: l, role: role, entries: entries, state: &state, at: t, pinned: nil)
    indices.append(index)
    let end = passes[index].timing.span.end
    lanes[l].state = state
    lanes[l].busyUntil = end
    lanes[l].step = Step(
      start: now, end: end, entries: entries, passIndices: indices,
      lastWritten: state.lastWrittenActivations)
  }

  /// Groups alike entries (same new tokens, past, phase and prompt end) in
  /// the order they first appear.
  static func grouped(_ entries: [(seq: Int, group: SequenceGroup)]) -> [SequenceGroup] {
    var out: [SequenceGroup] = []
    var index: [SequenceGroup: Int] = [:]
    for entry in entries {
      var key = entry.group
      key.count = 1
      if let i = index[key] {
        out[i].count += 1
      } else {
        index[key] = out.count
        out.append(entry.group)
      }
    }
    return out
  }

  mutating func timePass(
    _ pass: PassInfo, of model: Workload, lane l: Int, role: ServePassRole,
    entries: [(seq: Int, group: SequenceGroup)], state: inout LaneState, at t: Double,
    pinned: Int?
  ) throws(LifeError) -> Int {
    let seed = state
    var result = try timer.time(pass, of: model, from: seed, at: t, pinnedTo: pinned)
    var scale: [Double]?
    var slowdown = 1.0
    if let (factors, worst) = contention(lane: l, at: t, alone: result.timing) {
      scale = factors
      slowdown = worst
      result = try timer.time(
        pass, of: model, from: seed, at: t, pinnedTo: pinned, memoryScale: factors)
    }
    state = result.state
    let prefillTokens = entries.filter { $0.group.phase == .prefill }.reduce(0) {
      $0 + $1.group.newTokens
    }
    let decodeTokens = entries.filter { $0.group.phase == .decode }.reduce(0) {
      $0 + $1.group.newTokens
    }
    passes.append(
      ServePass(
        index: passes.count + 1, lane: l, role: role, pass: pass, isDraft: pinned != nil,
        timing: result.timing, seed: seed, pinned: pinned, memoryScale: scale,
        slowdown: slowdown, members: entries.map { (seqs[$0.seq].request.id, $0.group) },
        prefillTokens: prefillTokens, decodeTokens: decodeTokens))
    return passes.count - 1
  }

  /// Shared DRAM: when a pass of the other lane is running at `t` on a
  /// device of the same shared-memory group, the group's bandwidth is
  /// shared in proportion to demand (bytes per second each pass would move
  /// alone), each capped by its own peak: this pass's memory time on that
  /// group's devices grows by f = max(1, (D_this + D_other) / B_group).
  /// Nil when nothing slows it.
  func contention(lane l: Int, at t: Double, alone: PassTiming) -> ([Double], Double)? {
    guard lanes.count > 1, !groupBandwidth.isEmpty, alone.span.duration > 0 else { return nil }
    let mine = lanes[l].devices
    let demand = (alone.read.total + alone.written.total) / alone.span.duration
    var factors = [Double](repeating: 1, count: groupOf.count)
    var worst = 1.0
    for other in lanes.indices where other != l {
      guard let step = lanes[other].step, lanes[other].busyUntil != nil else { continue }
      for index in step.passIndices {
        let p = passes[index]
        guard p.timing.span.start <= t, t < p.timing.span.end, p.timing.span.duration > 0 else {
          continue
        }
        let theirs = lanes[other].devices
        let otherDemand = (p.timing.read.total + p.timing.written.total) / p.timing.span.duration
        for (g, bandwidth) in groupBandwidth.enumerated() where bandwidth > 0 {
          let inMine = mine.contains { groupOf[$0] == g }
          let inTheirs = theirs.contains { groupOf[$0] == g }
          guard inMine, inTheirs else { continue }
          let f = SharedDRAM.memorySlowdown(
            demand: demand, other: otherDemand, bandwidth: bandwidth)
          guard f > 1 else { continue }
          for d in mine where groupOf[d] == g { factors[d] = f }
          worst = max(worst, f)
        }
      }
    }
    return worst > 1 ? (factors, worst) : nil
  }

  // MARK: - Completing

  mutating func completeSteps(at now: Double) throws(LifeError) {
    let done = lanes.indices.filter { lanes[$0].busyUntil.map { $0 <= now } ?? false }
      .sorted { (lanes[$0].busyUntil ?? 0, $0) < (lanes[$1].busyUntil ?? 0, $1) }
    for l in done {
      guard let step = lanes[l].step else { continue }
      lastEnd[l] = step.end
      lanes[l].busyUntil = nil
      lanes[l].step = nil
      finish(step, lane: l)
    }
  }

  mutating func finish(_ step: Step, lane l: Int) {
    let single =
      step.passIndices.count == 1
      && passes[step.passIndices[0]].timing.span.start
        == step.start
    let durationMs =
      single
      ? passes[step.passIndices[0]].timing.span.duration * 1000 : (step.end - step.start) * 1000
    var handoff: [Int] = []
    for entry in step.entries {
      let i = entry.seq
      seqs[i].accumulatedMs += (step.start - seqs[i].mark) * 1000
      seqs[i].accumulatedMs += durationMs
      seqs[i].mark = step.end
      switch entry.group.phase {
      case .prefill:
        seqs[i].computed += entry.group.newTokens
        guard seqs[i].computed >= seqs[i].promptTarget else { continue }
        token(i, count: 1, at: step.end)
        if seqs[i].state != .done {
          if lanes[l].role == .prefill {
            seqs[i].state = .handoff
            active.removeAll { $0 == i }
            handoff.append(i)
          } else {
            seqs[i].state = .decoding
          }
        }
      case .decode:
        let yielded = speculation?.expectedTokens ?? 1
        token(i, count: yielded, at: step.end)
        if seqs[i].state != .done {
          seqs[i].computed = seqs[i].knownTokens - 1
          seqs[i].draftKV = seqs[i].computed
        }
      }
    }
    if !handoff.isEmpty {
      awaitingHandoff.append(contentsOf: handoff)
      startHandoffs(at: step.end, lastWritten: step.lastWritten, from: lanes[l].state.lastDevice)
    }
  }

  /// Sequence `i` yields `count` tokens at `time`.
  mutating func token(_ i: Int, count: Double, at time: Double) {
    if records[i].firstToken == nil {
      records[i].firstToken = time
      records[i].ttftMs = seqs[i].accumulatedMs
      seqs[i].generated = 1
    } else {
      records[i].tpotSumMs += seqs[i].accumulatedMs
      seqs[i].generated += count
    }
    seqs[i].accumulatedMs = 0
    if seqs[i].generated >= Double(seqs[i].request.outputTokens) {
      seqs[i].generated = Double(seqs[i].request.outputTokens)
      seqs[i].state = .done
      active.removeAll { $0 == i }
      records[i].finish = time
      pools[seqs[i].pool].used -= seqs[i].blocks
      seqs[i].blocks = 0
    }
  }

  // MARK: - Hand-offs between lanes

  /// Starts the KV hand-offs of sequences whose prompt is done, when the
  /// decode lane's memory has room: one copy for those that go together,
  /// costed as a forecast's prefill → decode hand-off (latency + (the last
  /// activations + their KV) / link bandwidth, or a synchronisation on
  /// shared memory).
  mutating func startHandoffs(at now: Double, lastWritten: Double = 0, from: Int? = nil) {
    guard disaggregated, !awaitingHandoff.isEmpty else { return }
    let target = lanes[1].pool
    var moving: [Int] = []
    var kv = 0.0
    while let i = awaitingHandoff.first {
      let need = blocks(seqs[i].computed + 1)
      if seqs[i].pool != target {
        guard need <= pools[target].free else { break }
        pools[target].used += need
      }
      awaitingHandoff.removeFirst()
      moving.append(i)
      kv += kvBytesPerToken * Double(1) * Double(seqs[i].computed)
    }
    guard !moving.isEmpty else { return }
    let source = from ?? simulator.phaseDevice.prefill
    let destination = simulator.deviceOf[OpKind.count + OpKind.embedding.tableIndex]
    let cost = simulator.handoffCosts[source * simulator.deviceCount + destination]
    var bytes = 0.0
    if cost.isTransfer {
      bytes = lastWritten
      bytes += kv
    }
    let duration = source == destination ? 0 : cost.latency + bytes * cost.secondsPerByte
    transfers.append(
      KVTransfer(
        kind: .handoff,
        event: HandoffEvent(
          from: source, to: destination, span: Span(start: now, duration: duration), bytes: bytes,
          isTransfer: cost.isTransfer, phase: .decode, step: 0),
        requests: moving.map { seqs[$0].request.id }))
    inFlightTransfers.append((now + duration, moving))
  }

  mutating func completeTransfers(at now: Double) {
    let target = lanes.count > 1 ? lanes[1].pool : lanes[0].pool
    var keep: [(ready: Double, seqs: [Int])] = []
    for transfer in inFlightTransfers {
      guard transfer.ready <= now else {
        keep.append(transfer)
        continue
      }
      for i in transfer.seqs {
        if seqs[i].pool != target {
          pools[seqs[i].pool].used -= seqs[i].blocks
          seqs[i].pool = target
          seqs[i].blocks = blocks(seqs[i].computed + 1)
        }
        seqs[i].state = .decoding
        admissions += 1
        seqs[i].admitOrder = admissions
        active.append(i)
      }
    }
    inFlightTransfers = keep
  }
}
