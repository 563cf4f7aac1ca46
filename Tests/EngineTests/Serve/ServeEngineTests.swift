import Engine
import Foundation
import Testing
import Trace

/// The continuous-batching scheduler on real presets: one request alone is
/// a forecast, batching raises throughput, every request finishes once with
/// consistent times, also when the KV cache forces queueing or preemption.
@Suite struct ServeEngineTests {
  static let model = "llama-3.2-1b"

  static func pipeline(
    _ requests: [ServeRequest], devices: [(key: String, device: Device)]? = nil,
    mapping: Mapping = Mapping(prefill: "device", decode: "device"),
    options: WorkloadOptions = WorkloadOptions(prompt: 0),
    scheduler: SchedulerConfig = SchedulerConfig(), links: [Link] = []
  ) throws -> ServePipeline {
    let gpu = try Device.resolve("h100-sxm", at: .none)
    return ServePipeline(
      model: try ModelConfig.resolve(model), options: options,
      devices: devices ?? [("device", gpu)], mapping: mapping, links: links, requests: requests,
      scheduler: scheduler)
  }

  static func forecast(
    prompt: Int, generate: Int, chunk: Int? = nil,
    devices: [(key: String, device: Device)]? = nil,
    mapping: Mapping = Mapping(prefill: "device", decode: "device"), links: [Link] = []
  ) throws -> Forecast {
    var options = WorkloadOptions(prompt: prompt)
    options.generate = generate
    options.chunk = chunk
    let gpu = try Device.resolve("h100-sxm", at: .none)
    return try ForecastPipeline(
      model: try ModelConfig.resolve(model), options: options,
      devices: devices ?? [("device", gpu)],
      mapping: mapping, links: links
    ).run().forecast
  }

  static func burst(_ count: Int, prompt: Int, output: Int, every gap: Double = 0)
    -> [ServeRequest]
  {
    (0..<count).map {
      ServeRequest(id: $0, arrival: Double($0) * gap, promptTokens: prompt, outputTokens: output)
    }
  }

  @Test func oneRequestAloneIsTheForecast() throws {
    let request = ServeRequest(id: 0, arrival: 0, promptTokens: 300, outputTokens: 9)
    let outcome = try Self.pipeline([request]).run()
    let forecast = try Self.forecast(prompt: 300, generate: 8)
    let record = try #require(outcome.records.first)
    #expect(record.ttftMs == forecast.ttftMs)
    let decode = outcome.passes.filter { $0.role == .decode }
    #expect(decode.count == 8)
    for (pass, step) in zip(decode, forecast.steps) {
      #expect(pass.timing.span.duration * 1000 == step.tpotMs, "step \(step.step)")
    }
    #expect(record.tpotSumMs == forecast.tpotSumMs)
    #expect(record.e2eMs == forecast.e2eMs)
    #expect(record.tpotMeanMs == forecast.tpotMeanMs)
    #expect(record.queueMs == 0)
  }

  @Test func oneChunkedRequestAloneIsTheChunkedForecast() throws {
    var options = WorkloadOptions(prompt: 0)
    options.chunk = 128
    let request = ServeRequest(id: 0, arrival: 0, promptTokens: 300, outputTokens: 4)
    let outcome = try Self.pipeline([request], options: options).run()
    let forecast = try Self.forecast(prompt: 300, generate: 3, chunk: 128)
    // 300 = 128 + 128 + 44: three prefill passes, then three decode steps.
    #expect(outcome.passes.filter { $0.role == .prefill }.map(\.prefillTokens) == [128, 128, 44])
    let record = try #require(outcome.records.first)
    #expect(record.ttftMs == forecast.ttftMs)
    #expect(record.tpotSumMs == forecast.tpotSumMs)
  }

