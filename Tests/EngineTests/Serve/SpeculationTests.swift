import Engine
import Foundation
import Testing
import Trace

/// Speculative decoding: the expected tokens per verify pass, and what it
/// does to a forecast and to a serving run.
@Suite struct SpeculationTests {
  static func speculation(_ acceptance: [Double], tokens: Int) throws -> Speculation {
    Speculation(
      draft: try Workload(
        model: try ModelConfig.resolve("llama-3.2-1b"), options: WorkloadOptions(prompt: 8)),
      draftDevice: "device", tokens: tokens, acceptance: acceptance)
  }

  @Test func expectedTokensFollowTheAcceptanceRates() throws {
    // A = 0.5, K = 3: 1 + 0.5 + 0.25 + 0.125 = 1.875 = (1 − 0.5⁴) / (1 − 0.5).
    #expect(try Self.speculation([0.5], tokens: 3).expectedTokens == 1.875)
    #expect(try Self.speculation([0], tokens: 4).expectedTokens == 1)
    #expect(try Self.speculation([1], tokens: 4).expectedTokens == 5)
    let a = 0.8
    let closed = (1 - pow(a, 5)) / (1 - a)
    #expect(abs(try Self.speculation([a], tokens: 4).expectedTokens - closed) < 1e-12)
    // Per position: 1 + 0.9 + 0.9 × 0.5 = 2.35.
    #expect(abs(try Self.speculation([0.9, 0.5], tokens: 2).expectedTokens - 2.35) < 1e-12)
    #expect(Speculation.check(tokens: 3, acceptance: [0.5, 0.5]) != nil)
    #expect(Speculation.check(tokens: 0, acceptance: [0.5]) != nil)
    #expect(Speculation.check(tokens: 3, acceptance: [1.5]) != nil)
    #expect(Speculation.check(tokens: 3, acceptance: [0.1, 0.2, 0.3]) == nil)
  }

  static func forecast(acceptance: Double?, tokens: Int = 4) throws -> ForecastOutcome {
    var options = WorkloadOptions(prompt: 512)
    options.generate = 32
    let gpu = try Device.resolve("rtx-4090", at: .none)
    var pipeline = ForecastPipeline(
      model: try ModelConfig.resolve("llama-3.1-8b"), options: options,
      devices: [("device", gpu)], mapping: Mapping(prefill: "device", decode: "device"))
    if let acceptance {
      pipeline.speculative = SpeculativeSettings(
        draftModel: try ModelConfig.resolve("llama-3.2-1b"), draftDevice: "device",
        tokens: tokens, acceptance: [acceptance])
    }
    return try pipeline.run()
  }

  @Test func acceptanceZeroIsSlowerThanPlainDecoding() throws {
    let plain = try Self.forecast(acceptance: nil).forecast
    let spec = try Self.forecast(acceptance: 0)
    #expect(try #require(spec.forecast.tpotMeanMs) > (plain.tpotMeanMs ?? .infinity))
    #expect(spec.forecast.ttftMs == plain.ttftMs, "prefill is the target's")
    #expect(spec.forecast.steps.count == 32)
    // E = 1: one target pass per token.
    #expect(spec.json["speculative"]?["target_passes"] == .int(32))
  }

  @Test func targetPassesApproachOneInKPlusOneAsAcceptanceNearsOne() throws {
    var previous = Double.infinity
    for a in [0.5, 0.9, 0.99, 0.999, 1] {
      let json = try Self.forecast(acceptance: a).json
      guard case .number(let n)? = json["speculative"]?["target_passes"] else {
        Issue.record("target_passes")
        return
      }
      #expect(n.value < previous)
      previous = n.value
    }
    // A = 1: 32 tokens in 32 / 5 = 6.4 target passes (K + 1 = 5 each).
    #expect(previous == 6.4)
    let spec = try Self.forecast(acceptance: 1)
    let plain = try Self.forecast(acceptance: nil)
    #expect(try #require(spec.forecast.tpotMeanMs) < (plain.forecast.tpotMeanMs ?? 0))
    // TPOT_i = (K draft passes + verify) / E: a step time of 5 × TPOT_i.
    let step = try #require(spec.forecast.steps.last)
    #expect(step.tpotMs > 0 && step.dispatchCalls > plain.forecast.steps[0].dispatchCalls)
  }

  @Test func servingSpeculativelyTakesFewerTargetPasses() throws {
    let gpu = try Device.resolve("h100-sxm", at: .none)
    func run(_ acceptance: Double?) throws -> ServeOutcome {
      var pipeline = ServePipeline(
        model: try ModelConfig.resolve("llama-3.1-8b"), options: WorkloadOptions(prompt: 0),
        devices: [("device", gpu)], mapping: Mapping(prefill: "device", decode: "device"),
        requests: [ServeRequest(id: 0, arrival: 0, promptTokens: 256, outputTokens: 41)])
      if let acceptance {
        pipeline.speculative = SpeculativeSettings(
          draftModel: try ModelConfig.resolve("llama-3.2-1b"), draftDevice: "device", tokens: 3,
          acceptance: [acceptance])
      }
      return try pipeline.run()
    }
    let plain = try run(nil)
    let none = try run(0)
    let all = try run(1)
    let verify = { (o: ServeOutcome) in o.passes.filter { $0.role == .verify }.count }
    let drafts = { (o: ServeOutcome) in o.passes.filter { $0.role == .draft }.count }
    #expect(plain.passes.filter { $0.role == .decode }.count == 40)
    #expect(verify(none) == 40 && drafts(none) == 120)
    // A = 1: 4 tokens per verify pass, 40 decode tokens in 10 passes.
    #expect(verify(all) == 10 && drafts(all) == 30)
    let tpot = { (o: ServeOutcome) in o.records[0].tpotMeanMs ?? 0 }
    #expect(tpot(none) > tpot(plain) && tpot(all) < tpot(plain))
    #expect(all.records[0].ttftMs == plain.records[0].ttftMs)
    #expect(all.completed.count == 1)
  }
}
