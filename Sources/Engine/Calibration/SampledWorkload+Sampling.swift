import Trace

extension SampledWorkload {
  /// The kept prefill passes: full-size chunks and the last, shorter one as
  /// two groups, each kept whole or sampled over the chunk index.
  static func prefillSamples(_ w: Workload, maxSamples: Int) -> [Pass] {
    let count = w.prefillPassCount
    guard count > 0 else { return [] }
    let size = w.prefillChunkSize
    let full = w.options.prompt / size
    var must: [Int] = []
    if let window = w.model.slidingWindow {
      // The chunk whose keys cross the window, and its neighbours: before
      // it every query sees every key, after it every query sees `window`.
      let crossing = (window - w.options.depth) / size
      must = [crossing - 1, crossing, crossing + 1]
    }
    var passes: [Pass] = []
    for (chunk, weight) in UnitSample.pick(
      units: full, interiorMass: 1, must: must, samples: maxSamples)
    {
      let info = w.prefillPass(chunk: chunk)
      passes.append(Pass(info: info, records: compacted(w, info), weight: weight))
    }
    if full < count {
      let info = w.prefillPass(chunk: full)
      passes.append(Pass(info: info, records: compacted(w, info), weight: 1))
    }
    return passes
  }

  /// The kept decode steps: units of alike steps, sampled over the unit
  /// index.
  static func decodeSamples(_ w: Workload, maxSamples: Int) -> [Pass] {
    let steps = w.options.generate
    guard steps > 0 else { return [] }
    let past = w.options.depth + w.options.prompt
    var units = DecodeUnits(past: past, size: max(1, w.accounting.kvPadding ?? 1), steps: steps)
    if units.size > 1 && !units.areAlike(in: w) {
      units = DecodeUnits(past: past, size: 1, steps: steps)
    }
    var must: [Int] = []
    if let window = w.model.slidingWindow, window - past >= 1, window - past <= steps {
      let u = units.unit(ofStep: window - past)
      must = [u - 1, u, u + 1]
    }
    let mass = { (u: Int) in Double(units.lastStep(u) - units.firstStep(u) + 1) }
    return UnitSample.pick(
      units: units.count, interiorMass: Double(units.size), must: must, mass: mass,
      samples: maxSamples
    )
    .map { unit, weight in
      let info = w.decodePass(step: units.firstStep(unit))
      return Pass(info: info, records: compacted(w, info), weight: weight)
    }
  }

  /// One pass's operators, those that time alike merged with a count.
  static func compacted(_ w: Workload, _ pass: PassInfo) -> [(record: OpRecord, count: Int)] {
    var sink = PassCompactor()
    w.emit(pass, into: &sink)
    return sink.records
  }
}

/// Decode steps grouped by the padded key count they attend to: unit u
/// holds the steps whose cache, `past + step` tokens, pads to the same
/// multiple of `size` (every step its own unit when `size` is 1).
struct DecodeUnits {
  /// Tokens in the cache before step 1 (depth + prompt).
  var past: Int
  /// The padding: tokens per unit.
  var size: Int
  /// G.
  var steps: Int

  /// ⌈(past + 1) / size⌉: the padded multiple of step 1.
  var firstMultiple: Int { (past + size) / size }

  /// The unit of step `i` (1-based).
  func unit(ofStep i: Int) -> Int { (past + i + size - 1) / size - firstMultiple }

  /// How many units there are.
  var count: Int { unit(ofStep: steps) + 1 }

  /// The first step of unit `u`.
  func firstStep(_ u: Int) -> Int { max(1, (firstMultiple + u - 1) * size - past + 1) }

  /// The last step of unit `u`.
  func lastStep(_ u: Int) -> Int { min(steps, (firstMultiple + u) * size - past) }

  /// Whether the first and last steps of the first, one interior and the
  /// last unit have the same operators: that the workload's decode steps
  /// depend on the step only through the padded key count.
  func areAlike(in w: Workload) -> Bool {
    let probes = Set([0, min(1, count - 1), count - 1])
    for u in probes where lastStep(u) > firstStep(u) {
      let a = SampledWorkload.compacted(w, w.decodePass(step: firstStep(u)))
      let b = SampledWorkload.compacted(w, w.decodePass(step: lastStep(u)))
      guard a.count == b.count,
        zip(a, b).allSatisfy({
          TimingKey($0.record) == TimingKey($1.record) && $0.count == $1.count
        })
      else { return false }
    }
    return true
  }
}

/// Which of `units` consecutive units to keep, and their weights.
enum UnitSample {
  /// The kept units in order with their weights: all of them (weight 1
  /// each, in units of their own mass) when there are at most
  /// `samples` (at least 2), else that many evenly spaced (the
  /// first and the last included) plus `must` (those in range). A kept
  /// unit's weight is its own mass plus, on each side, half the mass of the
  /// units between it and its kept neighbour — Σ over those units of
  /// `interiorMass` × its linear-interpolation weight, which for a gap of
  /// n units is `interiorMass` × (n − 1) / 2 — so the weights add up to
  /// the total mass. The first and last units have their own mass (the
  /// caller's `mass`, by default `interiorMass`).
  static func pick(
    units: Int, interiorMass: Double, must: [Int] = [], mass: ((Int) -> Double)? = nil,
    samples: Int = SampledWorkload.maxSamples
  ) -> [(unit: Int, weight: Double)] {
    guard units > 0 else { return [] }
    let own = mass ?? { _ in interiorMass }
    let n = max(2, samples)
    if units <= n {
      return (0..<units).map { ($0, own($0)) }
    }
    var kept = Set(
      (0..<n).map { j in Int((Double(j) * Double(units - 1) / Double(n - 1)).rounded()) })
    for u in must where u >= 0 && u < units { kept.insert(u) }
    let sorted = kept.sorted()
    return sorted.enumerated().map { j, u in
      var weight = own(u)
      if j > 0 { weight += interiorMass * Double(u - sorted[j - 1] - 1) / 2 }
      if j + 1 < sorted.count { weight += interiorMass * Double(sorted[j + 1] - u - 1) / 2 }
      return (u, weight)
    }
  }
}

/// An ``OpSink`` that compacts one pass: operators that time alike
/// (``TimingKey``) merged into the first of them with a count, a run of
/// alike layers counted without expanding it.
struct PassCompactor: OpSink {
  var records: [(record: OpRecord, count: Int)] = []
  private var index: [TimingKey: Int] = [:]

  mutating func beginPass(_ pass: PassInfo) {
    records = []
    index = [:]
  }

  mutating func consume(_ record: OpRecord) { add(record, count: 1) }

  mutating func consume(layers layer: ArraySlice<OpRecord>, repeating count: Int) {
    for record in layer { add(record, count: count) }
  }

  mutating func endPass(_ pass: PassInfo) {}

  mutating func add(_ record: OpRecord, count: Int) {
    let key = TimingKey(record)
    if let i = index[key] {
      records[i].count += count
    } else {
      index[key] = records.count
      records.append((record, count))
    }
  }
}
