@testable import Engine

/// A closed-form stand-in for the simulator: a handful of operators per pass,
/// each taking max(ops / (e_c · TOPS), bytes / (e_m · BW)) (op overlap), plus
/// dispatch calls × dispatch latency per pass.
struct SyntheticModel {
  struct Shape {
    var params: Double
    var hidden: Double
    var layers: Double
  }

  static let shapes: [String: Shape] = [
    "big": Shape(params: 6.7e9, hidden: 4096, layers: 32),
    "tiny": Shape(params: 1.0e8, hidden: 768, layers: 12),
  ]

  var tops = 50.0
  var bandwidthGBs = 100.0

  struct Op {
    var ops: Double
    var bytes: Double
  }

  func shape(_ m: Measurement) -> Shape {
    Self.shapes[m.model ?? "big"] ?? Shape(params: 6.7e9, hidden: 4096, layers: 32)
  }

  func dispatchCalls(_ s: Shape) -> Double { 10 * s.layers + 3 }

  func prefillOps(_ s: Shape, tokens: Double) -> [Op] {
    let (p, h, l) = (s.params, s.hidden, s.layers)
    return [
      Op(ops: 2 * p * tokens, bytes: 2 * p + 4 * tokens * h * l),
      Op(ops: 4 * tokens * tokens * h * l, bytes: 8 * tokens * h * l),
      Op(ops: 5 * tokens * tokens * (h / 128) * l, bytes: 2 * tokens * h * l),
      Op(ops: 10 * tokens * h * l, bytes: 12 * tokens * h * l),
    ]
  }

  func decodeOps(_ s: Shape, kv: Double, batch: Double) -> [Op] {
    let (p, h, l) = (s.params, s.hidden, s.layers)
    return [
      Op(ops: 2 * p * batch, bytes: 2 * p + 4 * batch * h * l),
      Op(ops: 4 * kv * h * l * batch, bytes: 4 * kv * h * l * batch),
      Op(ops: 10 * batch * h * l, bytes: 12 * batch * h * l),
    ]
  }

  /// Seconds for a pass.
  func passTime(_ ops: [Op], calls: Double, ec: Double, em: Double, dispatchUs: Double) -> Double {
    ops.reduce(0) { t, op in
      t + max(op.ops / (ec * tops * 1e12), op.bytes / (em * bandwidthGBs * 1e9))
    } + calls * dispatchUs * 1e-6
  }

  /// The row's metric under `p`.
  func forecast(_ p: CalibrationParameters, _ m: Measurement) -> Double {
    let s = shape(m)
    let batch = Double(m.batch)
    let calls = dispatchCalls(s)
    let prefillTokens = Double(m.prompt) * batch
    let ttft =
      m.prompt == 0
      ? 0
      : passTime(
        prefillOps(s, tokens: prefillTokens), calls: calls,
        ec: p.computeEfficiency(tokens: prefillTokens),
        em: p.memoryEfficiency(tokens: prefillTokens),
        dispatchUs: p.dispatchUs)
    var sum = 0.0
    for i in 0..<max(m.generate, 0) {
      sum += passTime(
        decodeOps(s, kv: Double(m.prompt + i + 1), batch: batch), calls: calls,
        ec: p.computeEfficiency(tokens: batch), em: p.memoryEfficiency(tokens: batch),
        dispatchUs: p.dispatchUs)
    }
    let tpot = m.generate > 0 ? sum / Double(m.generate) : 0
    return m.forecastValue(ttftMs: ttft * 1000, tpotMsMean: tpot * 1000)
  }

  /// Rows measured from `truth`, each value × (1 + u), u uniform in
  /// [−noise, noise].
  func measure(
    _ specs: [(MeasurementMetric, Int, Int, String)], truth: CalibrationParameters,
    noise: Double = 0, seed: UInt64 = 1
  ) -> [Measurement] {
    var rng = SplitMix64(seed: seed)
    return specs.enumerated().map { i, spec in
      var m = Measurement(
        metric: spec.0, value: 1, prompt: spec.1, generate: spec.2, model: spec.3, line: i + 2)
      let u = (2 * rng.unit() - 1) * noise
      m.value = forecast(truth, m) * (1 + u)
      return m
    }
  }

  /// A well-spread set of rows: prefill from memory- to compute-bound on two
  /// models, decode on both (decode rows G = 8 to keep tests fast).
  static let richRows: [(MeasurementMetric, Int, Int, String)] = {
    var rows: [(MeasurementMetric, Int, Int, String)] = []
    for prompt in [16, 32, 64, 128, 256, 512, 1024, 2048, 4096] {
      rows.append((.ttftMs, prompt, 0, "big"))
    }
    for prompt in [16, 128, 1024, 4096] { rows.append((.ppTokS, prompt, 0, "tiny")) }
    for prompt in [32, 256, 1024, 2048] { rows.append((.tpotMs, prompt, 8, "big")) }
    for prompt in [16, 128, 512, 2048] { rows.append((.tgTokS, prompt, 8, "tiny")) }
    for prompt in [64, 512] { rows.append((.tpotMs, prompt, 8, "tiny")) }
    return rows
  }()
}
