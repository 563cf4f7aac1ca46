/// The sizes a workload may have: beyond them counts would overflow 64-bit
/// shapes or the op trace would not finish.
extension Workload {
  /// The most passes (prefill chunks + decode steps) one run emits.
  package static let maxPasses = 10_000_000
  /// The largest batch × tokens × heads product a shape may hold: 2^62.
  static let maxRowsTimesHeads = 4.611_686_018_427_387_904e18

  /// Throws a usage error naming the limit a workload goes past.
  static func checkLimits(model: ModelConfig, options: WorkloadOptions) throws(LifeError) {
    func tooLarge(
      _ option: WorkloadOption, _ got: String, _ expected: String, message: String = "too large"
    ) -> LifeError {
      LifeError(.usage, at: .option(option), message, got: got, expected: expected)
    }
    guard options.prompt >= 0, options.generate >= 0, options.batch >= 1, options.depth >= 0
    else {
      throw LifeError(
        .usage, at: .option(.prompt), "negative size",
        got: "prompt \(options.prompt), generate \(options.generate), batch \(options.batch)",
        expected: "prompt ≥ 0, generate ≥ 0, batch ≥ 1")
    }
    let tokens = Double(options.depth) + Double(options.prompt) + Double(options.generate)
    if tokens > Double(maxTokens) {
      throw tooLarge(
        options.depth > max(options.prompt, options.generate)
          ? .depth : options.prompt > options.generate ? .prompt : .generate,
        options.depth > 0
          ? "depth + prompt + generate = \(options.depth) + \(options.prompt) + \(options.generate)"
          : "prompt + generate = \(options.prompt) + \(options.generate)",
        "at most 2^40 = \(maxTokens) tokens per sequence")
    }
    let chunk = options.chunk ?? max(options.prompt, 1)
    let chunks = options.prompt == 0 ? 0 : (options.prompt - 1) / max(chunk, 1) + 1
    if Double(chunks) + Double(options.generate) > Double(maxPasses) {
      throw tooLarge(
        options.generate >= chunks ? .generate : .chunk,
        "\(chunks) prefill chunks + \(options.generate) decode steps",
        "at most \(maxPasses) passes in one run", message: "too many passes")
    }
    let widest = Double(max(model.heads, model.kvHeads, model.moe?.topK ?? 1))
    if Double(options.batch) * tokens * widest > maxRowsTimesHeads {
      throw tooLarge(
        .batch, "batch \(options.batch) × \(Int(tokens)) tokens × \(Int(widest)) heads",
        "batch × (prompt + generate) × heads ≤ 2^62")
    }
  }
}
