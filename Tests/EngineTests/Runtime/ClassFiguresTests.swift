import Foundation
import Testing
import Trace

@testable import Engine

/// A class's figures as device efficiencies: the GEMM compute curve
///
///   ec(M) = max · M / (M + h) · 1 / (1 + M / D)^β,  h = half · (P / ref)^α
///
/// on the matrix products over weights (GEMM, LoRA, MoE router), the
/// attention curve (else the GEMM curve) on the BMMs and softmax, and the
/// curve's ceiling flat on every other kind.
@Suite struct ClassFiguresTests {
  static func curve(
    max: Double, half: Double, reference: Double = 100, alpha: Double = 0,
    decline: Double? = nil, beta: Double = 0
  ) -> ComputeCurveModel {
    ComputeCurveModel(
      max: max, halfTokens: half, referenceTops: reference, sizeExponent: alpha,
      declineTokens: decline, declineExponent: beta)
  }

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * Swift.max(1, abs(b))
  }

  @Test func halfWayPointGrowsWithThePeak() {
    // P = 400 TOPS, ref 100, α = 0.5: h = 64 · 4^0.5 = 128.
    let c = Self.curve(max: 0.55, half: 64, alpha: 0.5)
    // M = 64: 0.55 · 64 / 192 = 0.183333…
    #expect(Self.close(c.efficiency(tokens: 64, peakTops: 400), 0.55 * 64 / 192))
    // M = 128 = h: half the ceiling.
    #expect(Self.close(c.efficiency(tokens: 128, peakTops: 400), 0.275))
    // M = 512: 0.55 · 512 / 640 = 0.44.
    #expect(Self.close(c.efficiency(tokens: 512, peakTops: 400), 0.44))
    // P = 25 TOPS: h = 64 · 0.25^0.5 = 32; M = 32 gives half: 0.275.
    #expect(Self.close(c.efficiency(tokens: 32, peakTops: 25), 0.275))
  }

  @Test func declineAtLargeM() {
    // h = 0: the rising term is 1; D = 1024, β = 0.5, M = 3072:
    // 0.8 / (1 + 3)^0.5 = 0.4.
    let c = Self.curve(max: 0.8, half: 0, decline: 1024, beta: 0.5)
    #expect(Self.close(c.efficiency(tokens: 3072, peakTops: 100), 0.4))
    // M = 1024: 0.8 / 2^0.5.
    #expect(Self.close(c.efficiency(tokens: 1024, peakTops: 100), 0.8 / 2.0.squareRoot()))
  }

  @Test func clampsAndFloors() {
    // Fewer than one token counts as one: 0.5 · 1 / (1 + 1) = 0.25.
    let c = Self.curve(max: 0.5, half: 1)
    #expect(Self.close(c.efficiency(tokens: 0, peakTops: 100), 0.25))
    // Never above 1, never below 1e-6.
    #expect(Self.curve(max: 1, half: 0).efficiency(tokens: 1e6, peakTops: 100) == 1)
    #expect(Self.curve(max: 1e-9, half: 0).efficiency(tokens: 8, peakTops: 100) == 1e-6)
    // No reference: no size term (h = half).
    let noReference = Self.curve(max: 0.6, half: 10, reference: 0, alpha: 1)
    #expect(Self.close(noReference.efficiency(tokens: 10, peakTops: 1000), 0.3))
  }

  @Test func curvePointsArePowersOfTwo() {
    let c = Self.curve(max: 0.55, half: 64, alpha: 0.5)
    let points = c.curve(peakTops: 400).points
    #expect(points.count == 21)
    #expect(points.first?.0 == 1 && points.last?.0 == 1_048_576)
    for (t, e) in points { #expect(e == c.efficiency(tokens: t, peakTops: 400)) }
  }

  @Test func matrixVectorKernelsHoldTheCeilingUpToTheirTokens() {
    // P = 400, α = 0.5: h = 128. Up to V = 8 tokens the ceiling 0.55;
    // M = 9: 0.55 · 9 / 137 = 0.0361314; M = 16: 0.55 · 16 / 144 = 0.0611111.
    let c = Self.curve(max: 0.55, half: 64, alpha: 0.5)
    for m in [1.0, 2, 8] {
      #expect(c.efficiency(tokens: m, peakTops: 400, vectorTokens: 8) == 0.55, "\(m)")
    }
    #expect(Self.close(c.efficiency(tokens: 9, peakTops: 400, vectorTokens: 8), 0.55 * 9 / 137))
    #expect(Self.close(c.efficiency(tokens: 9, peakTops: 400, vectorTokens: 8), 0.0361314, 1e-5))
    #expect(Self.close(c.efficiency(tokens: 16, peakTops: 400, vectorTokens: 8), 0.0611111, 1e-5))
    // No matrix-vector kernels: the ramp from the first token.
    #expect(Self.close(c.efficiency(tokens: 1, peakTops: 400, vectorTokens: nil), 0.55 / 129))
  }

  @Test func theCurveStepsBetweenTheLastVectorTokenAndTheNext() {
    let c = Self.curve(max: 0.55, half: 64, alpha: 0.5)
    let points = c.curve(peakTops: 400, vectorTokens: 8).points
    // 1, 2, 4, 8 (kept), 9 (added), 16, …, 2^20: 22 points, sorted.
    #expect(points.count == 22)
    #expect(points.map(\.0) == points.map(\.0).sorted())
    #expect(points.first { $0.0 == 8 }?.1 == 0.55)
    #expect(Self.close(points.first { $0.0 == 9 }?.1 ?? 0, 0.55 * 9 / 137))
    // V = 12, not a power of two: 12 and 13 join the powers.
    let twelve = c.curve(peakTops: 400, vectorTokens: 12).points
    #expect(twelve.count == 23)
    #expect(twelve.first { $0.0 == 12 }?.1 == 0.55)
    #expect(twelve.first { $0.0 == 16 }.map { Self.close($0.1, 0.55 * 16 / 144) } == true)
  }

  @Test func matrixVectorKernelsCoverGEMMsAndAttention() {
    // Through the class's figures: GEMM ceiling 0.6 and attention ceiling
    // 0.4 up to 8 tokens; at 128 tokens the GEMM ramp gives 0.6 · 128 / 256.
    let e = Self.figures.efficiency(gemmPeakTops: 400, vectorTokens: 8)
    #expect(e.compute(for: .gemm, tokens: 1) == 0.6)
    #expect(e.compute(for: .gemm, tokens: 8) == 0.6)
    #expect(e.compute(for: .bmm, tokens: 4) == 0.4)
    #expect(Self.close(e.compute(for: .gemm, tokens: 128), 0.3))
  }

  static let figures = ClassFigures(
    compute: curve(max: 0.6, half: 64, alpha: 0.5),
    attention: curve(max: 0.4, half: 256),
    memory: 0.8,
    byKind: [.lora: KindEfficiency(compute: 0.33), .kvCache: KindEfficiency(memory: 0.05)],
    launchUs: PhaseValues(prefill: 4, decode: 2.5), hostUs: PhaseValues(prefill: 300, decode: 250))

  @Test func gemmKindsFollowTheGEMMCurve() {
    // P = 400: h = 128. M = 128: 0.6 · 128 / 256 = 0.3; M = 512: 0.48.
    let e = Self.figures.efficiency(gemmPeakTops: 400)
    for kind in [OpKind.gemm, .moeRouter] {
      #expect(Self.close(e.compute(for: kind, tokens: 128), 0.3), "\(kind)")
      #expect(Self.close(e.compute(for: kind, tokens: 512), 0.48), "\(kind)")
    }
    // A kind's own compute figure wins over the curve.
    #expect(e.compute(for: .lora, tokens: 512) == 0.33)
    #expect(ClassFigures.gemmKinds == [.gemm, .lora, .moeRouter])
  }

  @Test func attentionKindsFollowTheAttentionCurve() {
    // α = 0: h = 256 whatever the peak. M = 256: 0.4 / 2 = 0.2;
    // M = 1024: 0.4 · 1024 / 1280 = 0.32.
    let e = Self.figures.efficiency(gemmPeakTops: 400)
    for kind in [OpKind.bmm, .softmax] {
      #expect(Self.close(e.compute(for: kind, tokens: 256), 0.2), "\(kind)")
      #expect(Self.close(e.compute(for: kind, tokens: 1024), 0.32), "\(kind)")
    }
    #expect(ClassFigures.attentionKinds == [.bmm, .softmax])
  }

  @Test func attentionWithoutACurveOfItsOwnFollowsTheGEMMs() {
    var f = Self.figures
    f.attention = nil
    let e = f.efficiency(gemmPeakTops: 400)
    #expect(Self.close(e.compute(for: .bmm, tokens: 128), 0.3))
    #expect(Self.close(e.compute(for: .softmax, tokens: 512), 0.48))
  }

  @Test func otherKindsAreFlatAtTheCeiling() {
    let e = Self.figures.efficiency(gemmPeakTops: 400)
    #expect(e.computeCurve == nil)
    #expect(e.compute == 0.6)
    let curved = Set(ClassFigures.gemmKinds + ClassFigures.attentionKinds)
    for kind in OpKind.allCases where !curved.contains(kind) {
      #expect(e.compute(for: kind, tokens: 1) == 0.6, "\(kind)")
      #expect(e.compute(for: kind, tokens: 4096) == 0.6, "\(kind)")
      #expect(e.byKind[kind]?.computeCurve == nil, "\(kind)")
    }
  }

  @Test func memoryAndItsOverrides() {
    let e = Self.figures.efficiency(gemmPeakTops: 400)
    #expect(e.memory == 0.8)
    #expect(e.memory(for: .gemm, tokens: 512) == 0.8)
    #expect(e.memory(for: .kvCache, tokens: 512) == 0.05)
    // The ceiling as flat compute is clamped into (0, 1].
    var f = Self.figures
    f.compute.max = 1.5
    #expect(f.efficiency(gemmPeakTops: 100).compute == 1)
  }
}
