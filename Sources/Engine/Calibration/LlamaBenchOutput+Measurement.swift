import Foundation
import Trace

extension LlamaBenchOutput {
  /// The build before which `n_batch` was the micro-batch: pipeline
  /// parallelism (llama.cpp PR #6017, March 2024, about b2413) added
  /// `n_ubatch`.
  static let firstUbatchBuild = 2413

  /// The measurements of `records`, in order, refusing a file whose tests
  /// ran different models (one `--model` describes them all).
  static func measurements(_ records: [LlamaBenchRecord], file: String?, runtime: String?)
    throws(LifeError) -> [Measurement]
  {
    var result: [Measurement] = []
    var first: (model: String, line: Int)?
    for record in records {
      let (measurement, model) = try measurement(record, file: file, runtime: runtime)
      if let model {
        if let first, first.model != model {
          throw LifeError.file(
            file, path: record.place("model_type"), "a second model in the file",
            got: "'\(model)'",
            expected: "the model of line \(first.line), '\(first.model)': one model per file,"
              + " the model being the command line's")
        }
        if first == nil { first = (model, record.line) }
      }
      result.append(measurement)
    }
    return result
  }

  /// One test as a measurement: ppN → `pp_tok_s` at prompt N, tgN →
  /// `tg_tok_s` at G = N (no prompt), ppP+tgG → `e2e_tok_s`; `avg_ts` the
  /// value. Also the test's model (`llama 7B`) from `model_type`, when given.
  static func measurement(_ r: LlamaBenchRecord, file: String?, runtime given: String?)
    throws(LifeError) -> (Measurement, model: String?)
  {
    let fields = Fields(record: r, file: file)
    let tokenLimit = WorkloadOption.prompt.maximum?.value ?? Int.max
    let prompt = try fields.integer("n_prompt", min: 0, max: tokenLimit, required: true) ?? 0
    let generate = try fields.integer("n_gen", min: 0, max: tokenLimit, required: true) ?? 0
    let depth = try fields.integer("n_depth", min: 0, max: tokenLimit) ?? 0
    let metric: MeasurementMetric
    switch (prompt > 0, generate > 0) {
    case (true, false): metric = .ppTokS
    case (false, true): metric = .tgTokS
    case (true, true): metric = .e2eTokS
    case (false, false):
      throw fields.error(
        "n_prompt", "a test without prompt or generated tokens",
        got: "n_prompt \(prompt), n_gen \(generate)", expected: "n_prompt or n_gen ≥ 1")
    }
    let value = try fields.tokensPerSecond()
    var overrides: [WorkloadSetting] = []
    let weights = try fields.weights()
    if let weights { overrides.append(.weights(weights.choice)) }
    overrides.append(.kv(try fields.kv()))
    if let chunk = try fields.chunk() { overrides.append(.chunk(chunk)) }
    var runtime = given
    if runtime == nil { runtime = try fields.runtime() }
    let measurement = Measurement(
      metric: metric, value: value, prompt: prompt, generate: generate, batch: 1,
      overrides: overrides, runtime: runtime,
      flashAttention: try fields.flashAttention(), depth: depth,
      threads: try fields.integer("n_threads", min: 0, max: 1 << 24), line: r.line)
    return (measurement, weights?.model)
  }

  /// A record's fields read as typed values, with errors at their place.
  struct Fields {
    var record: LlamaBenchRecord
    var file: String?

    /// An error at `field`.
    func error(_ field: String, _ message: String, got: String? = nil, expected: String? = nil)
      -> LifeError
    {
      LifeError.file(file, path: record.place(field), message, got: got, expected: expected)
    }

    /// The text of `field`; a missing required field is an error.
    func text(_ field: String, required: Bool = false) throws(LifeError) -> String? {
      if let text = record[field] { return text }
      guard required else { return nil }
      let noun = record.format == .benchJSON || record.format == .benchJSONL ? "key" : "column"
      throw LifeError.file(
        file, path: "line \(record.line)", "missing \(noun) '\(field)'",
        expected: "llama-bench's n_prompt, n_gen and avg_ts for every test")
    }

    /// An integer field in [min, max], or nil when absent.
    func integer(_ field: String, min: Int, max: Int, required: Bool = false) throws(LifeError)
      -> Int?
    {
      guard let text = try text(field, required: required) else { return nil }
      let expected = "an integer in [\(min), \(max)]"
      switch NumberText.integer(text) {
      case .success(let n):
        guard n >= min, n <= max else {
          throw error(field, "out of range", got: "'\(text)'", expected: expected)
        }
        return n
      case .failure(let failure):
        throw error(field, failure.message, got: "'\(text)'", expected: expected)
      }
    }

    /// A boolean field (`1`/`0` in csv, `true`/`false` in json), or nil.
    func flag(_ field: String) throws(LifeError) -> Bool? {
      guard let text = record[field] else { return nil }
      switch text.lowercased() {
      case "1", "true": return true
      case "0", "false": return false
      default:
        throw error(field, "not a boolean", got: "'\(text)'", expected: "1 or 0, true or false")
      }
    }

