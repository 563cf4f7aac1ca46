import Foundation
import Trace

/// One row of a measurements file: a metric measured under one workload.
public struct Measurement: Sendable, Equatable {
  /// What was measured.
  public var metric: MeasurementMetric
  /// The measured value, in the metric's unit (ms or tokens/s); positive.
  public var value: Double
  /// Prompt tokens per sequence.
  public var prompt: Int
  /// Decode steps (G).
  public var generate: Int
  /// Sequences in the batch.
  public var batch: Int
  /// The row's model, or nil for the command line's `--model`.
  public var model: String?
  /// Workload options the row sets (`weights`, `kv`, `activations`), in
  /// column order, as written.
  public var overrides: [Override]
  /// The 1-based line of the row in its file (0 when built in code).
  public var line: Int

  /// A workload option the row sets.
  public struct Override: Sendable, Equatable {
    /// The option name, as the flag spells it (`weights`, `kv`, `activations`).
    public var name: String
    /// The value, as written.
    public var value: String

    /// Creates an override.
    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// Creates a measurement.
  public init(
    metric: MeasurementMetric, value: Double, prompt: Int, generate: Int, batch: Int = 1,
    model: String? = nil, overrides: [Override] = [], line: Int = 0
  ) {
    self.metric = metric
    self.value = value
    self.prompt = prompt
    self.generate = generate
    self.batch = batch
    self.model = model
    self.overrides = overrides
    self.line = line
  }

  /// `base` with this row's prompt, generate, batch and overrides applied:
  /// the workload the row was measured under.
  public func workloadOptions(base: WorkloadOptions, file: String? = nil) throws(LifeError)
    -> WorkloadOptions
  {
    var options = base
    options.prompt = prompt
    options.generate = generate
    options.batch = batch
    for o in overrides {
      try options.set(
        o.name, to: o.value,
        at: ErrorLocation(file: file, path: "line \(line), column \(o.name)"))
    }
    return options
  }

  /// This row's metric computed from a forecast's TTFT and mean TPOT (ms).
  public func forecastValue(ttftMs: Double, tpotMsMean: Double) -> Double {
    metric.value(ttftMs: ttftMs, tpotMsMean: tpotMsMean, prompt: prompt)
  }

  /// Tokens processed in the row's prefill pass: prompt × batch (the
  /// quantity a compute curve is a function of).
  public var prefillTokens: Int { prompt * batch }

  /// A short description for reports: `ttft_ms prompt=512 G=0 batch=1`.
  public var label: String {
    var text = "\(metric.rawValue) prompt=\(prompt) G=\(generate) batch=\(batch)"
    if let model { text += " model=\(model)" }
    for o in overrides { text += " \(o.name)=\(o.value)" }
    return text
  }
}
