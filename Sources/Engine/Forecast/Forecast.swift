import Trace

/// The numbers a forecast reports, in milliseconds (CONTRACT.md: TTFT,
/// TPOT, TPS, end to end), as ``ForecastCollector`` gathers them.
public struct Forecast: Sendable, Equatable {
  /// Prefill totals (all chunks).
  public var prefill: PrefillTiming
  /// One entry per decode step, when the collector keeps steps.
  public var steps: [StepTiming]
  /// Decode steps run (G).
  public var generate: Int
  /// Sequences in the batch.
  public var batch: Int
  /// Σ TPOT in milliseconds, summed step by step in order.
  public var tpotSumMs: Double
  /// Σ the decode steps' energy in joules, idle power included, summed
  /// step by step in order.
  package var decodeEnergyJ: Double = 0

  /// Creates a forecast.
  package init(
    prefill: PrefillTiming, steps: [StepTiming], generate: Int, batch: Int, tpotSumMs: Double
  ) {
    self.prefill = prefill
    self.steps = steps
    self.generate = generate
    self.batch = batch
    self.tpotSumMs = tpotSumMs
  }

  /// Time to first token: the prefill passes with their hand-offs.
  public var ttftMs: Double { prefill.timeMs }
  /// `ttft_ms + Σ tpot_ms` exactly.
  public var e2eMs: Double { ttftMs + tpotSumMs }
  /// Mean TPOT; nil when G = 0.
  public var tpotMeanMs: Double? { generate > 0 ? tpotSumMs / Double(generate) : nil }
  /// Tokens per second per sequence, G / Σ TPOT; nil when G = 0 (or the
  /// steps take no time).
  public var tps: Double? {
    generate > 0 && tpotSumMs > 0 ? Double(generate) / (tpotSumMs / 1000) : nil
  }
  /// `batch × tps`; nil when ``tps`` is.
  public var tpsTotal: Double? { tps.map { Double(batch) * $0 } }
}

/// The prefill phase's totals, over all its chunks.
public struct PrefillTiming: Sendable, Equatable {
  /// Prefill time (TTFT), hand-offs included, ms.
  public var timeMs: Double = 0
  /// Σ compute time without dispatch, ms.
  public var tComputeMs: Double = 0
  /// Σ memory time without dispatch, ms.
  public var tMemoryMs: Double = 0
  /// Σ dispatch time, ms.
  public var tDispatchMs: Double = 0
  /// Σ hand-off time, ms.
  public var tHandoffMs: Double = 0
  /// Σ host time (the runtime's per-pass work), ms.
  public var tHostMs: Double = 0
  /// Dispatch calls.
  public var dispatchCalls: Int = 0
  /// Prefill passes (chunks); 0 for a prompt of 0.
  public var passes: Int = 0
  /// Index of the mapped prefill device.
  public var device: Int = 0
  /// KV-cache bytes resident after prefill.
  public var kvCacheBytes: Double = 0
  /// Energy of the prefill passes, idle power included, J.
  package var energyJ: Double = 0

  /// Creates empty totals.
  package init() {}

  /// `compute` when t_compute ≥ t_memory.
  public var bound: Bound { tComputeMs >= tMemoryMs ? .compute : .memory }
}

/// One decode step's timing.
public struct StepTiming: Sendable, Equatable {
  /// 1-based step.
  public var step: Int
  /// Keys attended to: prompt + step.
  public var kvLength: Int
  /// TPOT: the step's time with any hand-off before it, ms.
  public var tpotMs: Double
  /// Σ compute time without dispatch, ms.
  public var tComputeMs: Double
  /// Σ memory time without dispatch, ms.
  public var tMemoryMs: Double
  /// Σ dispatch time, ms.
  public var tDispatchMs: Double
  /// Σ hand-off time, ms.
  public var tHandoffMs: Double
  /// Host time (the runtime's per-pass work), ms.
  public var tHostMs: Double = 0
  /// Compute- or memory-bound.
  public var bound: Bound
  /// Index of the mapped decode device.
  public var device: Int
  /// Dispatch calls.
  public var dispatchCalls: Int
  /// KV-cache bytes resident after the step.
  public var kvCacheBytes: Double
  /// The step's energy, idle power included, J.
  package var energyJ: Double = 0

  /// Creates a step timing.
  package init(
    step: Int, kvLength: Int, tpotMs: Double, tComputeMs: Double, tMemoryMs: Double,
    tDispatchMs: Double, tHandoffMs: Double, bound: Bound, device: Int, dispatchCalls: Int,
    kvCacheBytes: Double
  ) {
    self.step = step
    self.kvLength = kvLength
    self.tpotMs = tpotMs
    self.tComputeMs = tComputeMs
    self.tMemoryMs = tMemoryMs
    self.tDispatchMs = tDispatchMs
    self.tHandoffMs = tHandoffMs
    self.bound = bound
    self.device = device
    self.dispatchCalls = dispatchCalls
    self.kvCacheBytes = kvCacheBytes
  }
}

/// A forecast's energy (CONTRACT.md "Energy"): joules with idle power
/// included, per generated token and on average over the run.
package struct ForecastEnergy: Sendable, Equatable {
  /// Prefill energy, J.
  package var prefillJ: Double
  /// Decode energy (all steps), J.
  package var decodeJ: Double
  /// (prefill + decode) / (batch × (G + 1)): every sequence's first token
  /// comes from prefill, then one per step.
  package var jPerToken: Double
  /// (prefill + decode) / end-to-end time, W; nil when the run takes no
  /// time.
  package var avgPowerW: Double?

  /// The totals of a run of `batch` sequences, `generate` decode steps and
  /// `e2eSeconds` end to end.
  package init(prefillJ: Double, decodeJ: Double, batch: Int, generate: Int, e2eSeconds: Double) {
    let total = prefillJ + decodeJ
    self.prefillJ = prefillJ
    self.decodeJ = decodeJ
    jPerToken = total / (Double(batch) * Double(generate + 1))
    avgPowerW = e2eSeconds > 0 ? total / e2eSeconds : nil
  }
}

extension Forecast {
  /// The energy totals.
  package var energy: ForecastEnergy {
    ForecastEnergy(
      prefillJ: prefill.energyJ, decodeJ: decodeEnergyJ, batch: batch, generate: generate,
      e2eSeconds: e2eMs / 1000)
  }
}
