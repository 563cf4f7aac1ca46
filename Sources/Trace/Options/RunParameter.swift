/// A named input of a run that is not a workload option: the identity an
/// error carries when a value came from one, so each front end can say
/// where it came from in its own terms (the command line as a flag, a
/// scenario file as its key). The raw value is the parameter's name.
public enum RunParameter: String, Sendable, CaseIterable {
  /// The model: a preset, a config.json, a model folder.
  case model
  /// The family a config.json whose `model_type` LIFE does not know is read as.
  case family
  /// The device that runs all work.
  case device
  /// The device that runs prefill.
  case prefillDevice = "prefill-device"
  /// The device that runs decode.
  case decodeDevice = "decode-device"
  /// The overlap model.
  case overlap
  /// An override of every device's compute efficiency.
  case computeEfficiency = "compute-efficiency"
  /// An override of every device's memory efficiency.
  case memoryEfficiency = "memory-efficiency"
  /// An override of every device's dispatch latency.
  case dispatchUs = "dispatch-us"
  /// The axes of a sweep as a whole.
  case vary
  /// The two axes a heat map is drawn over.
  case heatmap
  /// The part of a sweep grid to run.
  case shard
  /// The shard outputs to join.
  case merge
  /// The calibration parameters to fit.
  case fit
  /// The decode steps a timeline draws in detail.
  case traceSteps = "trace-steps"
  /// How fine a timeline is.
  case traceDetail = "trace-detail"
  /// The software that runs the model.
  case runtime
  /// A cap on each pass's average power per device.
  case powerCap = "power-cap-w"
  /// A serving run's requests file.
  case requests
  /// Generated requests: mean arrivals per second.
  case rate
  /// Generated requests: how many.
  case count
  /// Generated requests: how arrivals are spaced.
  case arrival
  /// Generated requests: requests per burst.
  case burst
  /// Generated requests: prompt lengths.
  case requestPrompt = "prompt"
  /// Generated requests: decode steps per request.
  case requestGenerate = "generate"
  /// Generated requests: the seed.
  case seed
  /// The scheduler's batch limit.
  case maxBatch = "max-batch"
  /// The scheduler's tokens per step.
  case tokenBudget = "token-budget"
  /// Tokens per KV-cache block.
  case blockSize = "block-size"
  /// KV-cache blocks per memory.
  case kvBlocks = "kv-blocks"
  /// Share of device memory the serving engine uses.
  case memoryUtilization = "memory-utilization"
  /// Preemption when the KV cache is full.
  case preemption
  /// Host-copy bandwidth for swapping.
  case swapBandwidth = "swap-gb-s"
  /// Goodput: the TTFT objective.
  case sloTtftMs = "slo-ttft-ms"
  /// Goodput: the mean-TPOT objective.
  case sloTpotMs = "slo-tpot-ms"
  /// Speculative decoding: the draft model.
  case draftModel = "draft-model"
  /// Speculative decoding: the draft's device.
  case draftDevice = "draft-device"
  /// Speculative decoding: draft tokens per verify pass.
  case draftTokens = "draft-tokens"
  /// Speculative decoding: acceptance rate(s).
  case acceptance
  /// The output directory.
  case out
  /// Whether to write a timeline beyond the size limit.
  case force
}
