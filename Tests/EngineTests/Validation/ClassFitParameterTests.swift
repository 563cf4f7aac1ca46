import Foundation
import Testing
import Trace

@testable import Engine

/// The fit's coordinates: each parameter's transform to an unconstrained
/// value and back, and setting a parameter in a class's figures.
@Suite struct ClassFitParameterTests {
  /// Values inside each parameter's range.
  static func values(_ p: ClassFitParameter) -> [Double] {
    switch p {
    case .computeMax, .memory, .attentionMax, .kvCacheMemory: return [0.05, 0.5, 0.9, 0.999]
    case .halfTokens, .attentionHalfTokens: return [0, 1, 64, 4096]
    case .launch: return [0, 0.5, 2.5, 40]
    case .host: return [0, 10, 250, 5000]
    case .sizeExponent: return [0.01, 0.5, 0.75, 1.4]
    }
  }

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
  }

  @Test(arguments: ClassFitParameter.allCases)
  func naturalInvertsUnconstrained(_ p: ClassFitParameter) {
    for v in Self.values(p) {
      let u = p.unconstrained(v)
      #expect(u.isFinite, "\(p) \(v)")
      #expect(Self.close(p.natural(u), v), "\(p): \(v) → \(u) → \(p.natural(u))")
    }
    #expect(p.priorWidth > 0)
  }

  @Test func handValues() {
    // Logit for fractions: 0.5 → 0; 0.8 → log 4.
    #expect(ClassFitParameter.memory.unconstrained(0.5) == 0)
    #expect(Self.close(ClassFitParameter.computeMax.unconstrained(0.8), log(4.0)))
    #expect(Self.close(ClassFitParameter.memory.natural(log(4.0)), 0.8))
    // log(v + 1) for tokens and host µs; log(v + 0.05) for launch µs.
    #expect(ClassFitParameter.halfTokens.unconstrained(0) == 0)
    #expect(Self.close(ClassFitParameter.halfTokens.unconstrained(63), log(64.0)))
    #expect(Self.close(ClassFitParameter.host.unconstrained(249), log(250.0)))
    #expect(Self.close(ClassFitParameter.launch.unconstrained(0), log(0.05)))
    // The exponent: a logit of v / 1.5; 0.75 → 0, 1.2 → log 4.
    #expect(ClassFitParameter.sizeExponent.unconstrained(0.75) == 0)
    #expect(Self.close(ClassFitParameter.sizeExponent.unconstrained(1.2), log(4.0)))
    #expect(Self.close(ClassFitParameter.sizeExponent.natural(0), 0.75))
  }

  @Test func outOfRangeValuesAreClamped() {
    // Fractions clamp to [1e-4, 1 − 1e-4]; amounts below 0 count as 0.
    #expect(
      Self.close(
        ClassFitParameter.memory.natural(ClassFitParameter.memory.unconstrained(1)), 1 - 1e-4))
    #expect(
      Self.close(ClassFitParameter.memory.natural(ClassFitParameter.memory.unconstrained(0)), 1e-4))
    #expect(ClassFitParameter.halfTokens.unconstrained(-5) == 0)
    #expect(ClassFitParameter.halfTokens.natural(-50) == 0)
    #expect(ClassFitParameter.launch.natural(-50) == 0)
    #expect(ClassFitParameter.host.natural(-50) == 0)
    // Any coordinate gives a value in range.
    for p in ClassFitParameter.allCases {
      for u in [-40.0, -3, 0, 3, 40] {
        let v = p.natural(u)
        #expect(v >= 0 && v.isFinite, "\(p) \(u)")
        if p == .sizeExponent { #expect(v <= 1.5) }
        if [.computeMax, .memory, .attentionMax, .kvCacheMemory].contains(p) { #expect(v <= 1) }
      }
    }
  }

  static let figures = ClassFigures(
    compute: ComputeCurveModel(
      max: 0.55, halfTokens: 64, referenceTops: 100, sizeExponent: 0.5, declineTokens: nil,
      declineExponent: 0),
    memory: 0.75, byKind: [:], launchUs: PhaseValues(prefill: 4, decode: 2.5),
    hostUs: PhaseValues(prefill: 300, decode: 250))

  @Test func valueReadsTheFigures() {
    let f = Self.figures
    #expect(ClassFitParameter.computeMax.value(in: f) == 0.55)
    #expect(ClassFitParameter.halfTokens.value(in: f) == 64)
    #expect(ClassFitParameter.sizeExponent.value(in: f) == 0.5)
    #expect(ClassFitParameter.memory.value(in: f) == 0.75)
    // Launch and host: the decode value.
    #expect(ClassFitParameter.launch.value(in: f) == 2.5)
    #expect(ClassFitParameter.host.value(in: f) == 250)
    // No attention curve: the GEMMs'; no KV-cache override: the memory.
    #expect(ClassFitParameter.attentionMax.value(in: f) == 0.55)
    #expect(ClassFitParameter.attentionHalfTokens.value(in: f) == 64)
    #expect(ClassFitParameter.kvCacheMemory.value(in: f) == 0.75)
  }

  @Test(arguments: ClassFitParameter.allCases)
  func setThenValueRoundTrips(_ p: ClassFitParameter) {
    for v in Self.values(p) {
      var f = Self.figures
      p.set(v, in: &f)
      #expect(p.value(in: f) == v, "\(p) \(v)")
      // Nothing else moves.
      for other in ClassFitParameter.allCases where other != p {
        let dependent: Set<ClassFitParameter> =
          switch p {
          case .computeMax: [.attentionMax]
          case .halfTokens: [.attentionHalfTokens]
          case .memory: [.kvCacheMemory]
          default: []
          }
        guard !dependent.contains(other) else { continue }
        #expect(other.value(in: f) == other.value(in: Self.figures), "\(p) moved \(other)")
      }
    }
  }

  @Test func setCoversBothPhasesAndCopiesTheGEMMCurve() {
    var f = Self.figures
    ClassFitParameter.launch.set(7, in: &f)
    ClassFitParameter.host.set(90, in: &f)
    #expect(f.launchUs == PhaseValues(prefill: 7, decode: 7))
    #expect(f.hostUs == PhaseValues(prefill: 90, decode: 90))
    ClassFitParameter.attentionHalfTokens.set(1000, in: &f)
    // The attention curve starts as a copy of the GEMMs' with the new value.
    #expect(f.attention?.halfTokens == 1000)
    #expect(f.attention?.max == 0.55 && f.attention?.sizeExponent == 0.5)
    #expect(f.compute.halfTokens == 64)
    ClassFitParameter.kvCacheMemory.set(0.1, in: &f)
    #expect(f.byKind[.kvCache]?.memory == 0.1 && f.byKind[.kvCache]?.compute == nil)
    #expect(f.memory == 0.75)
  }
}
