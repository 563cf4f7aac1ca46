import Engine
import Foundation
import Testing
import Trace

/// Requests in: the repeatable generator, the length grammar, generated
/// arrivals, the JSON Lines file with errors naming line and field, and the
/// serving settings.
@Suite struct RequestInputTests {
  @Test func theGeneratorIsXoshiro256StarStarSeededBySplitMix64() {
    // Reference values from an independent implementation of SplitMix64
    // (seed 0 → first state word 0xe220a8397b1dcdaf) and xoshiro256**.
    var zero = SeededGenerator(seed: 0)
    #expect(zero.next() == 0x99ec_5f36_cb75_f2b4)
    #expect(zero.next() == 0xbf6e_1f78_4956_452a)
    #expect(zero.next() == 0x1a5f_849d_4933_e6e0)
    var other = SeededGenerator(seed: 42)
    #expect(other.next() == 0x1578_0b2e_0c2e_c716)
    #expect(other.next() == 0x6104_d986_6d11_3a7e)
    // unit(): the top 53 bits / 2^53.
    var again = SeededGenerator(seed: 0)
    #expect(again.unit() == Double(UInt64(0x99ec_5f36_cb75_f2b4) >> 11) * 0x1p-53)
  }

  @Test func lengthsParseAndSample() throws {
    func parse(_ text: String) throws -> LengthDistribution {
      try LengthDistribution.parse(text) { message throws(LifeError) in
        throw LifeError(.usage, at: .none, message)
      }
    }
    #expect(try parse("512") == .fixed(512))
    #expect(try parse("uniform:128-1024") == .uniform(low: 128, high: 1024))
    #expect(try parse("lognormal:512:0.5") == .lognormal(mean: 512, sigma: 0.5))
    for bad in [
      "", "x", "uniform:9-3", "uniform:3", "lognormal:0:1", "lognormal:5:9", "-1",
      "normal:1:2", "uniform:1-2-3",
    ] {
      #expect(throws: LifeError.self, "\(bad)") { try parse(bad) }
    }
    var random = SeededGenerator(seed: 1)
    let uniform = (0..<2000).map { _ in
      LengthDistribution.uniform(low: 10, high: 20).sample(&random, minimum: 1)
    }
    #expect(uniform.min() == 10 && uniform.max() == 20)
    // Log-normal with mean M: the sample mean is near M (σ 0.5: within 5 %
    // for 20 000 draws).
    let logn = (0..<20_000).map { _ in
      Double(LengthDistribution.lognormal(mean: 500, sigma: 0.5).sample(&random, minimum: 1))
    }
    let mean = logn.reduce(0, +) / Double(logn.count)
    #expect(abs(mean - 500) < 25, "mean \(mean)")
    #expect(LengthDistribution.fixed(0).sample(&random, minimum: 1) == 1)
  }

  @Test func generatedArrivalsFollowTheirPattern() {
    func arrivals(_ pattern: ArrivalPattern, count: Int = 1000) -> [Double] {
      RequestGenerator(count: count, rate: 10, arrival: pattern, burst: 4, prompt: .fixed(8))
        .requests().map(\.arrival)
    }
    // Constant: request i at i / R (3 / 10 = 0.3, not 0.1 + 0.1 + 0.1).
    #expect(arrivals(.constant, count: 4) == [0, 0.1, 0.2, 0.3])
    // Poisson: the first at 0; mean gap 1 / R.
    let poisson = arrivals(.poisson)
    #expect(poisson[0] == 0 && poisson == poisson.sorted())
    let meanGap = (poisson.last ?? 0) / Double(poisson.count - 1)
    #expect(abs(meanGap - 0.1) < 0.01, "mean gap \(meanGap)")
    // Bursty: groups of 4 at one time, the same mean rate.
    let bursty = arrivals(.bursty)
    #expect(bursty[0] == bursty[3] && bursty[4] > bursty[3] && bursty[4] == bursty[7])
    #expect(abs((bursty.last ?? 0) / 1000 - 0.1) < 0.02)
    // The same seed, the same requests; another seed, others.
    let a = RequestGenerator(count: 50, rate: 5, prompt: .lognormal(mean: 300, sigma: 1), seed: 3)
    var b = a
    #expect(a.requests() == b.requests())
    b.seed = 4
    #expect(a.requests() != b.requests())
    #expect(a.requests().allSatisfy { $0.promptTokens >= 1 && $0.outputTokens == 1 })
  }

  static func parse(_ text: String) throws -> [ServeRequest] {
    try RequestFile.parse(Array(text.utf8), file: "r.jsonl")
  }

