import Trace

/// A corpus row made forecastable: the model, the workload it was measured
/// under, the device as its datasheet gives it (zero-shot: no fitted
/// efficiency, launch or host figure of its own), the runtime, and the
/// measured quantity in its canonical unit.
package struct ValidationCase: Sendable {
  /// The row.
  package var row: CorpusRow
  /// The model.
  package var model: ModelConfig
  /// The workload options the row was measured under.
  package var options: WorkloadOptions
  /// The device: the preset's datasheet fields.
  package var device: Device
  /// The runtime the row ran on.
  package var runtime: Runtime
  /// What was measured.
  package var quantity: CorpusQuantity
  /// The measured value (ms or tokens/s).
  package var measured: Double
  /// For e2e rows: whether the prompt counts in the numerator.
  package var e2eCountsPrompt: Bool

  /// Why a row cannot be forecast.
  package enum Skip: String, Error, Sendable, CaseIterable, Equatable, Hashable {
    case unknownDevice = "device not a preset"
    case unknownRuntime = "runtime not modelled"
    case unknownModel = "model not a preset"
    case weightsNotStated = "weights not stated"
    case unknownWeights = "weights not a LIFE format"
    case underspecified = "token counts not stated"
    case workload = "workload LIFE refuses"
  }

  /// The case of `row`, or why there is none.
  package static func resolve(_ row: CorpusRow) -> Result<ValidationCase, Skip> {
    guard let preset = Device.preset(named: row.device) else { return .failure(.unknownDevice) }
    guard let runtime = Runtime.named(row.runtime) else { return .failure(.unknownRuntime) }
    guard let model = try? ModelConfig.resolve(row.model) else { return .failure(.unknownModel) }
    let quantity = row.metric.quantity
    var prompt = row.prompt
    var generate = row.generate
    // A TPOT stated for a prompt length without the generated-token count
    // (the LIFE paper's Table 10) is the TPOT of the first steps after it.
    if row.isUnderspecified {
      guard quantity == .tpot, prompt != nil, generate == nil else {
        return .failure(.underspecified)
      }
      generate = 1
    }
    switch quantity {
    case .pp, .ttft:
      guard let p = prompt, p > 0 else { return .failure(.underspecified) }
      generate = 0
    case .tg, .tpot:
      guard let g = generate, g > 0 else { return .failure(.underspecified) }
      prompt = prompt ?? 0
    case .e2e:
      guard let p = prompt, let g = generate, p + g > 0, row.e2eCountsPrompt != nil else {
        return .failure(.underspecified)
      }
    }
    guard let weightsText = row.weights else { return .failure(.weightsNotStated) }
    var settings: [WorkloadSetting] = []
    guard let weights = Self.weights(weightsText) else { return .failure(.unknownWeights) }
    settings += weights
    if let kv = row.kv, let d = DType(name: kv) { settings.append(.kv(d)) }
    if let flash = row.flashAttention { settings.append(.flashAttn(flash)) }
    if let ubatch = row.ubatch { settings.append(.chunk(ubatch)) }
    if let depth = row.depth, depth > 0 { settings.append(.depth(depth)) }
    var options = WorkloadOptions(prompt: prompt ?? 0)
    options.generate = generate ?? 0
    options.batch = row.batch ?? 1
    options.apply(settings)
    var device = preset
    device.given = []
    return .success(
      ValidationCase(
        row: row, model: model, options: options, device: device, runtime: runtime,
        quantity: quantity, measured: row.measured, e2eCountsPrompt: row.e2eCountsPrompt ?? true))
  }

  /// The workload settings a corpus `weights` cell stands for: a GGUF type
  /// or dtype as LIFE spells it; `F32` is fp32; Qualcomm's `w4a16` and `w4`
  /// are int4 weights with fp16 activations; plain fp16 and bf16 weights
  /// compute in their own dtype.
  static func weights(_ text: String) -> [WorkloadSetting]? {
    switch text {
    case "F32": return [.weights(.plain(.fp32))]
    case "MXFP4": return parse("mxfp4")
    case "w4a16", "w4": return parse("int4").map { $0 + [.activations(.fp16)] }
    case "fp16", "bf16":
      guard let d = DType(name: text) else { return nil }
      return [.weights(.plain(d)), .activations(d)]
    default: return parse(text)
    }
  }

  private static func parse(_ text: String) -> [WorkloadSetting]? {
    guard let s = try? WorkloadOption.weights.parse(text) else { return nil }
    return [s]
  }
}
