import Engine
import Testing
import Trace

@testable import Engine

/// Energy in the timing kernel, by hand: a device of 10 TOPS and 100 GB/s at
/// efficiency 1 drawing 20 W idle and 120 W at full load, 50 pJ per byte,
/// so pj_per_op = (120 − 20) / 10 = 10 pJ.
@Suite struct EnergyTests {
  static func device(cap: Double? = nil) -> Device {
    var device = Fixture.device(tops: 10, bandwidth: 100)
    device.power = DevicePower(idleW: 20, maxW: 120, pjPerByte: 50, capW: cap)
    return device
  }

  /// Prefill op: 1e10 ops (1 ms), 1e8 bytes (1 ms) → 1 ms; 1e10 × 10 pJ +
  /// 1e8 × 50 pJ = 0.105 J, + 20 W × 1 ms = 0.125 J.
  /// Decode op: 1e9 ops (0.1 ms), 1e8 bytes (1 ms) → 1 ms; 0.01 + 0.005 +
  /// 0.02 = 0.035 J. Total 0.16 J over 2 ms: 80 W; 2 tokens: 0.08 J/token.
  @Test func energyOfAPassByHand() throws {
    let f = try Fixture.forecast(
      Fixture.single(Self.device()),
      [
        (Fixture.prefill(1), [Fixture.op(ops: 1e10, read: 1e8)]),
        (Fixture.decode(1, prompt: 1), [Fixture.op(.decode, step: 1, ops: 1e9, read: 1e8)]),
      ])
    let e = f.energy
    #expect(abs(e.prefillJ - 0.125) < 1e-12)
    #expect(abs(e.decodeJ - 0.035) < 1e-12)
    #expect(abs(e.jPerToken - 0.08) < 1e-12)
    #expect(abs((e.avgPowerW ?? 0) - 80) < 1e-9)
    #expect(abs(f.steps[0].energyJ - 0.035) < 1e-12)
  }

  /// A 70 W cap leaves 50 W above idle: the 0.105 J operator takes at least
  /// 0.105 / 50 = 2.1 ms, so compute stretches from 1 to 2.1 ms; energy
  /// 0.105 + 20 × 0.0021 = 0.147 J, exactly 70 W on average.
  @Test func capSlowsCompute() throws {
    let f = try Fixture.forecast(
      Fixture.single(Self.device(cap: 70)),
      [(Fixture.prefill(1), [Fixture.op(ops: 1e10, read: 1e8)])])
    #expect(abs(f.ttftMs - 2.1) < 1e-9)
    #expect(abs(f.prefill.tComputeMs - 2.1) < 1e-9)
    #expect(abs(f.energy.prefillJ - 0.147) < 1e-12)
    #expect(abs((f.energy.avgPowerW ?? 0) - 70) < 1e-9)
  }

  /// A 70 W cap with a 120 W burst for 1.5 ms: the prefill (from 0) may
  /// draw 120 W, so its 0.105 J takes 0.105 / 100 = 1.05 ms; step 1 (from
  /// 1.05 ms, still in the burst) is memory-bound at 1 ms; step 2 starts at
  /// 2.05 ms, after the burst, and its 0.105 J operator takes 0.105 / 50 =
  /// 2.1 ms.
  @Test func burstCapLastsItsSeconds() throws {
    var device = Self.device(cap: 70)
    device.power.burstW = 120
    device.power.burstS = 1.5e-3
    let heavy = Fixture.op(.decode, step: 2, ops: 1e10, read: 1e8)
    let f = try Fixture.forecast(
      Fixture.single(device),
      [
        (Fixture.prefill(1), [Fixture.op(ops: 1e10, read: 1e8)]),
        (Fixture.decode(1, prompt: 1), [Fixture.op(.decode, step: 1, ops: 1e9, read: 1e8)]),
        (Fixture.decode(2, prompt: 1), [heavy]),
      ])
    #expect(abs(f.ttftMs - 1.05) < 1e-9)
    #expect(abs(f.steps[0].tpotMs - 1) < 1e-9)
    #expect(abs(f.steps[1].tpotMs - 2.1) < 1e-9)
  }

  /// A cap above what the pass draws changes nothing.
  @Test func capAboveThePassChangesNothing() throws {
    let passes = [(Fixture.prefill(1), [Fixture.op(ops: 1e10, read: 1e8)])]
    let free = try Fixture.forecast(Fixture.single(Self.device()), passes)
    let capped = try Fixture.forecast(Fixture.single(Self.device(cap: 200)), passes)
    #expect(free == capped)
  }

  /// In phase overlap the cap holds for the pass too: compute-heavy and
  /// memory-heavy operators on two pipelines stay at or under 60 W.
  @Test func capHoldsInPhaseOverlap() throws {
    let records = [
      Fixture.op(ops: 2e10, read: 1e7), Fixture.op(ops: 1e8, read: 3e8),
      Fixture.op(ops: 1e10, read: 1e8),
    ]
    let f = try Fixture.forecast(
      Fixture.single(Self.device(cap: 60), overlap: .phase), [(Fixture.prefill(1), records)])
    let watts = try #require(f.energy.avgPowerW)
    #expect(watts <= 60 + 1e-9)
    #expect(watts > 50)
  }

  /// Idle power counts once per shared-memory group (one package), at its
  /// largest idle_w: 8 W for the group of 5 and 8 W, plus 3 W alone.
  @Test func idleCountsOncePerPackage() {
    func device(_ idle: Double, group: String?) -> Device {
      var d = Fixture.device(tops: 1, bandwidth: 1, group: group)
      d.power = DevicePower(idleW: idle, maxW: 50, pjPerByte: 0)
      return d
    }
    let run = RunInfo(
      name: "t",
      devices: [
        ("a", device(5, group: "g")), ("b", device(8, group: "g")),
        ("c", device(3, group: nil)),
      ],
      mapping: Mapping(prefill: "a", decode: "b"), overlap: .op)
    #expect(run.idleWatts == 11)
  }

  /// Energy per op is derived per dtype from its peak: 100 W above idle at
  /// 10 TOPS is 10 pJ; at 40 TOPS (int8) 2.5 pJ; a given entry wins.
  @Test func energyPerOpFollowsThePeak() {
    var power = DevicePower(idleW: 20, maxW: 120, pjPerByte: 0)
    #expect(abs(power.joulesPerOp(key: "bf16", tops: 10) - 10e-12) < 1e-24)
    #expect(abs(power.joulesPerOp(key: "int8", tops: 40) - 2.5e-12) < 1e-24)
    power.pjPerOp = ["int8": 1]
    #expect(power.joulesPerOp(key: "int8", tops: 40) == 1e-12)
    #expect(abs(power.joulesPerOp(key: "bf16", tops: 10) - 10e-12) < 1e-24)
  }
}
