/// Turning text (a flag value, a scenario string, a sweep value, a CSV
/// cell) into a typed setting: the one parser of workload option values.
extension WorkloadOption {
  /// The setting `text` gives this option. A bad value is a usage error at
  /// the option (``InputOrigin/option(_:)``) saying what was typed and what
  /// is accepted; a caller that read the text from a file places it there
  /// (``JSONNode/setting(_:)``).
  public func parse(_ text: String) throws(LifeError) -> WorkloadSetting {
    func bad(_ names: [String]) -> LifeError {
      error("invalid value", got: text, suggestion: DidYouMean.suggest(text, among: names))
    }
    func choice<E: RawRepresentable & CaseIterable>(_ type: E.Type) throws(LifeError) -> E
    where E.RawValue == String {
      if let value = E(rawValue: text.lowercased()) { return value }
      throw bad(E.allCases.map(\.rawValue))
    }
    func dtype() throws(LifeError) -> DType {
      if let d = DType(name: text), DType.activationChoices.contains(d) || d == .fp8e5m2 {
        return d
      }
      throw bad(DType.activationChoices.map(\.rawValue))
    }
    switch self {
    case .prompt, .generate, .batch, .loraRank, .chunk, .tile, .depth:
      return try setting(integerText: text)
    case .flashAttn:
      switch text.lowercased() {
      case "on", "1", "true": return .flashAttn(true)
      case "off", "0", "false": return .flashAttn(false)
      default: throw bad(["on", "off"])
      }
    case .weights:
      guard let choice = WorkloadOptions.WeightChoice.parse(text) else {
        throw bad(WorkloadOptions.WeightChoice.knownNames)
      }
      return .weights(choice)
    case .activations: return .activations(try dtype())
    case .kv: return .kv(try dtype())
    case .fusion: return .fusion(try choice(WorkloadOptions.Fusion.self))
    case .kvUpdate: return .kvUpdate(try choice(WorkloadOptions.KVUpdate.self))
    case .logits: return .logits(try choice(WorkloadOptions.Logits.self))
    case .scores: return .scores(try choice(WorkloadOptions.Scores.self))
    case .embedding: return .embedding(try choice(WorkloadOptions.EmbeddingRead.self))
    case .attention:
      guard let value = WorkloadOptions.AttentionChoice.parse(text) else {
        throw bad(["auto", "mha", "gqa:8", "mqa", "mla"])
      }
      return .attention(value)
    case .nonlinear: return .nonlinear(try choice(WorkloadOptions.Nonlinear.self))
    case .loraMerge: return .loraMerge(try choice(WorkloadOptions.LoRAMerge.self))
    case .mlaForm: return .mlaForm(try choice(WorkloadOptions.MLAForm.self))
    case .rotation: return .rotation(try choice(WorkloadOptions.Rotation.self))
    }
  }

  /// The setting `text` gives this option, read from a file at `location`
  /// (a JSON path, a CSV cell): a bad value is a failure there.
  public func parse(_ text: String, at location: ErrorLocation) throws(LifeError)
    -> WorkloadSetting
  {
    do {
      return try parse(text)
    } catch {
      throw error.placed(at: location, got: "'\(text)'")
    }
  }

  /// The setting of an integer option from a number (a JSON number): no
  /// text in between.
  public func setting(integer value: Int) throws(LifeError) -> WorkloadSetting {
    guard let minimum else {
      throw error("wrong type", got: String(value), expected: "a string: " + accepted)
    }
    guard value >= minimum else { throw error("out of range", got: String(value)) }
    if let maximum, value > maximum.value {
      throw error("too large", got: String(value), expected: "at most " + maximum.text)
    }
    switch self {
    case .prompt: return .prompt(value)
    case .generate: return .generate(value)
    case .batch: return .batch(value)
    case .loraRank: return .loraRank(value)
    case .chunk: return .chunk(value)
    case .depth: return .depth(value)
    default: return .tile(value)
    }
  }

  private func setting(integerText text: String) throws(LifeError) -> WorkloadSetting {
    switch NumberText.integer(text) {
    case .success(let value): return try setting(integer: value)
    case .failure(let failure): throw error(failure.message, got: text)
    }
  }

  /// A usage error at this option: `got` quoted, `expected` the accepted
  /// values unless given.
  func error(
    _ message: String, got: String, expected: String? = nil, suggestion: String? = nil
  ) -> LifeError {
    LifeError(
      .usage, at: .option(self), message, got: "'\(got)'", expected: expected ?? accepted,
      suggestion: suggestion)
  }
}

extension LifeError {
  /// This error about a value read from a file, at `location` there: a
  /// failure (exit 1), not a usage error.
  func placed(at location: ErrorLocation, got: String?) -> LifeError {
    LifeError(
      .failure, at: location, message, got: got, expected: expected, suggestion: suggestion)
  }
}
