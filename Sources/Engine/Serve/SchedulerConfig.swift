/// The continuous-batching scheduler's knobs (docs/serve.md). Defaults are
/// vLLM's engine arguments (https://docs.vllm.ai/en/v0.8.5/serving/engine_args.html:
/// `--block-size` 16, `--gpu-memory-utilization` 0.9, `--max-num-seqs` 256)
/// and preemption by recomputation, vLLM V1's default
/// (https://docs.vllm.ai/en/stable/configuration/optimization.html,
/// "Preemption").
package struct SchedulerConfig: Sendable, Equatable {
  /// Most sequences in one step (per lane).
  package var maxBatch = 256
  /// Most tokens in one step (decode tokens first, then prompt chunks);
  /// nil for no limit, so a prompt is prefilled in one pass.
  package var tokenBudget: Int?
  /// Tokens per KV-cache block.
  package var blockSize = 16
  /// KV-cache blocks per memory; nil to size the cache from the device's
  /// memory after the weights.
  package var kvBlocks: Int?
  /// Share of a device's memory the engine may use (weights, activations
  /// and KV cache), in (0, 1].
  package var memoryUtilization = 0.9
  /// What happens to a sequence pushed out when the cache is full.
  package var preemption: Preemption = .recompute
  /// Host-copy bandwidth for swapping, GB/s: PCIe 4.0 ×16, 16 GT/s × 16
  /// lanes × 128/130 = 31.5 GB/s per direction (PCI-SIG, PCI Express Base
  /// Specification 4.0).
  package var swapBandwidthGBs = 31.5

  /// Default knobs.
  package init() {}
}

/// What happens to a sequence preempted because the KV cache is full.
package enum Preemption: String, Sendable, CaseIterable {
  /// Its cache is dropped; it is prefilled again (prompt and the tokens it
  /// generated so far) when it is readmitted.
  case recompute
  /// Its cache is copied to host memory and back when it resumes, at
  /// ``SchedulerConfig/swapBandwidthGBs`` each way.
  case swap
}

/// Service-level objectives for goodput: a request counts when its TTFT and
/// its mean TPOT are within them (an unset objective always holds).
package struct ServiceObjectives: Sendable, Equatable {
  /// Most TTFT, ms.
  package var ttftMs: Double?
  /// Most mean TPOT, ms.
  package var tpotMs: Double?

  /// Objectives.
  package init(ttftMs: Double? = nil, tpotMs: Double? = nil) {
    self.ttftMs = ttftMs
    self.tpotMs = tpotMs
  }

  /// Whether any objective is set.
  package var isSet: Bool { ttftMs != nil || tpotMs != nil }
}