  @Test func oneRequestOnAPrefillAndADecodeDeviceIsTheForecast() throws {
    let npu = try Device.resolve("ryzen-ai-max-395-npu", at: .none)
    var igpu = try Device.resolve("ryzen-ai-max-395-igpu", at: .none)
    igpu.sharedMemoryGroup = nil
    var separate = npu
    separate.sharedMemoryGroup = nil
    let devices = [("npu", separate), ("igpu", igpu)]
    let mapping = Mapping(prefill: "npu", decode: "igpu")
    let links = [Link(from: "npu", to: "igpu", bandwidthGBs: 16, latencyUs: 20)]
    let request = ServeRequest(id: 0, arrival: 0, promptTokens: 200, outputTokens: 5)
    let outcome = try Self.pipeline([request], devices: devices, mapping: mapping, links: links)
      .run()
    let forecast = try Self.forecast(
      prompt: 200, generate: 4, devices: devices, mapping: mapping, links: links)
    let record = try #require(outcome.records.first)
    #expect(outcome.lanes == ["prefill lane", "decode lane"])
    #expect(record.ttftMs == forecast.ttftMs)
    // The KV cache crosses the link before step 1: latency + (logits + KV)
    // bytes / 16 GB/s, as the forecast's step-1 hand-off.
    let handoff = try #require(outcome.transfers.first)
    #expect(handoff.event.isTransfer)
    #expect(abs(handoff.event.span.duration * 1000 - forecast.steps[0].tHandoffMs) < 1e-12)
    let decode = outcome.passes.filter { $0.role == .decode }
    for (pass, step) in zip(decode, forecast.steps).dropFirst() {
      #expect(pass.timing.span.duration * 1000 == step.tpotMs, "step \(step.step)")
    }
    #expect(abs(record.tpotSumMs - forecast.tpotSumMs) <= 1e-12 * forecast.tpotSumMs)
  }

  @Test func batchingRaisesThroughput() throws {
    let requests = Self.burst(32, prompt: 256, output: 64)
    var one = SchedulerConfig()
    one.maxBatch = 1
    var many = SchedulerConfig()
    many.maxBatch = 32
    let serial = try Self.pipeline(requests, scheduler: one).run()
    let batched = try Self.pipeline(requests, scheduler: many).run()
    let a = try #require(serial.throughputTokS)
    let b = try #require(batched.throughputTokS)
    #expect(b > 4 * a, "batch 32: \(b) tok/s, batch 1: \(a) tok/s")
    #expect(serial.completed.count == 32 && batched.completed.count == 32)
    // Serially, request i waits for the i before it.
    let queue = serial.records.compactMap(\.queueMs)
    #expect(queue == queue.sorted() && queue.last ?? 0 > 0)
  }

