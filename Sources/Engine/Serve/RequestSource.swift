import Trace

/// Where a serving run's requests come from: a requests file, or generated
/// from a seed.
package enum RequestSource: Sendable, Equatable {
  /// A JSON Lines file (``RequestFile``), as the user named it.
  case file(String)
  /// Generated requests.
  case generated(RequestGenerator)

  /// The requests, sorted by arrival (ties in id order).
  package func requests() throws(LifeError) -> [ServeRequest] {
    let list: [ServeRequest]
    switch self {
    case .file(let path): list = try RequestFile.load(path: path)
    case .generated(let generator): list = generator.requests()
    }
    return list.sorted { ($0.arrival, $0.id) < ($1.arrival, $1.id) }
  }
}

/// Generated requests: `count` of them at a mean rate, with prompt and
/// output lengths from distributions, all from one seed. For each request
/// in turn: its arrival gap, then its prompt length, then its decode
/// steps are drawn from one ``SeededGenerator``.
package struct RequestGenerator: Sendable, Equatable {
  /// Requests (1 ≤ count ≤ 10^6).
  package var count: Int
  /// Mean arrivals per second (> 0).
  package var rate: Double
  /// How arrivals are spaced.
  package var arrival: ArrivalPattern
  /// Requests per burst (``ArrivalPattern/bursty``).
  package var burst: Int
  /// Prompt tokens (each at least 1).
  package var prompt: LengthDistribution
  /// Decode steps after the first token (each at least 0).
  package var generate: LengthDistribution
  /// The seed.
  package var seed: UInt64

  /// A generator.
  package init(
    count: Int, rate: Double, arrival: ArrivalPattern = .poisson, burst: Int = 4,
    prompt: LengthDistribution, generate: LengthDistribution = .fixed(0), seed: UInt64 = 0
  ) {
    self.count = count
    self.rate = rate
    self.arrival = arrival
    self.burst = burst
    self.prompt = prompt
    self.generate = generate
    self.seed = seed
  }

  /// The requests in id order (arrivals non-decreasing, the first at 0).
  package func requests() -> [ServeRequest] {
    var random = SeededGenerator(seed: seed)
    var out: [ServeRequest] = []
    out.reserveCapacity(min(count, ServeRequest.maxCount))
    var time = 0.0
    for i in 0..<min(count, ServeRequest.maxCount) {
      switch arrival {
      case .constant: time = Double(i) / rate
      case .poisson: if i > 0 { time += random.exponential(rate: rate) }
      case .bursty:
        if i > 0 && i % max(1, burst) == 0 {
          time += random.exponential(rate: rate / Double(max(1, burst)))
        }
      }
      let prompt = self.prompt.sample(&random, minimum: 1)
      let steps = generate.sample(&random, minimum: 0)
      out.append(
        ServeRequest(id: i, arrival: time, promptTokens: prompt, outputTokens: steps + 1))
    }
    return out
  }
}
