import Foundation
import Trace

/// One row of a measurements file: a metric measured under one workload.
package struct Measurement: Sendable, Equatable {
  /// What was measured.
  package var metric: MeasurementMetric
  /// The measured value, in the metric's unit (ms or tokens/s); positive.
  package var value: Double
  /// Prompt tokens per sequence.
  package var prompt: Int
  /// Decode steps (G).
  package var generate: Int
  /// Sequences in the batch.
  package var batch: Int
  /// The row's model, or nil for the command line's `--model`.
  package var model: String?
  /// Workload options the row sets, in the order they apply: `weights`,
  /// `kv` and `activations` columns; from llama-bench output the weights,
  /// the KV type and the micro-batch (`.chunk`, llama.cpp's `n_ubatch`).
  package var overrides: [WorkloadSetting]
  /// The software that ran it (`llama.cpp-cuda`), or nil when not known. A
  /// name only: runtimes do not change the forecast yet.
  package var runtime: String?
  /// Whether attention ran fused (flash attention); nil when not known (not
  /// given, or llama-bench's `auto`).
  package var flashAttention: Bool?
  /// Tokens already in the KV cache before the measured prompt or
  /// generation (llama-bench's `n_depth`). Kept with the row; the fit does
  /// not model it yet.
  package var depth: Int
  /// CPU threads the run used, when known.
  package var threads: Int?
  /// The 1-based line of the row in its file (0 when built in code): for
  /// JSON, the line its object starts on.
  package var line: Int

  /// Creates a measurement.
  package init(
    metric: MeasurementMetric, value: Double, prompt: Int, generate: Int, batch: Int = 1,
    model: String? = nil, overrides: [WorkloadSetting] = [], runtime: String? = nil,
    flashAttention: Bool? = nil, depth: Int = 0, threads: Int? = nil, line: Int = 0
  ) {
    self.metric = metric
    self.value = value
    self.prompt = prompt
    self.generate = generate
    self.batch = batch
    self.model = model
    self.overrides = overrides
    self.runtime = runtime
    self.flashAttention = flashAttention
    self.depth = depth
    self.threads = threads
    self.line = line
  }

  /// `base` with this row's prompt, generate, batch and overrides applied:
  /// the workload the row was measured under (its depth is not part of it).
  package func workloadOptions(base: WorkloadOptions) -> WorkloadOptions {
    var options = base
    options.prompt = prompt
    options.generate = generate
    options.batch = batch
    options.apply(overrides)
    return options
  }

  /// This row's metric computed from a forecast's TTFT and mean TPOT (ms).
  package func forecastValue(ttftMs: Double, tpotMsMean: Double) -> Double {
    metric.value(ttftMs: ttftMs, tpotMsMean: tpotMsMean, prompt: prompt, generate: generate)
  }

  /// Tokens processed in the row's prefill pass: prompt × batch (the
  /// quantity a compute curve is a function of).
  package var prefillTokens: Int { prompt * batch }

  /// The row with its value and line cleared: everything a forecast of it
  /// depends on, so rows with equal conditions have equal forecasts.
  var condition: Measurement {
    var c = self
    c.value = 0
    c.line = 0
    return c
  }

  /// A short description for reports: `ttft_ms prompt=512 G=0 batch=1`,
  /// then what else the row sets (model, overrides, depth, runtime, flash
  /// attention, threads).
  package var label: String {
    var text = "\(metric.rawValue) prompt=\(prompt) G=\(generate) batch=\(batch)"
    if let model { text += " model=\(model)" }
    for o in overrides { text += " \(o.option.name)=\(o.text)" }
    if depth > 0 { text += " depth=\(depth)" }
    if let runtime { text += " runtime=\(runtime)" }
    if let flashAttention { text += " flash_attn=\(flashAttention ? "on" : "off")" }
    if let threads { text += " threads=\(threads)" }
    return text
  }
}
