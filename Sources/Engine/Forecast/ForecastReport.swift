import Foundation
import Trace

/// What `life forecast` prints: the workload JSON with the forecast's keys
/// added (CONTRACT.md "life forecast ... --json"), or a readable summary.
package struct ForecastReport: Sendable {
  /// The run's devices, mapping and overlap.
  package var run: RunInfo
  /// The collected numbers.
  package var forecast: Forecast
  /// Capacity per device; nil when not checked (`footprint.fits` is then
  /// left out).
  package var capacity: CapacityCheck?
  /// Speculative decoding's steps, when the forecast decodes
  /// speculatively, and the mean TPOT without it.
  package var speculative: (forecast: SpeculativeForecast, plainTpotMeanMs: Double?)?
  /// The likely ranges and the benchmark command; nil leaves their keys out.
  package var evidence: ForecastEvidence?
  /// The model file's own weights, when the workload costs them.
  package var storedWeights: StoredWeights?

  /// Creates a report.
  package init(run: RunInfo, forecast: Forecast, capacity: CapacityCheck? = nil) {
    self.run = run
    self.forecast = forecast
    self.capacity = capacity
  }

  func key(_ device: Int) -> String {
    run.devices.indices.contains(device) ? run.devices[device].key : run.mapping.decode
  }

  /// `runtime`: the runtime's name, or an object from device key to name
  /// when devices run different ones.
  var runtimeJSON: JSONValue {
    let names = run.runtimes
    if let first = names.first, names.allSatisfy({ $0 == first }) { return .string(first) }
    return .object(zip(run.devices, names).map { ($0.key, .string($1)) })
  }

  /// The `workload --json` object with `devices`, `mapping`, `overlap`,
  /// `ttft_ms`, `tpot_ms`, `tpot_ms_mean`, `tps`, `tps_total`, `e2e_ms`, the
  /// prefill's and each step's times, bound and device, `dispatch_calls`
  /// and `footprint.fits` added. Steps missing from the workload's
  /// `decode.steps` are created with `step` and `kv_len`.
  package func json(mergingInto workload: JSONValue) -> JSONValue {
    document(mergingInto: .value(workload)).materialized
  }

  /// ``json(mergingInto:)`` as a document: `tpot_ms`, `decode.steps` and
  /// `dispatch_calls.decode_per_step` are made one entry at a time as they
  /// are written, so printing a million steps holds one step's JSON.
  package func document(mergingInto workload: JSONDocument) -> JSONDocument {
    let f = forecast
    let p = f.prefill
    let steps = f.steps
    func num(_ value: Double?) -> JSONDocument { .value(.num(value)) }
    var out = workload
    out = out.setting([
      ("devices", .value(.object(run.devices.map { ($0.key, $0.device.jsonValue) }))),
      ("mapping", .value(mappingJSON)),
      ("overlap", .value(.string(run.overlap.rawValue))),
      ("runtime", .value(runtimeJSON)),
      ("ttft_ms", num(f.ttftMs)),
      ("tpot_ms", .array(count: steps.count, scalars: true) { .num(steps[$0].tpotMs) }),
      ("tpot_ms_mean", num(f.tpotMeanMs)),
      ("tps", num(f.tps)),
      ("tps_total", num(f.tpsTotal)),
      ("e2e_ms", num(f.e2eMs)),
      ("energy", .value(energyJSON)),
    ])
    let prefill = out.objectMember("prefill").setting([
      ("t_compute_ms", num(p.tComputeMs)),
      ("t_memory_ms", num(p.tMemoryMs)),
      ("t_dispatch_ms", num(p.tDispatchMs)),
      ("t_handoff_ms", num(p.tHandoffMs)),
      ("t_host_ms", num(p.tHostMs)),
      ("bound", .value(.string(p.bound.rawValue))),
      ("device", .value(.string(key(p.device)))),
    ])
    out = out.setting("prefill", prefill)

    let given = out["decode"]?["steps"]?.elements ?? (0, { _ in .null })
    let keys = run.devices.map(\.key)
    let fallbackKey = run.mapping.decode
    let merged = JSONDocument.array(count: steps.count, scalars: false) { i in
      let s = steps[i]
      let base =
        i < given.count
        ? given.element(i) : .object([("step", .int(s.step)), ("kv_len", .int(s.kvLength))])
      return base.setting([
        ("tpot_ms", .num(s.tpotMs)),
        ("t_compute_ms", .num(s.tComputeMs)),
        ("t_memory_ms", .num(s.tMemoryMs)),
        ("t_dispatch_ms", .num(s.tDispatchMs)),
        ("t_handoff_ms", .num(s.tHandoffMs)),
        ("t_host_ms", .num(s.tHostMs)),
        ("bound", .string(s.bound.rawValue)),
        ("device", .string(keys.indices.contains(s.device) ? keys[s.device] : fallbackKey)),
      ])
    }
    out = out.setting("decode", out.objectMember("decode").setting("steps", merged))
    out = out.setting(
      "dispatch_calls",
      out.objectMember("dispatch_calls").setting([
        ("prefill", .value(.int(p.dispatchCalls))),
        (
          "decode_per_step",
          .array(count: steps.count, scalars: true) { .int(steps[$0].dispatchCalls) }
        ),
      ]))
    if let capacity {
      out = out.setting(
        "footprint", out.objectMember("footprint").setting("fits", .value(capacity.jsonValue)))
      if !capacity.warnings.isEmpty {
        var warnings: [JSONValue] = []
        if case .value(.array(let items))? = out["warnings"] { warnings = items }
        out = out.setting(
          "warnings", .value(.array(warnings + capacity.warnings.map { .string($0) })))
      }
    }
    if let evidence {
      func range(_ r: (Double, Double)?) -> JSONDocument {
        guard let r else { return .value(.null) }
        return .value(.array([.num(r.0), .num(r.1)]))
      }
      out = out.setting([
        ("ttft_ms_range", range(evidence.ttftRange(f.ttftMs))),
        ("tpot_ms_mean_range", range(evidence.tpotRange(f.tpotMeanMs))),
        ("tps_range", range(evidence.tpsRange(f.tps))),
        ("uncertainty", .value(evidence.uncertaintyJSON)),
        ("verify_command", .value(.str(evidence.verifyCommand))),
      ])
    }
    if let (spec, plain) = speculative {
      out = out.setting(
        "speculative", .value(spec.json(generate: forecast.generate, plainTpotMeanMs: plain)))
    }
    return out
  }

  /// `{"prefill": key, "decode": key, "by_kind": {kind: key}}`.
  package var mappingJSON: JSONValue {
    .object([
      ("prefill", .string(run.mapping.prefill)),
      ("decode", .string(run.mapping.decode)),
      (
        "by_kind",
        .object(
          run.mapping.byKind.keys.sorted().map {
            ($0.rawValue, .string(run.mapping.byKind[$0] ?? ""))
          })
      ),
    ])
  }

  /// A readable summary, a few lines.
  package var text: String {
    let f = forecast
    let p = f.prefill
    func name(_ key: String) -> String {
      let device = run.devices.first { $0.key == key }?.device.name ?? key
      return key == device ? key : "\(key) (\(device))"
    }
    var lines: [String] = []
    if !run.name.isEmpty { lines.append("forecast: \(run.name)") }
    var mapping = "prefill on \(name(run.mapping.prefill)), decode on \(name(run.mapping.decode))"
    for kind in run.mapping.byKind.keys.sorted() {
      mapping += ", \(kind.rawValue) on \(run.mapping.byKind[kind] ?? "")"
    }
    let runtimes = Array(Set(run.runtimes)).sorted()
    let runtime =
      runtimes.count == 1
      ? runtimes[0]
      : zip(run.devices, run.runtimes).map { "\($0.key) \($1)" }.joined(separator: ", ")
    lines.append(
      "  mapping     \(mapping); overlap \(run.overlap.rawValue); runtime \(runtime)")
    if let stored = storedWeights { lines.append("  weights     " + stored.summary) }
    func likely(_ r: (Double, Double)?, _ basis: ForecastEvidence.Basis?) -> String {
      guard let r, let basis else { return "" }
      return " (likely \(Self.ms(r.0))–\(Self.ms(r.1)), from \(basis.text))"
    }
    lines.append(
      "  TTFT        \(Self.ms(f.ttftMs))\(likely(evidence?.ttftRange(f.ttftMs), evidence?.prefill))  (compute \(Self.ms(p.tComputeMs)), memory \(Self.ms(p.tMemoryMs)), dispatch \(Self.ms(p.tDispatchMs))"
        + (p.tHandoffMs > 0 ? ", hand-offs \(Self.ms(p.tHandoffMs))" : "")
        + (p.tHostMs > 0 ? ", host \(Self.ms(p.tHostMs))" : "")
        + "; \(p.bound.rawValue)-bound; \(p.dispatchCalls) dispatch calls)")
    if let mean = f.tpotMeanMs {
      var line =
        "  TPOT        \(Self.ms(mean))\(likely(evidence?.tpotRange(mean), evidence?.decode))"
        + " mean over \(f.generate) steps"
      if let first = f.steps.first, let last = f.steps.last {
        line +=
          " (step 1 \(Self.ms(first.tpotMs)), step \(last.step) \(Self.ms(last.tpotMs)); \(first.bound.rawValue)-bound)"
      }
      lines.append(line)
      lines.append(
        "  TPS         \(Self.fixed(f.tps ?? 0, 2)) tokens/s per sequence, \(Self.fixed(f.tpsTotal ?? 0, 2)) in all (batch \(f.batch))"
      )
    } else {
      lines.append("  TPOT        - (no decode steps: generate 0)")
    }
    lines.append("  end to end  \(Self.ms(f.e2eMs))")
    lines.append(energyLine)
    if let command = evidence?.verifyCommand { lines.append("  measure it  \(command)") }
    if let (spec, plain) = speculative {
      var line =
        "  speculative \(spec.speculation.draft.model.name) on \(spec.speculation.draftDevice)"
      line += ", K \(spec.speculation.tokens): "
      line += Self.fixed(spec.speculation.expectedTokens, 3) + " tokens per verify pass"
      if let plain { line += "; TPOT without it \(Self.ms(plain))" }
      lines.append(line)
    }
    if let capacity {
      if capacity.warnings.isEmpty {
        lines.append("  memory      fits (\(capacity.keys.joined(separator: ", ")))")
      } else {
        for warning in capacity.warnings { lines.append("  warning: \(warning)") }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
  }

  /// Milliseconds with 3 significant decimals, or seconds above 10 s.
  static func ms(_ value: Double) -> String {
    if value >= 10_000 { return fixed(value / 1000, 3) + " s" }
    if value >= 100 { return fixed(value, 1) + " ms" }
    if value >= 1 { return fixed(value, 3) + " ms" }
    return fixed(value * 1000, 1) + " µs"
  }
}
