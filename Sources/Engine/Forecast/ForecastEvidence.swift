import Trace

/// What backs a forecast beyond its own arithmetic: how far measurements
/// fell from forecasts like it (the likely ranges) — the corpus rows of the
/// same runtime and device class against zero-shot forecasts, or, on a
/// calibrated device, the calibration's own held-out rows — and the
/// benchmark command that measures the same thing on real hardware.
package struct ForecastEvidence: Sendable, Equatable {
  /// One phase's band and what it comes from.
  package struct Basis: Sendable, Equatable {
    package var band: ResidualBand
    package var source: Source

    /// Where a band's measurements come from.
    package enum Source: Sendable, Equatable {
      /// Corpus rows of `runtime` on devices of class `classKey`, against
      /// zero-shot forecasts (`life validate`).
      case corpus(runtime: String, classKey: String)
      /// The device's calibration: its rows, each forecast by the fit
      /// without it (leave-one-out).
      case calibration
    }

    package init(band: ResidualBand, source: Source) {
      self.band = band
      self.source = source
    }

    /// "31 llama.cpp-cuda measurements on gpu.hbm devices", "6 held-out
    /// calibration measurements of this device".
    package var text: String {
      switch source {
      case .corpus(let runtime, let classKey):
        return "\(band.rows) \(runtime) measurements on \(classKey) devices"
      case .calibration:
        return "\(band.rows) held-out calibration measurements of this device"
      }
    }
  }

  /// The prefill's (TTFT) and the decode's (TPOT) bands; nil: no basis.
  package var prefill: Basis?
  package var decode: Basis?
  /// The benchmark command line; nil where the runtime has none.
  package var verifyCommand: String?

  /// The evidence of a run: each phase's runtime and device (resolved, with
  /// its class) and the options the workload ran with.
  package init(
    prefill: (runtime: Runtime, device: Device)?, decode: (runtime: Runtime, device: Device)?,
    model: ModelConfig, options: WorkloadOptions
  ) {
    func basis(_ entry: (runtime: Runtime, device: Device)?, prefill: Bool) -> Basis? {
      guard let entry else { return nil }
      // A calibrated device's own bands replace the class's: its forecasts
      // are no longer zero-shot. A phase its calibration had no rows for
      // has no basis.
      if let own = entry.device.uncertainty {
        guard let band = prefill ? own.prefill : own.decode else { return nil }
        return Basis(band: band, source: .calibration)
      }
      let key = entry.runtime.classKey(of: entry.device)
      let u = entry.runtime.uncertainty[key]
      guard let band = prefill ? u?.prefill : u?.decode else { return nil }
      return Basis(band: band, source: .corpus(runtime: entry.runtime.name, classKey: key))
    }
    self.prefill = basis(prefill, prefill: true)
    self.decode = basis(decode, prefill: false)
    let verifying = decode ?? prefill
    verifyCommand = verifying.flatMap { entry in
      entry.runtime.verify.map {
        $0.command(for: entry.device.kind, model: model, options: options)
      }
    }
  }

  /// The likely TTFT range for `ttftMs`.
  package func ttftRange(_ ttftMs: Double) -> (Double, Double)? {
    prefill.map { $0.band.range(time: ttftMs) }
  }

  /// The likely mean TPOT range for `tpotMs`.
  package func tpotRange(_ tpotMs: Double?) -> (Double, Double)? {
    guard let tpotMs, let decode else { return nil }
    return decode.band.range(time: tpotMs)
  }

  /// The likely tokens/s range for `tps`: the TPOT range inverted.
  package func tpsRange(_ tps: Double?) -> (Double, Double)? {
    guard let tps, let decode else { return nil }
    return (tps / decode.band.high, tps / decode.band.low)
  }

  /// `uncertainty`: what the ranges come from and how many rows.
  package var uncertaintyJSON: JSONValue {
    let phases = [("TTFT", prefill), ("TPOT", decode)].compactMap { name, basis in
      basis.map { (name, $0) }
    }
    func method(_ source: Basis.Source) -> String {
      switch source {
      case .corpus: return "10th–90th percentile of measured ÷ zero-shot forecast, life validate"
      case .calibration:
        return "10th–90th percentile of measured ÷ held-out forecast, life calibrate"
      }
    }
    let rows = phases.reduce(0) { $0 + $1.1.band.rows }
    let basis: String
    if phases.isEmpty {
      basis = "no basis"
    } else if phases.allSatisfy({ method($0.1.source) == method(phases[0].1.source) }) {
      basis =
        phases.map { "\($0.0): \($0.1.text)" }.joined(separator: "; ")
        + " (\(method(phases[0].1.source)))"
    } else {
      basis = phases.map { "\($0.0): \($0.1.text) (\(method($0.1.source)))" }
        .joined(separator: "; ")
    }
    return .object([("basis", .string(basis)), ("rows", .int(rows))])
  }
}

extension VerifyTemplate {
  /// The command line for a run on a device of `kind` (its own template
  /// when the runtime has one for the kind): `{model}`, `{prompt}`,
  /// `{generate}`, `{depth}`, `{batch}`, `{chunk}` (the micro-batch, 512
  /// unless chunked), `{flash_attn}` (1 or 0), `{kv_gguf}` (the KV type as
  /// llama.cpp spells it) filled in; any other placeholder is left as
  /// `<name>` for the user to fill.
  func command(for kind: DeviceKind, model: ModelConfig, options: WorkloadOptions) -> String {
    var template = byKind[kind] ?? command
    // A GGUF file given as the model is the file to benchmark.
    if let path = model.storedWeights?.path, path.lowercased().hasSuffix(".gguf") {
      let safe = path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+".contains($0) }
      let quoted = safe ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
      template = template.replacingOccurrences(of: "{model}.gguf", with: quoted)
    }
    let kv: String
    switch options.kv ?? .fp16 {
    case .fp32: kv = "f32"
    case .bf16: kv = "bf16"
    case .int8: kv = "q8_0"
    case .int4: kv = "q4_0"
    default: kv = "f16"
    }
    let values: [String: String] = [
      "model": model.name, "prompt": String(options.prompt), "generate": String(options.generate),
      "depth": String(options.depth), "batch": String(options.batch),
      "chunk": String(options.chunk ?? 512),
      "flash_attn": options.attentionFused ? "1" : "0", "kv_gguf": kv,
    ]
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      let after = rest[rest.index(after: open)...]
      guard let close = after.firstIndex(of: "}") else {
        rest = rest[open...]
        break
      }
      let name = String(after[..<close])
      out += values[name] ?? "<\(name)>"
      rest = after[after.index(after: close)...]
    }
    return out + rest
  }
}
