import Foundation
import Testing
import Trace

@testable import Engine

/// The corpus fit's pieces: folds, the Huber residual, grouping, priors,
/// and `fit` recovering known figures when each case's forecast is a known
/// function of the class figures.
@Suite struct RuntimeFitTests {
  @Test func foldsDealRoundRobin() {
    #expect(RuntimeFit.folds(Array(1...7), count: 3) == [[1, 4, 7], [2, 5], [3, 6]])
    #expect(RuntimeFit.folds(Array(1...6), count: 3) == [[1, 4], [2, 5], [3, 6]])
    // No more folds than items: each its own.
    #expect(RuntimeFit.folds(["a", "b"], count: 5) == [["a"], ["b"]])
    // A count below one is one fold; no items, no folds.
    #expect(RuntimeFit.folds(Array(1...3), count: 0) == [[1, 2, 3]])
    #expect(RuntimeFit.folds([Int](), count: 5).isEmpty)
    for n in 0...12 {
      for k in 1...6 {
        let folds = RuntimeFit.folds(Array(0..<n), count: k)
        #expect(folds.count == min(n, k))
        #expect(folds.allSatisfy { !$0.isEmpty })
        #expect(folds.flatMap { $0 }.sorted() == Array(0..<n))
      }
    }
  }

  @Test func psiIsIdentityWithinDelta() {
    #expect(RuntimeFit.psi(0, 0.5) == 0)
    #expect(RuntimeFit.psi(0.3, 0.5) == 0.3)
    #expect(RuntimeFit.psi(-0.3, 0.5) == -0.3)
    #expect(RuntimeFit.psi(0.5, 0.5) == 0.5)
  }

  @Test func psiBeyondDeltaGrowsAsASquareRoot() {
    // √(2 δ |e| − δ²): e = 2, δ = 0.5 → √(2 − 0.25) = √1.75.
    #expect(abs(RuntimeFit.psi(2, 0.5) - 1.75.squareRoot()) < 1e-15)
    #expect(abs(RuntimeFit.psi(-2, 0.5) + 1.75.squareRoot()) < 1e-15)
    // e = 1, δ = 0.5 → √0.75; the square grows linearly: ψ(3)² − ψ(2)² = 2δ.
    #expect(abs(RuntimeFit.psi(1, 0.5) - 0.75.squareRoot()) < 1e-15)
    let slope = pow(RuntimeFit.psi(3, 0.5), 2) - pow(RuntimeFit.psi(2, 0.5), 2)
    #expect(abs(slope - 1) < 1e-12)
    // Continuous at δ.
    #expect(abs(RuntimeFit.psi(0.5 + 1e-9, 0.5) - 0.5) < 1e-8)
  }

  /// Real corpus rows of one runtime, resolved.
  static func cases(runtime: String, count: Int) -> [ValidationCase] {
    let rows = Corpus.bundled.rows.filter { $0.runtime == runtime }
    var cases: [ValidationCase] = []
    for row in rows where cases.count < count {
      if case .success(let c) = ValidationCase.resolve(row) { cases.append(c) }
    }
    return cases
  }

