import Trace

extension ServeOutcome {
  /// The `summary.json` object of `life serve` (docs/outputs.md), before
  /// `scenario` and `tool_version`.
  package var json: JSONValue {
    let done = completed
    let ttft = done.compactMap(\.ttftMs)
    let tpot = done.compactMap(\.tpotMeanMs)
    let e2e = done.compactMap(\.e2eMs)
    let queue = records.compactMap(\.queueMs)
    var members: [(key: String, value: JSONValue)] = [
      ("schema_version", .int(1)),
      ("name", .string(name)),
      ("model", WorkloadReport.modelJSON(workload.model)),
      ("options", Self.optionsJSON(workload)),
      ("devices", .object(info.devices.map { ($0.key, $0.device.jsonValue) })),
      (
        "mapping",
        ForecastReport(run: info, forecast: Self.emptyForecast).mappingJSON
      ),
      ("overlap", .string(info.overlap.rawValue)),
      ("requests", .int(records.count)),
      ("completed", .int(done.count)),
      ("rejected", .int(records.filter(\.rejected).count)),
    ]
    for (name, values) in [
      ("ttft_ms", ttft), ("tpot_ms", tpot), ("e2e_ms", e2e), ("queue_ms", queue),
    ] {
      for p in [50.0, 90.0, 99.0] {
        members.append(("\(name)_p\(Int(p))", .num(Percentile.of(values, p))))
      }
      members.append(
        ("\(name)_mean", .num(values.isEmpty ? nil : values.reduce(0, +) / Double(values.count))))
    }
    let w = window
    members += [
      ("throughput_tok_s", .num(throughputTokS)),
      ("goodput_req_s", .num(goodputReqS)),
      (
        "slo",
        .object([("ttft_ms", .num(objectives.ttftMs)), ("tpot_ms", .num(objectives.tpotMs))])
      ),
      ("first_arrival_s", .num(w?.start)),
      ("last_finish_s", .num(w?.end)),
      ("duration_s", .num(w.map { $0.end - $0.start })),
      ("output_tokens", .num(done.reduce(0.0) { $0 + Double($1.request.outputTokens) })),
      ("passes", .int(passes.count)),
      ("energy", energyJSON),
      ("preemptions", .int(preemptions)),
      ("scheduler", schedulerJSON),
      ("kv_cache", .array(pools.map(Self.poolJSON))),
      ("shared_memory", sharedMemoryJSON),
      (
        "speculative",
        speculation.map { Self.speculativeJSON($0, targetPasses: targetPasses) } ?? .null
      ),
      ("warnings", .array((workload.warnings + warnings).map { .string($0) })),
    ]
    return .object(members)
  }

  /// Verify (or plain decode) passes of the target.
  var targetPasses: Int { passes.filter { !$0.isDraft && $0.decodeTokens > 0 }.count }

  static var emptyForecast: Forecast {
    Forecast(prefill: PrefillTiming(), steps: [], generate: 0, batch: 1, tpotSumMs: 0)
  }

  /// The workload options without the operating point (the requests give
  /// prompt, generate and batch).
  static func optionsJSON(_ workload: Workload) -> JSONValue {
    guard case .object(let members) = WorkloadReport.optionsJSON(workload) else { return .null }
    return .object(members.filter { !["prompt", "generate", "batch"].contains($0.key) })
  }

  var schedulerJSON: JSONValue {
    .object([
      ("lanes", .array(lanes.map { .string($0) })),
      ("max_batch", .int(scheduler.maxBatch)),
      ("token_budget", scheduler.tokenBudget.map { .int($0) } ?? .null),
      ("chunk", workload.options.chunk.map { .int($0) } ?? .null),
      ("block_size", .int(scheduler.blockSize)),
      ("kv_blocks", scheduler.kvBlocks.map { .int($0) } ?? .null),
      ("memory_utilization", .num(scheduler.memoryUtilization)),
      ("preemption", .string(scheduler.preemption.rawValue)),
      ("swap_bandwidth_gb_s", .num(scheduler.swapBandwidthGBs)),
    ])
  }

  static func poolJSON(_ pool: KVPoolInfo) -> JSONValue {
    .object([
      ("memory", .string(pool.memory)),
      ("blocks", pool.blocks.map { .int($0) } ?? .null),
      ("block_bytes", .num(pool.blockBytes)),
      ("budget_bytes", .num(pool.budgetBytes)),
      ("peak_blocks", .int(pool.peakBlocks)),
    ])
  }

  var sharedMemoryJSON: JSONValue {
    let slowed = passes.filter { $0.slowdown > 1 }
    return .object([
      ("contended_passes", .int(slowed.count)),
      ("max_slowdown", .num(slowed.map(\.slowdown).max() ?? 1)),
      (
        "mean_slowdown",
        .num(slowed.isEmpty ? 1 : slowed.reduce(0) { $0 + $1.slowdown } / Double(slowed.count))
      ),
    ])
  }

  /// `speculative`: the draft, K, the acceptance rates, the expected tokens
  /// per verify pass, and how many target passes decoding took.
  package static func speculativeJSON(_ s: Speculation, targetPasses: Int?) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("draft_model", .string(s.draft.model.name)),
      ("draft_device", .string(s.draftDevice)),
      ("draft_tokens", .int(s.tokens)),
      ("acceptance", .array(s.acceptance.map { .num($0) })),
      ("expected_tokens_per_pass", .num(s.expectedTokens)),
    ]
    if let targetPasses { members.append(("target_passes", .int(targetPasses))) }
    return .object(members)
  }
}
