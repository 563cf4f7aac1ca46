import Trace

/// The settings of a serving run: one catalogue for the `life serve` flags
/// and the scenario's `requests`, `scheduler` and `slo` sections, so both
/// accept the same values with the same errors (docs/serve.md).
package enum ServeOption: String, CaseIterable, Sendable {
  case requests, rate, count, arrival, burst, prompt, generate, seed
  case maxBatch = "max-batch", tokenBudget = "token-budget", blockSize = "block-size"
  case kvBlocks = "kv-blocks", memoryUtilization = "memory-utilization", preemption
  case swapBandwidth = "swap-gb-s"
  case sloTtftMs = "slo-ttft-ms", sloTpotMs = "slo-tpot-ms"

  /// The scenario section a setting lives in.
  package enum Section: String, Sendable, CaseIterable { case requests, scheduler, slo }

  /// The flag name (without dashes).
  package var name: String { rawValue }

  /// The run parameter errors name.
  package var parameter: RunParameter {
    switch self {
    case .requests: return .requests
    case .rate: return .rate
    case .count: return .count
    case .arrival: return .arrival
    case .burst: return .burst
    case .prompt: return .requestPrompt
    case .generate: return .requestGenerate
    case .seed: return .seed
    case .maxBatch: return .maxBatch
    case .tokenBudget: return .tokenBudget
    case .blockSize: return .blockSize
    case .kvBlocks: return .kvBlocks
    case .memoryUtilization: return .memoryUtilization
    case .preemption: return .preemption
    case .swapBandwidth: return .swapBandwidth
    case .sloTtftMs: return .sloTtftMs
    case .sloTpotMs: return .sloTpotMs
    }
  }

  /// Its scenario section.
  package var section: Section {
    switch self {
    case .requests, .rate, .count, .arrival, .burst, .prompt, .generate, .seed: return .requests
    case .maxBatch, .tokenBudget, .blockSize, .kvBlocks, .memoryUtilization, .preemption,
      .swapBandwidth:
      return .scheduler
    case .sloTtftMs, .sloTpotMs: return .slo
    }
  }

  /// Its key in the section.
  package var key: String {
    switch self {
    case .requests: return "file"
    case .swapBandwidth: return "swap_bandwidth_gb_s"
    case .sloTtftMs: return "ttft_ms"
    case .sloTpotMs: return "tpot_ms"
    default: return rawValue.replacingOccurrences(of: "-", with: "_")
    }
  }

  /// The keys of a section.
  package static func keys(of section: Section) -> [String] {
    allCases.filter { $0.section == section }.map(\.key)
  }

  /// The option of `key` in `section`.
  package static func named(_ key: String, in section: Section) -> ServeOption? {
    allCases.first { $0.section == section && $0.key == key }
  }

  /// The value's placeholder in help.
  package var valueName: String {
    switch self {
    case .requests: return "FILE.jsonl"
    case .rate: return "R"
    case .count, .burst, .maxBatch, .tokenBudget, .blockSize, .kvBlocks: return "N"
    case .arrival: return "PATTERN"
    case .prompt, .generate: return "LENGTHS"
    case .seed: return "S"
    case .memoryUtilization: return "X"
    case .preemption: return "MODE"
    case .swapBandwidth: return "GBS"
    case .sloTtftMs, .sloTpotMs: return "MS"
    }
  }

  /// What it sets, in lower case.
  package var summary: String {
    switch self {
    case .requests:
      return "requests from a JSON Lines file (arrival_s, prompt_tokens, output_tokens)"
    case .rate: return "generated requests: mean arrivals per second"
    case .count: return "generated requests: how many"
    case .arrival: return "generated requests: how arrivals are spaced"
    case .burst: return "generated requests: requests per burst (bursty arrivals)"
    case .prompt: return "generated requests: prompt tokens"
    case .generate: return "generated requests: decode steps after the first token"
    case .seed: return "generated requests: the seed of the repeatable generator"
    case .maxBatch: return "most sequences in one step"
    case .tokenBudget: return "most tokens in one step (decode tokens first, then prompt chunks)"
    case .blockSize: return "tokens per KV-cache block"
    case .kvBlocks: return "KV-cache blocks per memory (instead of sizing from device memory)"
    case .memoryUtilization: return "share of device memory for weights, activations and KV cache"
    case .preemption: return "what a sequence pushed out of a full KV cache does"
    case .swapBandwidth: return "host-copy bandwidth when preempted sequences swap, GB/s"
    case .sloTtftMs: return "goodput: most TTFT, ms"
    case .sloTpotMs: return "goodput: most mean TPOT, ms"
    }
  }

  /// What it accepts.
  package var accepted: String {
    switch self {
    case .requests: return "a path to a .jsonl file"
    case .rate, .swapBandwidth, .sloTtftMs, .sloTpotMs: return "a number > 0"
    case .count: return "an integer in [1, \(ServeRequest.maxCount)]"
    case .arrival: return ArrivalPattern.allCases.map(\.rawValue).joined(separator: ", ")
    case .burst: return "an integer ≥ 1"
    case .prompt, .generate: return LengthDistribution.expected
    case .seed: return "an integer ≥ 0"
    case .maxBatch: return "an integer in [1, 1048576]"
    case .tokenBudget: return "an integer ≥ 1"
    case .blockSize: return "an integer in [1, 65536]"
    case .kvBlocks: return "an integer ≥ 1"
    case .memoryUtilization: return "a number in (0, 1]"
    case .preemption: return Preemption.allCases.map(\.rawValue).joined(separator: ", ")
    }
  }

  /// The default, as help says it.
  package var defaultDescription: String? {
    switch self {
    case .requests: return "generated (rate, count, prompt)"
    case .rate, .count: return "required without a requests file"
    case .prompt: return "required without a requests file"
    case .arrival: return "poisson"
    case .burst: return "4"
    case .generate: return "0"
    case .seed: return "0"
    case .maxBatch: return "256 (vLLM's max_num_seqs)"
    case .tokenBudget: return "none: a prompt is prefilled in one pass"
    case .blockSize: return "16 (vLLM's)"
    case .kvBlocks: return "from each memory after weights and activations"
    case .memoryUtilization: return "0.9 (vLLM's gpu_memory_utilization)"
    case .preemption: return "recompute (vLLM V1's)"
    case .swapBandwidth: return "31.5 (PCIe 4.0 x16)"
    case .sloTtftMs, .sloTpotMs: return "none"
    }
  }
}

