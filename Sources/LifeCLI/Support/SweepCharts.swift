import Engine
import Foundation
import Timeline
import Trace

/// The charts a sweep's axes call for:
/// - `--heatmap X,Y`: `heatmap-X-Y.svg`, tc/tm over two axes (Figs. 4, 5),
///   and when the points decode, `heatmap-X-Y-tpot.svg` and
///   `heatmap-X-Y-tps.svg`;
/// - `chunk` varied: `chunked-prefill.svg`, prefill ops, bytes and dispatch
///   calls with each chunk size over the same without chunking (Fig. 6);
/// - `prompt` and `lora-rank` varied: `lora-ops.svg`, prefill ops per prompt
///   length and rank, and without LoRA (Fig. 9).
/// Other varied axes are held at their first value. The ratio and ops
/// charts come from the workload model alone (no device), so every shard
/// writes the same ones.
struct SweepCharts {
  let evaluator: SweepEvaluator

  /// A chart file.
  struct Chart {
    var file: String
    var svg: String
  }

  func charts(rows: [SweepRow]) throws(LifeError) -> [Chart] {
    let spec = evaluator.spec
    var charts: [Chart] = []
    if let heatmap = spec.heatmap {
      var metrics: [HeatMapSVG.Metric] = [.tcTm]
      if SweepHeatMap.hasDecode(rows) { metrics += [.tpotMs, .tokensPerSecond] }
      for metric in metrics {
        let map = SweepHeatMap.build(
          grid: spec.grid, rows: rows, x: heatmap.x, y: heatmap.y, metric: metric)
        charts.append(
          Chart(
            file: SweepHeatMap.fileName(x: heatmap.x, y: heatmap.y, metric: metric),
            svg: map.svg()))
      }
    }
    if let chart = try chunkedPrefill() { charts.append(chart) }
    if let chart = try loraOps() { charts.append(chart) }
    return charts
  }

  /// The options at the point whose value indices are `indices` on the
  /// named axes and 0 elsewhere, and its pipeline.
  func pipeline(_ indices: [SweepAxis.Name: Int]) throws(LifeError) -> ForecastPipeline {
    let grid = evaluator.spec.grid
    let point = grid.point(grid.index(of: grid.axes.map { indices[$0.name] ?? 0 }))
    return try evaluator.pipeline(point)
  }

  /// Prefill totals of `pipeline`'s workload with `change` applied.
  func prefill(_ pipeline: ForecastPipeline, _ change: (inout WorkloadOptions) -> Void)
    throws(LifeError) -> PassTotals
  {
    var options = pipeline.effectiveOptions
    options.generate = 0
    change(&options)
    return WorkloadTotals.of(try Workload(model: pipeline.model, options: options)).prefill
  }

  func chunkedPrefill() throws(LifeError) -> Chart? {
    guard let axis = evaluator.spec.axes.first(where: { $0.name == .chunk }) else { return nil }
    var chunks: [Int] = []
    var compute: [Double] = []
    var memory: [Double] = []
    var dispatch: [Double] = []
    var prompt = 0
    var model = ""
    for (i, value) in axis.values.enumerated() {
      let pipeline = try self.pipeline([.chunk: i])
      model = pipeline.model.name
      let whole = try prefill(pipeline) { $0.chunk = nil }
      let chunked = try prefill(pipeline) { _ in }
      prompt = pipeline.options.prompt
      chunks.append(Int(value.number ?? 0))
      compute.append(Self.ratio(chunked.ops, whole.ops))
      memory.append(
        Self.ratio(
          chunked.read.total + chunked.written.total,
          whole.read.total + whole.written.total))
      dispatch.append(Self.ratio(Double(chunked.dispatchCalls), Double(whole.dispatchCalls)))
    }
    let svg = BarChartSVG.chunkedPrefill(
      prompt: prompt, chunks: chunks, computeRatio: compute, memoryRatio: memory,
      dispatchRatio: dispatch, model: model
    ).svg()
    return Chart(file: "chunked-prefill.svg", svg: svg)
  }

  func loraOps() throws(LifeError) -> Chart? {
    let axes = evaluator.spec.axes
    guard let prompts = axes.first(where: { $0.name == .prompt }),
      let ranks = axes.first(where: { $0.name == .loraRank })
    else { return nil }
    var baseline: [Double] = []
    var ops = [[Double]](repeating: [], count: ranks.values.count)
    var model = ""
    for p in prompts.values.indices {
      for r in ranks.values.indices {
        let pipeline = try self.pipeline([.prompt: p, .loraRank: r])
        model = pipeline.model.name
        if r == 0 { baseline.append(try prefill(pipeline) { $0.loraRank = nil }.ops) }
        ops[r].append(try prefill(pipeline) { _ in }.ops)
      }
    }
    let svg = BarChartSVG.loraOps(
      prompts: prompts.values.map { Int($0.number ?? 0) },
      ranks: ranks.values.map { Int($0.number ?? 0) }, baseline: baseline, ops: ops,
      layer: model + " prefill, all layers"
    ).svg()
    return Chart(file: "lora-ops.svg", svg: svg)
  }

  /// a / b, or 0 when b is 0.
  static func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }
}