  /// The largest runtime × class group of `cases`.
  static func largestGroup(_ cases: [ValidationCase]) throws -> (
    runtime: Runtime, key: String, cases: [ValidationCase]
  ) {
    let group = try #require(RuntimeFit.groups(cases).max { $0.cases.count < $1.cases.count })
    return (try #require(group.cases.first?.runtime), group.key, group.cases)
  }

  /// The figures `runtime` times `c`'s device with.
  static func figures(_ c: ValidationCase, _ runtime: Runtime) -> ClassFigures? {
    runtime.classes[RuntimeFit.classKey(of: c.device, in: runtime)]
  }

  @Test func groupsByRuntimeAndClassInOrder() throws {
    let cases =
      Self.cases(runtime: "llama.cpp-cuda", count: 40)
      + Self.cases(runtime: "llama.cpp-cpu", count: 20)
    let groups = RuntimeFit.groups(cases)
    #expect(groups.map(\.cases.count).reduce(0, +) == cases.count)
    let ids = groups.map { $0.runtime + "\u{0}" + $0.key }
    #expect(ids == ids.sorted() && Set(ids).count == ids.count)
    for g in groups {
      for c in g.cases {
        #expect(c.runtime.name == g.runtime)
        #expect(RuntimeFit.classKey(of: c.device, in: c.runtime) == g.key)
      }
    }
  }

  @Test func priorFallsBackToTheClassThenDefault() throws {
    var runtime = DeviceClassTests.runtime(["gpu", "igpu", "default"])
    let gpu = try #require(runtime.classes["gpu"])
    var fitted = gpu
    fitted.memory = 0.5
    runtime.priors = ["gpu": gpu]
    runtime.classes["gpu"] = fitted
    #expect(RuntimeFit.prior(runtime, "gpu") == gpu)
    #expect(RuntimeFit.prior(runtime, "igpu") == runtime.classes["igpu"])
    #expect(RuntimeFit.prior(runtime, "npu") == runtime.classes["default"])
    let unfitted = RuntimeFit.unfitted(runtime)
    #expect(unfitted.classes["gpu"] == gpu)
    #expect(unfitted.priors == unfitted.classes)
  }

  @Test func tooFewRowsIsNoFit() throws {
    let (runtime, key, cases) = try Self.largestGroup(
      Self.cases(runtime: "llama.cpp-cuda", count: 20))
    let fit = RuntimeFit { c, _ in c.measured }
    #expect(fit.fit(runtime, key: key, cases: Array(cases.prefix(fit.minimumRows - 1))) == nil)
    #expect(fit.fit(runtime, key: key, cases: Array(cases.prefix(fit.minimumRows))) != nil)
  }

  static let trueMemory = 0.62

  @Test func recoversAKnownMemoryEfficiencyWithoutAPrior() throws {
    let (runtime, key, cases) = try Self.largestGroup(
      Self.cases(runtime: "llama.cpp-cuda", count: 30))
    try #require(cases.count >= 4)
    let truth = Self.trueMemory
    // Each forecast is off by the ratio of the class's memory efficiency to
    // the true one: exact at truth.
    var fit = RuntimeFit { c, r in
      guard let f = RuntimeFitTests.figures(c, r) else { return .nan }
      return c.measured * f.memory / truth
    }
    fit.priorWeight = 0
    let result = try #require(fit.fit(runtime, key: key, cases: cases, parameters: [.memory]))
    #expect(abs(result.figures.memory - truth) < 1e-6, "fitted \(result.figures.memory)")
    #expect(result.rows == cases.count && result.runtime == runtime.name && result.key == key)
    #expect(result.devices == Array(Set(cases.map(\.row.device))).sorted())
    #expect(result.sources == Array(Set(cases.map(\.row.source))).sorted())
    // Every row is off by the same ratio at the class's present figures:
    // the median error is that ratio.
    let present = try #require(runtime.classes[key]).memory
    let before = (exp(abs(log(present / truth))) - 1) * 100
    #expect(abs(result.before - before) < 1e-9, "before \(result.before) vs \(before)")
    #expect(result.after < 1e-3)
    // Only the memory efficiency moved.
    var expected = try #require(runtime.classes[key])
    expected.memory = result.figures.memory
    #expect(result.figures == expected)
  }

  @Test func thePriorPullsTheFitBackByTheMAPCondition() throws {
    let (runtime, key, cases) = try Self.largestGroup(
      Self.cases(runtime: "llama.cpp-cuda", count: 30))
    let truth = Self.trueMemory
    let fit = RuntimeFit { c, r in
      guard let f = RuntimeFitTests.figures(c, r) else { return .nan }
      return c.measured * f.memory / truth
    }
    let result = try #require(fit.fit(runtime, key: key, cases: cases, parameters: [.memory]))
    // Cost: Σ w² ψ(e)² + (λ (u − u0) / s)², e = log(σ(u) / truth), Σ w² = N
    // (source weights sum to the row count), |e| < δ so ψ(e) = e. Its
    // derivative, 2 N e (1 − σ(u)) + 2 (λ / s)² (u − u0), is zero at the
    // optimum: solved here by bisection.
    let p = ClassFitParameter.memory
    let prior = try #require(RuntimeFit.prior(runtime, key)).memory
    try #require(abs(log(prior / truth)) < fit.huber)
    let n = Double(cases.count)
    let k = pow(fit.priorWeight / p.priorWidth, 2)
    let u0 = p.unconstrained(prior)
    func gradient(_ u: Double) -> Double {
      let m = p.natural(u)
      return 2 * n * log(m / truth) * (1 - m) + 2 * k * (u - u0)
    }
    var lo = min(u0, p.unconstrained(truth))
    var hi = max(u0, p.unconstrained(truth))
    for _ in 0..<200 {
      let mid = (lo + hi) / 2
      if (gradient(mid) > 0) == (gradient(hi) > 0) { hi = mid } else { lo = mid }
    }
    let expected = p.natural((lo + hi) / 2)
    #expect(abs(result.figures.memory - expected) < 1e-5, "\(result.figures.memory) vs \(expected)")
    // Between the truth and the prior, near the truth with this many rows.
    #expect((result.figures.memory - truth) * (prior - truth) >= 0)
    #expect(abs(result.figures.memory - truth) < abs(prior - truth))
  }

  @Test func recoversTwoFiguresFromRowsThatSeeEach() throws {
    let (runtime, key, cases) = try Self.largestGroup(
      Self.cases(runtime: "llama.cpp-cuda", count: 30))
    try #require(cases.count >= 6)
    let (memory, ceiling) = (Self.trueMemory, 0.4)
    // Alternate rows see the memory efficiency, the others the compute
    // ceiling (squared, so the two scales differ).
    var seesMemory: [String: Bool] = [:]
    for (i, c) in cases.enumerated() { seesMemory[c.row.id] = i % 2 == 0 }
    let map = seesMemory
    var fit = RuntimeFit { c, r in
      guard let f = RuntimeFitTests.figures(c, r), let m = map[c.row.id] else { return .nan }
      return m ? c.measured * f.memory / memory : c.measured * pow(f.compute.max / ceiling, 2)
    }
    fit.priorWeight = 0
    let result = try #require(
      fit.fit(runtime, key: key, cases: cases, parameters: [.memory, .computeMax]))
    #expect(abs(result.figures.memory - memory) < 1e-6)
    #expect(abs(result.figures.compute.max - ceiling) < 1e-6)
  }

  @Test func fitAllFitsEachClassAndRecordsPriors() throws {
    let cases = Self.cases(runtime: "llama.cpp-cuda", count: 30)
    let truth = Self.trueMemory
    var fit = RuntimeFit { c, r in
      guard let f = RuntimeFitTests.figures(c, r) else { return .nan }
      return c.measured * f.memory / truth
    }
    fit.priorWeight = 0
    let (runtimes, classes) = fit.fitAll(cases)
    let base = try #require(Runtime.named("llama.cpp-cuda"))
    let fitted = try #require(runtimes["llama.cpp-cuda"])
    #expect(runtimes.count == 1)
    #expect(fitted.priors == RuntimeFit.unfitted(base).classes)
    #expect(!classes.isEmpty)
    for c in classes {
      #expect(fitted.classes[c.key] == c.figures)
      #expect(abs(c.figures.memory - truth) < 1e-4, "\(c.key): \(c.figures.memory)")
    }
    // Classes without enough rows keep their priors.
    let keys = Set(classes.map(\.key))
    for (key, figures) in fitted.classes where !keys.contains(key) {
      #expect(figures == RuntimeFit.prior(base, key))
    }
  }
}