  static func error(_ text: String) -> String {
    do {
      _ = try parse(text)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func aRequestsFileIsReadLineByLine() throws {
    let text = """
      {"arrival_s": 0.5, "prompt_tokens": 512, "output_tokens": 128}

      {"output_tokens": 1, "prompt_tokens": 7, "arrival_s": 0}\r
      """
    let requests = try Self.parse(text)
    #expect(
      requests == [
        ServeRequest(id: 0, arrival: 0.5, promptTokens: 512, outputTokens: 128),
        ServeRequest(id: 1, arrival: 0, promptTokens: 7, outputTokens: 1),
      ])
    // Sorted by arrival when run.
    let path = NSTemporaryDirectory() + "life-requests-\(UUID().uuidString).jsonl"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try RequestSource.file(path).requests().map(\.id) == [1, 0])
  }

  @Test func badRequestFilesNameTheLineAndTheField() {
    let good = #"{"arrival_s": 0, "prompt_tokens": 8, "output_tokens": 2}"#
    #expect(
      Self.error(good + "\n" + #"{"arrival_s": 1, "prompt_tokens": 8}"#)
        == "r.jsonl: line 2, field output_tokens: missing required field (expected an integer ≥ 1)")
    #expect(
      Self.error(#"{"arrival_s": -1, "prompt_tokens": 8, "output_tokens": 2}"#)
        == "r.jsonl: line 1, field arrival_s: number out of range (got -1; expected a number in [0, 1000000000000])"
    )
    #expect(
      Self.error(#"{"arrival_s": 0, "prompt_tokens": 0, "output_tokens": 2}"#)
        == "r.jsonl: line 1, field prompt_tokens: integer out of range (got 0; expected an integer in [1, 1073741824])"
    )
    #expect(
      Self.error(#"{"arrival_s": 0, "prompt_tokens": 8.5, "output_tokens": 2}"#)
        == "r.jsonl: line 1, field prompt_tokens: not a whole number (got 8.5; expected an integer)"
    )
    #expect(
      Self.error(#"{"arrival_s": "0", "prompt_tokens": 8, "output_tokens": 2}"#)
        == "r.jsonl: line 1, field arrival_s: wrong type (got '0'; expected a number)")
    #expect(
      Self.error(good + "\n\n" + #"{"arival_s": 0, "prompt_tokens": 8, "output_tokens": 2}"#)
        == "r.jsonl: line 3, field arival_s: unknown key (got 'arival_s'; expected one of 'arrival_s', 'prompt_tokens', 'output_tokens'); did you mean 'arrival_s'?"
    )
    #expect(
      Self.error(good + "\n" + #"{"arrival_s": 0, "prompt_tokens": 8,"#)
        == "r.jsonl: line 2, column 37: invalid JSON: expected a quoted key (got end of file)")
    #expect(Self.error("[1, 2]").hasPrefix("r.jsonl: line 1: wrong type"))
    #expect(Self.error("\n \n").hasPrefix("r.jsonl: no requests"))
  }

  static func settings(_ pairs: [(ServeOption, String)]) throws -> ServeSettings {
    var settings = ServeSettings()
    for (option, text) in pairs {
      try settings.set(option, text: text, at: .parameter(option.parameter))
    }
    return settings
  }

  @Test func servingSettingsParseAndCheck() throws {
    let s = try Self.settings([
      (.rate, "2.5"), (.count, "10"), (.prompt, "uniform:8-16"), (.generate, "4"),
      (.arrival, "BURSTY"), (.seed, "9"), (.maxBatch, "8"), (.tokenBudget, "512"),
      (.preemption, "swap"), (.sloTtftMs, "100"),
    ])
    #expect(s.scheduler.maxBatch == 8 && s.scheduler.tokenBudget == 512)
    #expect(s.scheduler.preemption == .swap && s.objectives.ttftMs == 100)
    guard case .generated(let g) = try s.source() else {
      Issue.record("generated requests expected")
      return
    }
    #expect(g.count == 10 && g.rate == 2.5 && g.arrival == .bursty && g.seed == 9)
    func message(_ pairs: [(ServeOption, String)]) -> String {
      do {
        _ = try Self.settings(pairs).source()
        return "no error"
      } catch {
        return "\(error)"
      }
    }
    #expect(
      message([(.rate, "0"), (.count, "1"), (.prompt, "1")])
        == "rate: out of range (got '0'; expected a number > 0)")
    #expect(
      message([(.count, "1"), (.prompt, "1")])
        == "rate: missing required flag (expected a number > 0 (or a requests file))")
    #expect(
      message([(.requests, "r.jsonl"), (.rate, "3")])
        == "rate: generated-request settings cannot be used with a requests file (expected either a requests file or generated requests (rate, count and prompt))"
    )
    #expect(
      message([(.preemption, "swapp")])
        == "preemption: invalid value (got 'swapp'; expected one of recompute, swap); did you mean 'swap'?"
    )
    #expect(message([(.prompt, "0")]).hasPrefix("prompt: a prompt of 0 tokens"))
    #expect(message([(.memoryUtilization, "1.5")]).hasPrefix("memory-utilization: out of range"))
  }
}
