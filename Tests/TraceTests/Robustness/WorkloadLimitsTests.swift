import Testing
import Trace

/// Valid extremes work and absurd sizes are usage errors naming the limit,
/// never an overflow trap.
@Suite struct WorkloadLimitsTests {
  static func model() throws -> ModelConfig { try ModelConfig.resolve("llama-2-7b") }

  /// Prompt 0: no prefill work, step 1 attends to 1 key.
  @Test func emptyPrompt() throws {
    var options = WorkloadOptions(prompt: 0)
    options.generate = 3
    let workload = try Workload(model: try Self.model(), options: options)
    #expect(workload.prefillPasses.isEmpty)
    let totals = WorkloadTotals.of(workload)
    #expect(totals.prefill.ops == 0)
    #expect(totals.steps.map(\.kvLength) == [1, 2, 3])
    try JSONFormat.checkFinite(WorkloadReport.json(workload: workload, totals: totals))
  }

  /// A 10^9-token prompt: finite counts.
  @Test func billionTokenPrompt() throws {
    let workload = try Workload(
      model: try Self.model(), options: WorkloadOptions(prompt: 1_000_000_000))
    let totals = WorkloadTotals.of(workload)
    #expect(totals.prefill.ops.isFinite && totals.prefill.ops > 1e18)
    try JSONFormat.checkFinite(WorkloadReport.json(workload: workload, totals: totals))
    #expect(!workload.warnings.isEmpty)
  }

  /// The largest prompt (2^40) on every preset: finite counts.
  @Test(arguments: ModelConfig.presetNames)
  func largestPrompt(_ name: String) throws {
    var options = WorkloadOptions(prompt: Workload.maxTokens)
    options.fusion = .eager
    options.scores = .full
    let workload = try Workload(model: try ModelConfig.resolve(name), options: options)
    try JSONFormat.checkFinite(
      WorkloadReport.json(workload: workload, totals: WorkloadTotals.of(workload)))
  }

  struct Limit: CustomStringConvertible, Sendable {
    var prompt: Int, generate = 0, batch = 1, chunk: Int? = nil
    var expected: String
    var description: String { expected }
  }

  static let limits: [Limit] = [
    Limit(
      prompt: Int.max,
      expected:
        "error: prompt: too large (got prompt + generate = 9223372036854775807 + 0; expected at most 2^40 = 1099511627776 tokens per sequence)"
    ),
    Limit(
      prompt: 1, generate: Int.max,
      expected: "error: generate: too large (got prompt + generate = 1 + 9223372036854775807"),
    Limit(prompt: 1 << 40, generate: 1, expected: "error: prompt: too large"),
    Limit(
      prompt: 10, batch: Int.max,
      expected:
        "error: batch: too large (got batch 9223372036854775807 × 10 tokens × 32 heads; expected batch × (prompt + generate) × heads ≤ 2^62)"
    ),
    Limit(prompt: 1 << 40, batch: 1 << 20, expected: "error: batch: too large"),
    Limit(
      prompt: 1 << 30, chunk: 1,
      expected:
        "error: chunk: too many passes (got 1073741824 prefill chunks + 0 decode steps; expected at most 10000000 passes in one run)"
    ),
    Limit(prompt: 1, generate: 20_000_000, expected: "error: generate: too many passes"),
    Limit(prompt: -1, expected: "error: prompt: negative size"),
  ]

  @Test(arguments: limits)
  func limit(_ l: Limit) throws {
    var options = WorkloadOptions(prompt: l.prompt)
    options.generate = l.generate
    options.batch = l.batch
    options.chunk = l.chunk
    let model = try Self.model()
    do {
      _ = try Workload(model: model, options: options)
      Issue.record("accepted")
    } catch {
      #expect(error.kind == .usage)
      #expect(error.rendered.hasPrefix(l.expected), "\(error.rendered)")
    }
  }

  /// Flag values as typed: too large for 64 bits, negative, not integers.
  @Test(arguments: [
    ("prompt", "99999999999999999999", "integer too large"),
    ("prompt", "-5", "out of range"),
    ("generate", "1e3", "not an integer"),
    ("batch", "0", "out of range"),
    ("chunk", "0", "out of range"),
    ("tile", "-64", "out of range"),
    ("lora-rank", "", "not an integer"),
    ("weights", "int9:g128", "invalid value"),
    ("weights", "int4:g0", "invalid value"),
    ("attention", "gqa:0", "invalid value"),
    ("kv", "int3", "invalid value"),
  ])
  func badSetting(_ name: String, _ value: String, _ message: String) {
    var options = WorkloadOptions(prompt: 1)
    do {
      try options.set(WorkloadOption.named(name), to: value)
      Issue.record("accepted")
    } catch {
      #expect(error.kind == .usage)
      #expect(
        error.rendered.hasPrefix("error: \(name): \(message) (got '\(value)'; expected "),
        "\(error.rendered)")
    }
  }
}
