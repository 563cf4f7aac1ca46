/// An ``OpSink`` that aggregates a workload per phase and per decode step,
/// and tracks the footprint, without keeping records.
public struct WorkloadTotals: OpSink, Sendable {
  /// Prefill (all chunks together).
  package var prefill = PassTotals()
  /// Prefill passes seen (chunks).
  public var prefillPasses = 0
  /// One entry per decode step, in order.
  package var steps: [StepTotals] = []
  /// The largest activation bytes one operator touches (read + written).
  public var activationsBytesPeak: Double = 0
  var current = PassTotals()

  /// Empty totals.
  public init() {}

  /// A pass starts.
  public mutating func beginPass(_ pass: PassInfo) { current = PassTotals() }

  /// One operator.
  public mutating func consume(_ record: OpRecord) {
    current.add(record)
    activationsBytesPeak = max(
      activationsBytesPeak, record.read.activations + record.written.activations)
  }

  /// `count` alike layers: each record added `count` times in execution
  /// order, so the sums are those of the expanded stream to the last digit.
  public mutating func consume(layers layer: ArraySlice<OpRecord>, repeating count: Int) {
    for record in layer {
      activationsBytesPeak = max(
        activationsBytesPeak, record.read.activations + record.written.activations)
    }
    current.add(layer: layer, repeating: count)
  }

  /// A pass ends.
  public mutating func endPass(_ pass: PassInfo) {
    switch pass.phase {
    case .prefill:
      prefill.add(current)
      prefillPasses += 1
    case .decode:
      steps.append(StepTotals(step: pass.step, kvLength: pass.kvLength, totals: current))
    }
  }

  /// Runs `workload` into fresh totals.
  public static func of(_ workload: Workload) -> WorkloadTotals {
    var totals = WorkloadTotals()
    workload.run(into: &totals)
    return totals
  }
}
