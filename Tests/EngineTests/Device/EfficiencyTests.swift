import Engine
import Testing
import Trace

@Suite struct EfficiencyTests {
  static let curve = EfficiencyCurve(points: [(128, 0.11), (1536, 0.24)])

  /// Linear in log2(tokens): at 512, x = (9 − 7) / (log2 1536 − 7)
  /// = 2 / 3.5850 = 0.55789, so 0.11 + 0.13 × 0.55789 = 0.182526.
  @Test func curveInterpolatesInLog2() {
    #expect(abs(Self.curve.value(at: 512) - 0.182526) < 1e-6)
    // The geometric mean of the end points is the midpoint: 0.175.
    #expect(abs(Self.curve.value(at: (128.0 * 1536).squareRoot()) - 0.175) < 1e-12)
  }

  @Test func curveClampsAtEnds() {
    #expect(Self.curve.value(at: 1) == 0.11)
    #expect(Self.curve.value(at: 128) == 0.11)
    #expect(Self.curve.value(at: 1536) == 0.24)
    #expect(Self.curve.value(at: 1e6) == 0.24)
    #expect(EfficiencyCurve(points: [(64, 0.4)]).value(at: 1) == 0.4)
  }

  /// A per-kind value beats the curve, the curve beats the global value.
  @Test func perKindOverride() {
    let e = Efficiency(
      compute: 0.5, memory: 0.8,
      byKind: [.bmm: KindEfficiency(compute: 0.3), .softmax: KindEfficiency(memory: 0.6)],
      computeCurve: Self.curve)
    #expect(e.compute(for: .bmm, tokens: 128) == 0.3)
    #expect(e.compute(for: .gemm, tokens: 128) == 0.11)
    #expect(e.compute(for: .softmax, tokens: 1536) == 0.24)
    #expect(e.memory(for: .softmax, tokens: 128) == 0.6)
    #expect(e.memory(for: .bmm, tokens: 128) == 0.8)
  }

  /// In the simulator, bmm at ec 0.25 takes twice as long as gemm at 0.5.
  @Test func perKindOverrideInSimulation() throws {
    var device = Fixture.device(tops: 1, bandwidth: 1, compute: 0.5)
    device.efficiency.byKind = [.bmm: KindEfficiency(compute: 0.25)]
    var sink = RecordingSink()
    try Fixture.single(device).run(
      passes: [
        (Fixture.prefill(1), [Fixture.op(kind: .gemm, ops: 1e9), Fixture.op(kind: .bmm, ops: 1e9)])
      ],
      into: &sink)
    // gemm: 1e9 / (0.5 × 1e12) = 2 ms; bmm: 1e9 / (0.25 × 1e12) = 4 ms.
    #expect(abs(sink.ops[0].compute.duration - 2e-3) < 1e-12)
    #expect(abs(sink.ops[1].compute.duration - 4e-3) < 1e-12)
  }
}