    /// `avg_ts`: the mean tokens per second over the repetitions, > 0.
    func tokensPerSecond() throws(LifeError) -> Double {
      let text = try text("avg_ts", required: true) ?? ""
      let expected = "a positive number of tokens per second"
      switch NumberText.number(text) {
      case .success(let v) where v > 0: return v
      case .success:
        throw error("avg_ts", "value must be positive", got: "'\(text)'", expected: expected)
      case .failure(let f): throw error("avg_ts", f.message, got: "'\(text)'", expected: expected)
      }
    }

    /// The weights from `model_type` (else the file type in
    /// `model_filename`), and the model part of `model_type`; nil when
    /// neither field is there.
    func weights() throws(LifeError) -> (choice: WorkloadOptions.WeightChoice, model: String?)? {
      let type = record["model_type"]
      let parsed = type.flatMap(LlamaBenchNames.fileType(inModelType:))
      let named = record["model_filename"].flatMap(LlamaBenchNames.fileType(inFilename:))
      guard let name = parsed?.name ?? named else {
        if let type {
          throw error(
            "model_type", "no weight format in the model description", got: "'\(type)'",
            expected: "llama.cpp's '<arch> <size> <file type>', e.g. 'llama 7B Q4_0'")
        }
        return nil
      }
      guard let choice = LlamaBenchNames.weights(fileType: name) else {
        let field = parsed != nil ? "model_type" : "model_filename"
        throw error(
          field, "weight format not modelled", got: "'\(name)'",
          expected: "one of " + LlamaBenchNames.modelledFileTypes.joined(separator: ", "))
      }
      return (choice, parsed?.model)
    }

    /// The KV cache dtype: `type_k` and `type_v` (which must agree), or
    /// 2023's `f16_kv` (fp16, else fp32); fp16, llama.cpp's default, when
    /// none is given (markdown shows the types only when not f16).
    func kv() throws(LifeError) -> DType {
      if let k = record["type_k"] ?? record["type_v"] {
        let v = record["type_v"] ?? k
        let field = record["type_k"] == nil ? "type_v" : "type_k"
        guard let kType = LlamaBenchNames.kvType(k) else {
          throw error(
            field, "KV cache type not modelled", got: "'\(k)'",
            expected: LlamaBenchNames.kvTypeNames)
        }
        guard let vType = LlamaBenchNames.kvType(v) else {
          throw error(
            "type_v", "KV cache type not modelled", got: "'\(v)'",
            expected: LlamaBenchNames.kvTypeNames)
        }
        guard kType == vType else {
          throw error(
            "type_v", "K and V caches of different types", got: "type_k '\(k)', type_v '\(v)'",
            expected: "one type for both (LIFE models one KV dtype)")
        }
        return kType
      }
      if let f16 = try flag("f16_kv") { return f16 ? .fp16 : .fp32 }
      return .fp16
    }

    /// The prefill micro-batch: the smaller of `n_batch` and `n_ubatch`.
    /// Output without `n_ubatch` predates it and `n_batch` was the
    /// micro-batch, except in markdown, which shows `n_ubatch` only when it
    /// is not its default of 512 (and for builds before ``firstUbatchBuild``
    /// `n_batch` alone).
    func chunk() throws(LifeError) -> Int? {
      let limit = WorkloadOption.chunk.maximum?.value ?? Int.max
      let batch = try integer("n_batch", min: 1, max: limit)
      let ubatch = try integer("n_ubatch", min: 1, max: limit)
      if let ubatch { return Swift.min(batch ?? ubatch, ubatch) }
      guard record.format == .benchMarkdown else { return batch }
      let build = record["build_number"].flatMap { Int($0) }
      if let batch, let build, build < firstUbatchBuild { return batch }
      return Swift.min(batch ?? 512, 512)
    }

    /// `flash_attn`: a boolean, later an integer (-1 auto, 0 off, 1 on), in
    /// markdown `fa`; auto is nil. Absent from csv and json output it
    /// predates flash attention (off); absent from markdown it was the
    /// build's default, not known here (nil).
    func flashAttention() throws(LifeError) -> Bool? {
      guard let text = record["flash_attn"] else {
        return record.format == .benchMarkdown ? nil : false
      }
      switch text.lowercased() {
      case "1", "true", "on", "yes": return true
      case "0", "false", "off", "no": return false
      case "-1", "auto": return nil
      default:
        throw error(
          "flash_attn", "not a flash-attention setting", got: "'\(text)'",
          expected: "0 or 1, true or false, -1 or auto")
      }
    }

    /// The runtime: `llama.cpp-cpu` when no layer was offloaded
    /// (`n_gpu_layers` 0), else from `backends` (markdown's `backend`), else
    /// from the boolean backend fields of older csv and json output.
    func runtime() throws(LifeError) -> String? {
      let layers = try integer("n_gpu_layers", min: -1 << 40, max: 1 << 40)
      if layers == 0 { return LlamaBenchNames.cpuRuntime }
      if let backends = record["backends"] { return LlamaBenchNames.runtime(backends: backends) }
      var flags: [String: Bool] = [:]
      for name in LlamaBenchNames.backendFlags + ["gpu_blas", "blas"] {
        if let value = try flag(name) { flags[name] = value }
      }
      guard !flags.isEmpty else { return nil }
      return LlamaBenchNames.runtime(flags: flags, gpuInfo: record["gpu_info"])
    }
  }
}
