import Trace

/// An ``EventSink`` that keeps only pass totals: TTFT, each step's TPOT and
/// its parts. It never asks for per-operator events, and with `keepSteps`
/// false it keeps no per-step array at all (sweeps and calibration).
package struct ForecastCollector: EventSink, Sendable {
  /// Whether to keep one ``StepTiming`` per decode step.
  package var keepSteps: Bool
  /// The run, once begun.
  package private(set) var run: RunInfo?
  private var prefill = PrefillTiming()
  private var steps: [StepTiming] = []
  private var generate = 0
  private var batch = 1
  private var tpotSumMs: Double = 0
  private var decodeEnergyJ: Double = 0
  private var idleWatts: Double = 0

  /// Creates a collector.
  package init(keepSteps: Bool = true) { self.keepSteps = keepSteps }

  /// What was collected.
  package var forecast: Forecast {
    var forecast = Forecast(
      prefill: prefill, steps: steps, generate: generate, batch: batch, tpotSumMs: tpotSumMs)
    forecast.decodeEnergyJ = decodeEnergyJ
    return forecast
  }

  package mutating func begin(_ run: RunInfo) {
    self.run = run
    prefill = PrefillTiming()
    prefill.device = run.devices.firstIndex { $0.key == run.mapping.prefill } ?? 0
    steps = []
    generate = 0
    tpotSumMs = 0
    decodeEnergyJ = 0
    idleWatts = run.idleWatts
  }

  package func wantsOpEvents(in pass: PassInfo) -> Bool { false }
  package mutating func handoff(_ event: HandoffEvent) {}
  package mutating func passBegan(_ pass: PassInfo, at time: Double) {}
  package mutating func op(_ event: OpEvent) {}

  package mutating func passEnded(_ timing: PassTiming) {
    batch = timing.pass.batch
    let energy = timing.energy(idleWatts: idleWatts)
    switch timing.pass.phase {
    case .prefill:
      prefill.timeMs += timing.span.duration * 1000
      prefill.tComputeMs += timing.tCompute * 1000
      prefill.tMemoryMs += timing.tMemory * 1000
      prefill.tDispatchMs += timing.tDispatch * 1000
      prefill.tHandoffMs += timing.tHandoff * 1000
      prefill.tHostMs += timing.tHost * 1000
      prefill.dispatchCalls += timing.dispatchCalls
      prefill.passes += 1
      prefill.energyJ += energy
      prefill.device = timing.device
      prefill.kvCacheBytes = timing.kvCacheBytes
    case .decode:
      let tpot = timing.span.duration * 1000
      generate += 1
      tpotSumMs += tpot
      decodeEnergyJ += energy
      if keepSteps {
        var step = StepTiming(
          step: timing.pass.step, kvLength: timing.pass.kvLength, tpotMs: tpot,
          tComputeMs: timing.tCompute * 1000, tMemoryMs: timing.tMemory * 1000,
          tDispatchMs: timing.tDispatch * 1000, tHandoffMs: timing.tHandoff * 1000,
          bound: timing.bound, device: timing.device, dispatchCalls: timing.dispatchCalls,
          kvCacheBytes: timing.kvCacheBytes)
        step.tHostMs = timing.tHost * 1000
        step.energyJ = energy
        steps.append(step)
      }
    }
  }

  package mutating func end() {}
}
