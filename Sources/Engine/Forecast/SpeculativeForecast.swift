import Trace

/// Speculative decoding in a forecast (docs/serve.md): each of the G
/// generated tokens costs its share of a speculative step at that position,
/// the expected time per generated token.
///
/// Step i (past = prompt + i − 1 keys in the target's cache): the draft runs
/// K one-token passes on its device (past + j − 1 keys for pass j), then the
/// target verifies K + 1 tokens in one pass on its decode device; every
/// change of device hands off as in a forecast. The step yields E tokens on
/// average (``Speculation/expectedTokens``), so TPOT_i = step time / E and
/// Σ TPOT is the expected decode time. Step 1 also carries the draft's
/// prefill of the prompt (after the target's) and, when the target's
/// prefill and decode devices differ, the KV hand-off between them.
package struct SpeculativeForecast: Sendable {
  /// The setting.
  package var speculation: Speculation
  /// One timing per generated token (expected values).
  package var steps: [StepTiming]
  /// Σ TPOT, ms.
  package var tpotSumMs: Double
  /// Σ the steps' energy, joules (idle included).
  package var decodeEnergyJ: Double = 0
  /// The draft's prefill, ms.
  package var draftPrefillMs: Double
  /// Mean draft pass, ms (over every step's K passes).
  package var draftPassMsMean: Double
  /// Mean verify pass, ms.
  package var verifyPassMsMean: Double
  /// Mean hand-off time per step, ms.
  package var handoffMsMean: Double

  /// Times the speculative steps of `workload` (its prompt, G and batch).
  package init(
    workload: Workload, speculation: Speculation, simulator: Simulator
  ) throws(LifeError) {
    self.speculation = speculation
    let timer = PassTimer(simulator: simulator)
    let keys = simulator.info.devices.map(\.key)
    guard let draftDevice = keys.firstIndex(of: speculation.draftDevice) else {
      throw LifeError(
        .failure, at: .parameter(.draftDevice), "unknown device key",
        got: "'\(speculation.draftDevice)'")
    }
    let options = workload.options
    let k = speculation.tokens
    let e = speculation.expectedTokens
    let idle = simulator.info.idleWatts
    // The target's prefill, as a forecast runs it.
    var state = LaneState()
    for pass in workload.prefillPasses {
      state = try timer.time(pass, of: workload, from: state).state
    }
    let afterPrefill = state
    // The draft's prefill on its device.
    var draftPrefill = 0.0
    var draftPrefillEnergy = 0.0
    for pass in speculation.draft.prefillPasses {
      let r = try timer.time(pass, of: speculation.draft, from: state, pinnedTo: draftDevice)
      draftPrefill += r.timing.span.duration
      draftPrefillEnergy += r.timing.energy(idleWatts: idle)
      state = r.state
    }
    // The prompt's KV moves to the decode device when it is not where
    // prefill ran (a forecast's step-1 hand-off).
    var kvHandoff = 0.0
    let decodeEntry = simulator.deviceOf[OpKind.count + OpKind.embedding.tableIndex]
    if afterPrefill.lastDevice >= 0, afterPrefill.lastDevice != decodeEntry,
      simulator.phaseDevice.prefill != simulator.phaseDevice.decode
    {
      let cost = simulator.handoffCosts[
        afterPrefill.lastDevice * simulator.deviceCount + decodeEntry]
      let bytes =
        cost.isTransfer ? afterPrefill.lastWrittenActivations + afterPrefill.kvResident : 0
      kvHandoff = cost.latency + bytes * cost.secondsPerByte
    }
    var steps: [StepTiming] = []
    var sum = 0.0
    var energySum = 0.0
    var draftTotal = 0.0, verifyTotal = 0.0, handoffTotal = 0.0
    if options.generate > 0 {
      for i in 1...options.generate {
        let past = options.prompt + i - 1
        var time = 0.0, compute = 0.0, memory = 0.0, dispatch = 0.0, handoff = 0.0
        var calls = 0
        var energy = 0.0
        if i == 1 {
          time += draftPrefill + kvHandoff
          handoff += kvHandoff
          energy += draftPrefillEnergy + kvHandoff * idle
        }
        for j in 1...k {
          let pass = PassInfo(
            phase: .decode, step: i, newTokens: 1, pastTokens: past + j - 1, batch: options.batch)
          let r = try timer.time(pass, of: speculation.draft, from: state, pinnedTo: draftDevice)
          state = r.state
          state.lastPhase = .decode
          state.kvResident = 0
          time += r.timing.span.duration
          compute += r.timing.tCompute
          memory += r.timing.tMemory
          dispatch += r.timing.tDispatch
          handoff += r.timing.tHandoff
          calls += r.timing.dispatchCalls
          energy += r.timing.energy(idleWatts: idle)
          draftTotal += r.timing.span.duration
        }
        let verify = PassInfo(
          step: i,
          sequences: [
            SequenceGroup(count: options.batch, newTokens: k + 1, pastTokens: past, phase: .decode)
          ])
        let r = try timer.time(verify, of: workload, from: state)
        state = r.state
        time += r.timing.span.duration
        compute += r.timing.tCompute
        memory += r.timing.tMemory
        dispatch += r.timing.tDispatch
        handoff += r.timing.tHandoff
        calls += r.timing.dispatchCalls
        energy += r.timing.energy(idleWatts: idle)
        verifyTotal += r.timing.span.duration
        handoffTotal += handoff
        let tpot = time * 1000 / e
        sum += tpot
        energySum += energy / e
        var step =
          StepTiming(
            step: i, kvLength: past + 1, tpotMs: tpot, tComputeMs: compute * 1000 / e,
            tMemoryMs: memory * 1000 / e, tDispatchMs: dispatch * 1000 / e,
            tHandoffMs: handoff * 1000 / e, bound: compute >= memory ? .compute : .memory,
            device: simulator.phaseDevice.decode, dispatchCalls: calls,
            kvCacheBytes: r.timing.kvCacheBytes)
        step.energyJ = energy / e
        steps.append(step)
      }
    }
    let g = Double(max(1, options.generate))
    self.steps = steps
    self.tpotSumMs = sum
    self.decodeEnergyJ = energySum
    self.draftPrefillMs = draftPrefill * 1000
    self.draftPassMsMean = draftTotal * 1000 / (g * Double(k))
    self.verifyPassMsMean = verifyTotal * 1000 / g
    self.handoffMsMean = handoffTotal * 1000 / g
  }

  /// Expected target passes to generate the G tokens: G / E.
  package func targetPasses(generate: Int) -> Double {
    Double(generate) / speculation.expectedTokens
  }

  /// `speculative` in forecast JSON.
  package func json(generate: Int, plainTpotMeanMs: Double?) -> JSONValue {
    let target = targetPasses(generate: generate)
    let mean = generate > 0 ? tpotSumMs / Double(generate) : nil
    return .object([
      ("draft_model", .string(speculation.draft.model.name)),
      ("draft_device", .string(speculation.draftDevice)),
      ("draft_tokens", .int(speculation.tokens)),
      ("acceptance", .array(speculation.acceptance.map { .num($0) })),
      ("expected_tokens_per_pass", .num(speculation.expectedTokens)),
      ("target_passes", .num(target)),
      ("draft_passes", .num(target * Double(speculation.tokens))),
      ("draft_prefill_ms", .num(draftPrefillMs)),
      ("draft_pass_ms_mean", .num(generate > 0 ? draftPassMsMean : nil)),
      ("verify_pass_ms_mean", .num(generate > 0 ? verifyPassMsMean : nil)),
      ("handoff_ms_mean", .num(generate > 0 ? handoffMsMean : nil)),
      ("plain_tpot_ms_mean", .num(plainTpotMeanMs)),
      (
        "speedup",
        .num(plainTpotMeanMs.flatMap { p in mean.flatMap { $0 > 0 ? p / $0 : nil } })
      ),
    ])
  }
}