  /// Times that must hold for every completed request.
  static func checkConsistent(_ outcome: ServeOutcome) {
    for r in outcome.records where r.completed {
      let id = r.request.id
      guard let scheduled = r.firstScheduled, let first = r.firstToken, let finish = r.finish,
        let ttft = r.ttftMs, let e2e = r.e2eMs
      else {
        Issue.record("request \(id) is incomplete")
        continue
      }
      #expect(r.request.arrival <= scheduled && scheduled <= first && first <= finish, "\(id)")
      #expect(abs(ttft - (first - r.request.arrival) * 1000) <= 1e-6 * max(1, ttft), "\(id)")
      #expect(abs(e2e - (finish - r.request.arrival) * 1000) <= 1e-6 * max(1, e2e), "\(id)")
      if r.request.outputTokens == 1 { #expect(r.tpotMeanMs == nil && first == finish) }
    }
  }

  @Test func everyRequestCompletesOnceUnderKVPressure() throws {
    let requests = (0..<24).map {
      ServeRequest(
        id: $0, arrival: Double($0) * 0.002, promptTokens: 100 + 37 * $0, outputTokens: 20 + 9 * $0)
    }
    for preemption in Preemption.allCases {
      var scheduler = SchedulerConfig()
      scheduler.kvBlocks = 120
      scheduler.preemption = preemption
      let outcome = try Self.pipeline(requests, scheduler: scheduler).run()
      #expect(outcome.records.count == 24)
      #expect(outcome.completed.count == 24, "\(preemption)")
      #expect(Set(outcome.records.map(\.request.id)).count == 24)
      #expect(outcome.preemptions > 0, "the cache is small enough to preempt (\(preemption))")
      #expect(outcome.samples.allSatisfy { $0.kvBlocks <= 120 })
      #expect(outcome.samples.last?.kvBlocks == 0, "every block is freed")
      #expect(outcome.samples.last?.running == 0 && outcome.samples.last?.queued == 0)
      #expect(outcome.pools.first?.peakBlocks ?? 0 <= 120)
      Self.checkConsistent(outcome)
      // A swapped sequence keeps its cache, so it never decodes a token
      // twice: one decode pass per token after the first.
      var decodes = [Int: Int]()
      for pass in outcome.passes {
        for member in pass.members where member.group.phase == .decode {
          decodes[member.request, default: 0] += 1
        }
      }
      for r in outcome.records {
        let passes = decodes[r.request.id, default: 0]
        if preemption == .swap {
          #expect(passes == r.request.outputTokens - 1, "request \(r.request.id)")
        } else {
          // A recompute's prefill yields one token in place of a decode.
          #expect(passes <= r.request.outputTokens - 1, "request \(r.request.id)")
          #expect(passes >= r.request.outputTokens - 1 - r.preemptions, "request \(r.request.id)")
        }
      }
    }
  }

  @Test func aSmallCacheQueuesRequests() throws {
    var scheduler = SchedulerConfig()
    scheduler.kvBlocks = 64  // 1024 tokens at 16 per block
    let requests = Self.burst(8, prompt: 400, output: 50)  // 450 tokens = 29 blocks each
    let outcome = try Self.pipeline(requests, scheduler: scheduler).run()
    #expect(outcome.completed.count == 8)
    #expect(outcome.samples.map(\.running).max() ?? 0 <= 2, "at most two fit at once")
    #expect(outcome.records.compactMap(\.queueMs).max() ?? 0 > 0)
    Self.checkConsistent(outcome)
  }

  @Test func aRequestLargerThanTheCacheIsRejected() throws {
    var scheduler = SchedulerConfig()
    scheduler.kvBlocks = 10  // 160 tokens
    let requests = [
      ServeRequest(id: 0, arrival: 0, promptTokens: 100, outputTokens: 10),
      ServeRequest(id: 1, arrival: 0, promptTokens: 150, outputTokens: 20),
    ]
    let outcome = try Self.pipeline(requests, scheduler: scheduler).run()
    #expect(outcome.records.map(\.rejected) == [false, true])
    #expect(outcome.completed.count == 1)
    #expect(outcome.json["rejected"] == .int(1))
  }

  @Test func aTokenBudgetChunksPromptsBesideDecodes() throws {
    var scheduler = SchedulerConfig()
    scheduler.tokenBudget = 256
    let requests = [
      ServeRequest(id: 0, arrival: 0, promptTokens: 200, outputTokens: 40),
      ServeRequest(id: 1, arrival: 0.001, promptTokens: 1000, outputTokens: 5),
    ]
    let outcome = try Self.pipeline(requests, scheduler: scheduler).run()
    #expect(outcome.passes.allSatisfy { $0.prefillTokens + $0.decodeTokens <= 256 })
    // Request 1's prompt rides beside request 0's decode tokens: 255 + 1.
    let mixed = outcome.passes.filter { $0.role == .mixed }
    #expect(!mixed.isEmpty)
    #expect(mixed.contains { $0.prefillTokens == 255 && $0.decodeTokens == 1 })
    Self.checkConsistent(outcome)
  }

  @Test func sharedDRAMSlowsConcurrentPassesByDemandOverBandwidth() throws {
    // Hand-computed: demands 150 and 100 GB/s on a DRAM of 256 × 0.7 =
    // 179.2 GB/s: f = 250 / 179.2 = 1.395089...
    #expect(
      abs(
        SharedDRAM.memorySlowdown(demand: 150e9, other: 100e9, bandwidth: 179.2e9)
          - 250 / 179.2) < 1e-12)
    #expect(SharedDRAM.memorySlowdown(demand: 50e9, other: 100e9, bandwidth: 179.2e9) == 1)
    // NPU prefill beside iGPU decode on one SoC: decode passes that overlap
    // a prefill are slower than the same passes alone.
    let npu = try Device.resolve("ryzen-ai-max-395-npu", at: .none)
    let igpu = try Device.resolve("ryzen-ai-max-395-igpu", at: .none)
    #expect(npu.sharedMemoryGroup != nil && npu.sharedMemoryGroup == igpu.sharedMemoryGroup)
    var options = WorkloadOptions(prompt: 0)
    options.weights = .plain(.bf16)
    let requests = [
      ServeRequest(id: 0, arrival: 0, promptTokens: 64, outputTokens: 200),
      ServeRequest(id: 1, arrival: 0.3, promptTokens: 2048, outputTokens: 2),
    ]
    let outcome = try Self.pipeline(
      requests, devices: [("npu", npu), ("igpu", igpu)],
      mapping: Mapping(prefill: "npu", decode: "igpu"), options: options
    ).run()
    let slowed = outcome.passes.filter { $0.slowdown > 1 }
    #expect(!slowed.isEmpty, "decode overlaps request 1's prefill")
    let decode = outcome.passes.filter { $0.lane == 1 && $0.pass.kvLength > 100 }
    let alone = decode.filter { $0.slowdown == 1 }.map(\.timing.span.duration).max() ?? 0
    let shared = decode.filter { $0.slowdown > 1 }.map(\.timing.span.duration).min() ?? 0
    #expect(shared > alone, "a decode pass beside a prefill takes longer")
    Self.checkConsistent(outcome)
  }

