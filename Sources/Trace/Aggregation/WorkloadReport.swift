import Foundation

/// The `life workload` output: JSON per CONTRACT.md and a readable table.
package enum WorkloadReport {
  /// The `life workload --json` object, keys in a fixed order:
  /// `schema_version`, `model`, `options`, `prefill`, `decode` (totals over
  /// the steps, then `steps`), `lora` (with
  /// `--lora-rank`), `footprint`, `warnings`.
  package static func json(workload: Workload, totals: WorkloadTotals) -> JSONValue {
    document(workload: workload, totals: totals).materialized
  }

  /// ``json(workload:totals:)`` as a document whose `decode.steps` are made
  /// one at a time as they are written.
  package static func document(workload: Workload, totals: WorkloadTotals) -> JSONDocument {
    var members: [(key: String, value: JSONDocument)] = [
      ("schema_version", .value(.int(1))),
      ("model", .value(modelJSON(workload.model))),
      ("options", .value(optionsJSON(workload))),
      ("prefill", .value(prefillJSON(workload, totals))),
      ("decode", decodeDocument(totals)),
    ]
    if let merge = workload.loraMergeOps {
      members.append(
        (
          "lora",
          .value(
            .object([("rank", .int(workload.options.loraRank ?? 0)), ("merge_ops", .num(merge))]))
        ))
    }
    members.append(
      (
        "footprint",
        .value(
          .object([
            ("weights_bytes", .num(workload.weightsBytes)),
            ("kv_cache_bytes_peak", .num(workload.kvCacheBytesPeak)),
            ("activations_bytes_peak", .num(totals.activationsBytesPeak)),
          ]))
      ))
    members.append(("warnings", .value(.array(workload.warnings.map { .string($0) }))))
    return .object(members)
  }

  /// The model object; a mixture of experts adds `active_parameters` (every
  /// parameter but the routed experts a token is not sent to).
  package static func modelJSON(_ m: ModelConfig) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("name", .string(m.name)), ("family", .string(m.family)), ("layers", .int(m.layers)),
      ("hidden_size", .int(m.hidden)), ("heads", .int(m.heads)), ("kv_heads", .int(m.kvHeads)),
      ("head_dim", .int(m.headDim)), ("intermediate_size", .int(m.intermediate)),
      ("vocab_size", .int(m.vocab)), ("parameters", .num(m.parameterCount)),
    ]
    if m.moe != nil { members.append(("active_parameters", .num(m.activeParameterCount))) }
    members.append(("max_position_embeddings", m.maxPositions.map { .int($0) } ?? .null))
    if let s = m.storedWeights {
      members.append(
        (
          "weights_file",
          .object([
            ("source", .string(s.source)), ("path", s.path.map { .string($0) } ?? .null),
            ("weights", .string(s.label.text)), ("mix", .string(s.mix)),
            ("tensors", .int(s.tensors)), ("bytes", s.bytes.map { .int($0) } ?? .null),
            ("left_out", .int(s.leftOut)),
          ])
        ))
    }
    return .object(members)
  }

  /// Every workload flag's effective value (`null` where unset).
  package static func optionsJSON(_ w: Workload) -> JSONValue {
    let o = w.options
    return .object([
      ("prompt", .int(o.prompt)), ("generate", .int(o.generate)), ("batch", .int(o.batch)),
      ("weights", .string(w.weights.text)), ("activations", .string(w.matmulInputType.rawValue)),
      ("kv", .string(w.kvType.rawValue)), ("fusion", .string(o.fusion.rawValue)),
      ("kv-update", .string(o.kvUpdate.rawValue)), ("logits", .string(o.logits.rawValue)),
      ("scores", .string(o.scores.rawValue)), ("embedding", .string(o.embedding.rawValue)),
      ("attention", .string(o.attention.text)), ("nonlinear", .string(o.nonlinear.rawValue)),
      ("lora-rank", o.loraRank.map { .int($0) } ?? .null),
      ("lora-merge", o.loraRank == nil ? .null : .string(o.loraMerge.rawValue)),
      ("chunk", o.chunk.map { .int($0) } ?? .null), ("tile", o.tile.map { .int($0) } ?? .null),
      ("mla-form", w.model.mla == nil ? .null : .string(o.mlaForm.rawValue)),
      ("rotation", .string(o.rotation.rawValue)),
      ("flash-attn", .string(o.attentionFused ? "on" : "off")),
      ("depth", .int(o.depth)),
    ])
  }

  static func kinds(_ values: [OpKind: Double]) -> JSONValue {
    .object(values.keys.sorted().map { ($0.rawValue, .num(values[$0] ?? 0)) })
  }

  static func prefillJSON(_ w: Workload, _ t: WorkloadTotals) -> JSONValue {
    let p = t.prefill
    return .object([
      ("tokens", .int(w.options.prompt)), ("ops", .num(p.ops)), ("ops_padded", .num(p.opsPadded)),
      ("ops_by_kind", kinds(p.opsByKind)), ("bytes_read", .num(p.read.total)),
      ("bytes_written", .num(p.written.total)), ("bytes_by_kind", kinds(p.bytesByKind)),
      ("kv_bytes_read", .num(p.read.kv)),
      ("kv_cache_bytes", .num(w.kvCacheBytes(tokens: w.options.depth + w.options.prompt))),
      ("dispatch_calls", .int(p.dispatchCalls)), ("passes", .int(t.prefillPasses)),
    ])
  }

  /// `decode`: totals over every step (ops and bytes by kind included, as
  /// for prefill), then `steps`, one object per step.
  static func decodeDocument(_ t: WorkloadTotals) -> JSONDocument {
    var sum = PassTotals()
    for step in t.steps { sum.add(step.totals) }
    let steps = t.steps
    return .object([
      ("ops", .value(.num(sum.ops))), ("ops_padded", .value(.num(sum.opsPadded))),
      ("ops_by_kind", .value(kinds(sum.opsByKind))), ("bytes_read", .value(.num(sum.read.total))),
      ("bytes_written", .value(.num(sum.written.total))),
      ("bytes_by_kind", .value(kinds(sum.bytesByKind))),
      ("kv_bytes_read", .value(.num(sum.read.kv))),
      ("dispatch_calls", .value(.int(sum.dispatchCalls))),
      ("steps", .array(count: steps.count, scalars: false) { stepJSON(steps[$0]) }),
    ])
  }

  static func stepJSON(_ s: StepTotals) -> JSONValue {
    let t = s.totals
    return .object([
      ("step", .int(s.step)), ("kv_len", .int(s.kvLength)), ("ops", .num(t.ops)),
      ("ops_padded", .num(t.opsPadded)), ("bytes_read", .num(t.read.total)),
      ("bytes_written", .num(t.written.total)), ("kv_bytes_read", .num(t.read.kv)),
      ("dispatch_calls", .int(t.dispatchCalls)),
    ])
  }

  /// A readable rendering: the model, prefill by kind, decode (first, last
  /// and mean step), footprint and warnings.
  package static func table(workload w: Workload, totals t: WorkloadTotals) -> String {
    func g(_ v: Double, _ unit: Double, _ digits: Int = 3) -> String {
      String(format: "%.\(digits)f", v / unit)
    }
    let m = w.model
    var out =
      "model \(m.name) (\(m.family)): \(m.layers) layers, hidden \(m.hidden), heads \(m.heads)/\(m.kvHeads) kv, head_dim \(m.headDim), vocab \(m.vocab), \(g(m.parameterCount, 1e9)) B parameters"
    if m.moe != nil { out += " (\(g(m.activeParameterCount, 1e9)) B active)" }
    out += "\n"
    out +=
      "weights \(w.weights.text), activations \(w.matmulInputType.rawValue), kv \(w.kvType.rawValue), fusion \(w.options.fusion.rawValue), kv-update \(w.options.kvUpdate.rawValue), batch \(w.options.batch)\n"
    if let stored = w.storedWeights { out += "stored weights " + stored.summary + "\n" }
    out += "\n"
    let p = t.prefill
    out +=
      "prefill: \(w.options.prompt) tokens, \(g(p.ops, 1e12, 4)) TOPs (padded \(g(p.opsPadded, 1e12, 4))), read \(g(p.read.total, 1e9)) GB, written \(g(p.written.total, 1e9)) GB, \(p.dispatchCalls) dispatches\n"
    out += "  kind          ops (G)        share   bytes (GB)\n"
    for kind in p.opsByKind.keys.sorted() {
      let ops = p.opsByKind[kind] ?? 0
      let share = p.ops > 0 ? 100 * ops / p.ops : 0
      out +=
        "  " + kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
        + g(ops, 1e9).leftPad(14) + (String(format: "%.1f%%", share)).leftPad(10)
        + g(p.bytesByKind[kind] ?? 0, 1e9).leftPad(13) + "\n"
    }
    if let first = t.steps.first, let last = t.steps.last {
      out += "\ndecode: \(t.steps.count) steps\n"
      out += "  step   kv_len    GOPs     read (GB)  written (GB)  kv read (GB)  dispatches\n"
      for s in [first, last] {
        out +=
          "  " + String(s.step).leftPad(4) + String(s.kvLength).leftPad(9)
          + g(s.totals.ops, 1e9).leftPad(10) + g(s.totals.read.total, 1e9).leftPad(12)
          + g(s.totals.written.total, 1e9).leftPad(14) + g(s.totals.read.kv, 1e9).leftPad(14)
          + String(s.totals.dispatchCalls).leftPad(12) + "\n"
        if first.step == last.step { break }
      }
    }
    if let merge = w.loraMergeOps { out += "\nLoRA full-model merge: \(g(merge, 1e12, 4)) TOPs\n" }
    out +=
      "\nfootprint: weights \(g(w.weightsBytes, 1e9)) GB, KV cache peak \(g(w.kvCacheBytesPeak, 1e9)) GB, activations peak \(g(t.activationsBytesPeak, 1e9)) GB\n"
    for warning in w.warnings { out += "warning: \(warning)\n" }
    return out
  }
}

extension String {
  func leftPad(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