/// The serving settings a command line or scenario gives, as typed values.
package struct ServeSettings: Sendable, Equatable {
  /// A requests file, resolved.
  package var requestsFile: String?
  /// Generated requests' parameters.
  package var rate: Double?
  package var count: Int?
  package var arrival: ArrivalPattern = .poisson
  package var burst = 4
  package var prompt: LengthDistribution?
  package var generate: LengthDistribution = .fixed(0)
  package var seed: UInt64 = 0
  /// The scheduler.
  package var scheduler = SchedulerConfig()
  /// Goodput objectives.
  package var objectives = ServiceObjectives()
  /// The options set, in order, with where each was set.
  package var given: [(option: ServeOption, at: ErrorLocation)] = []

  /// No settings.
  package init() {}

  package static func == (a: ServeSettings, b: ServeSettings) -> Bool {
    a.requestsFile == b.requestsFile && a.rate == b.rate && a.count == b.count
      && a.arrival == b.arrival && a.burst == b.burst && a.prompt == b.prompt
      && a.generate == b.generate && a.seed == b.seed && a.scheduler == b.scheduler
      && a.objectives == b.objectives && a.given.map(\.option) == b.given.map(\.option)
  }

  /// Sets `option` from its text. A bad value is an error at `location`: a
  /// usage error when it has no file (a flag), else a failure.
  package mutating func set(
    _ option: ServeOption, text: String, at location: ErrorLocation, relativeTo file: String? = nil
  ) throws(LifeError) {
    let kind: LifeError.Kind = location.file == nil ? .usage : .failure
    func fail(_ message: String) throws(LifeError) -> Never {
      throw LifeError(kind, at: location, message, got: "'\(text)'", expected: option.accepted)
    }
    func integer(_ min: Int, _ max: Int) throws(LifeError) -> Int {
      switch NumberText.integer(text) {
      case .failure(let failure): try fail(failure.message)
      case .success(let value):
        guard value >= min, value <= max else { try fail("out of range") }
        return value
      }
    }
    func number(min: Double, max: Double = 1e12, inclusive: Bool = false) throws(LifeError)
      -> Double
    {
      switch NumberText.number(text) {
      case .failure(let failure): try fail(failure.message)
      case .success(let value):
        guard inclusive ? value >= min : value > min, value <= max else { try fail("out of range") }
        return value
      }
    }
    func choice<C: RawRepresentable & CaseIterable>(_ type: C.Type) throws(LifeError) -> C
    where C.RawValue == String {
      if let value = C(rawValue: text.lowercased()) { return value }
      let names = C.allCases.map(\.rawValue)
      throw LifeError(
        kind, at: location, "invalid value", got: "'\(text)'",
        expected: "one of " + names.joined(separator: ", "),
        suggestion: DidYouMean.suggest(text, among: names))
    }
    switch option {
    case .requests:
      guard !text.isEmpty else { try fail("empty value") }
      requestsFile = FileInput.resolve(text, relativeTo: file)
    case .rate: rate = try number(min: 0, max: 1e9)
    case .count: count = try integer(1, ServeRequest.maxCount)
    case .arrival: arrival = try choice(ArrivalPattern.self)
    case .burst: burst = try integer(1, ServeRequest.maxCount)
    case .prompt, .generate:
      let lengths = try LengthDistribution.parse(text, fail: fail)
      if option == .prompt {
        if case .fixed(0) = lengths { try fail("a prompt of 0 tokens") }
        prompt = lengths
      } else {
        generate = lengths
      }
    case .seed: seed = UInt64(try integer(0, Int.max))
    case .maxBatch: scheduler.maxBatch = try integer(1, 1 << 20)
    case .tokenBudget: scheduler.tokenBudget = try integer(1, 1 << 30)
    case .blockSize: scheduler.blockSize = try integer(1, 1 << 16)
    case .kvBlocks: scheduler.kvBlocks = try integer(1, 1 << 40)
    case .memoryUtilization: scheduler.memoryUtilization = try number(min: 0, max: 1)
    case .preemption: scheduler.preemption = try choice(Preemption.self)
    case .swapBandwidth: scheduler.swapBandwidthGBs = try number(min: 0, max: 1e9)
    case .sloTtftMs: objectives.ttftMs = try number(min: 0, max: 1e12)
    case .sloTpotMs: objectives.tpotMs = try number(min: 0, max: 1e12)
    }
    given.removeAll { $0.option == option }
    given.append((option, location))
  }

  /// Sets `option` from a scenario value: a string as typed, or a JSON
  /// number (written back as text, then parsed the same way).
  package mutating func set(_ option: ServeOption, node: JSONNode) throws(LifeError) {
    let location = ErrorLocation(file: node.file, path: node.path)
    switch node.value {
    case .string(let text): try set(option, text: text, at: location, relativeTo: node.file)
    case .number(let n) where option != .requests: try set(option, text: n.text, at: location)
    default:
      throw node.error(
        "wrong type", expected: option == .requests ? "a string" : "a number or a string")
    }
  }

  /// Reads a scenario's `requests`, `scheduler` and `slo` sections.
  package mutating func read(section: ServeOption.Section, node: JSONNode) throws(LifeError) {
    for (key, value) in try node.members(allowed: ServeOption.keys(of: section)) {
      guard let option = ServeOption.named(key, in: section) else { continue }
      try set(option, node: value)
    }
  }

  /// Where the requests come from. A file excludes the generator's
  /// settings; without one, `rate`, `count` and `prompt` are required (a
  /// missing one is named in `scenario`'s `requests` section when the run
  /// has a scenario file, else as its flag).
  package func source(scenario: String? = nil) throws(LifeError) -> RequestSource {
    let generatorOptions: [ServeOption] = [
      .rate, .count, .arrival, .burst, .prompt, .generate, .seed,
    ]
    if let requestsFile {
      if let clash = given.first(where: { generatorOptions.contains($0.option) }) {
        throw LifeError(
          clash.at.file == nil ? .usage : .failure, at: clash.at,
          "generated-request settings cannot be used with a requests file",
          expected: "either a requests file or generated requests (rate, count and prompt)")
      }
      return .file(requestsFile)
    }
    func missing(_ option: ServeOption) -> LifeError {
      if let scenario {
        return LifeError.file(
          scenario, path: "requests.\(option.key)", "missing required field",
          expected: option.accepted + " (or requests.file)")
      }
      return LifeError(
        .usage, at: .parameter(option.parameter), "missing required flag",
        expected: option.accepted + " (or a requests file)")
    }
    guard let rate else { throw missing(.rate) }
    guard let count else { throw missing(.count) }
    guard let prompt else { throw missing(.prompt) }
    return .generated(
      RequestGenerator(
        count: count, rate: rate, arrival: arrival, burst: burst, prompt: prompt,
        generate: generate, seed: seed))
  }
}