  @Test func theKVCacheIsSizedFromMemoryAfterWeights() throws {
    let outcome = try Self.pipeline([
      ServeRequest(id: 0, arrival: 0, promptTokens: 64, outputTokens: 2)
    ]).run()
    let pool = try #require(outcome.pools.first)
    // Llama-3.2-1B in bf16: K and V × 16 layers × 8 KV heads × 64 × 2 bytes
    // = 32 768 bytes per token; 16 tokens per block = 524 288 bytes.
    #expect(pool.blockBytes == 524_288)
    // 80 GiB × 0.9 − weights − activations, in whole blocks.
    let budget = try #require(pool.budgetBytes)
    #expect(budget < 80 * 1_073_741_824 * 0.9 - outcome.workload.weightsBytes)
    #expect(budget > 80 * 1_073_741_824 * 0.9 - outcome.workload.weightsBytes - 1e9)
    #expect(pool.blocks == Int((budget / 524_288).rounded(.down)))
    #expect(pool.peakBlocks == 5, "⌈(64 + 1) / 16⌉ = 5 blocks at the decode step")
  }

  @Test func percentilesInterpolateBetweenRanks() {
    // n = 5 sorted [1, 2, 3, 4, 10]: p50 rank 2 → 3; p90 rank 3.6 →
    // 4 + 0.6 × 6 = 7.6; p99 rank 3.96 → 4 + 0.96 × 6 = 9.76.
    let values = [10.0, 1, 4, 2, 3]
    #expect(Percentile.of(values, 50) == 3)
    #expect(abs((Percentile.of(values, 90) ?? 0) - 7.6) < 1e-12)
    #expect(abs((Percentile.of(values, 99) ?? 0) - 9.76) < 1e-12)
    #expect(Percentile.of([], 50) == nil)
    #expect(Percentile.of([7], 99) == 7)
  }

  @Test func throughputAndGoodputFollowTheirDefinitions() throws {
    let requests = Self.burst(4, prompt: 128, output: 16, every: 0.01)
    var pipeline = try Self.pipeline(requests)
    pipeline.objectives = ServiceObjectives(ttftMs: 1e9, tpotMs: 1e9)
    let outcome = try pipeline.run()
    let last = try #require(outcome.records.compactMap(\.finish).max())
    // 4 × 16 output tokens over (last finish − 0).
    #expect(outcome.throughputTokS == 64 / last)
    #expect(outcome.goodputReqS == 4 / last)
    pipeline.objectives = ServiceObjectives(ttftMs: 1e-9)
    #expect(try pipeline.run().goodputReqS == 0)
    pipeline.objectives = ServiceObjectives()
    #expect(try pipeline.run().goodputReqS == nil)
  }
}
