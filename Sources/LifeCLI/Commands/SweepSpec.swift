import Engine
import Foundation
import Trace

/// A grid of forecasts: fixed flags plus one axis per `--vary` (the
/// engine's ``SweepAxis``, parsed by the engine's parser).
struct SweepSpec: Sendable, Equatable {
  /// `--model`: a preset name or config.json path; nil only when `model`
  /// is varied.
  var model: String?
  /// `--family`, when given.
  var family: String?
  /// `--device`; nil only when `device` is varied.
  var device: String?
  /// The fixed workload flags. When `prompt` is varied and `--prompt` is not
  /// given, `options.prompt` is 0 until an axis sets it.
  var options: WorkloadOptions
  /// `--overlap`.
  var overlap: Overlap
  /// Device fields fixed on the command line.
  var overrides: DeviceOverrides
  /// The grid: the axes in command-line order, and their product.
  var grid: SweepGrid
  /// The output directory.
  var out: String
  /// `--heatmap X,Y`: two varied axes.
  var heatmap: Heatmap?
  /// `--shard I/N`: run only the I-th of N contiguous parts of the grid.
  var shard: SweepShard?
  /// `--runtime` (a `runtime` axis overrides it per point).
  var runtime: RuntimeChoice = .automatic

  /// Two axes to chart against each other.
  struct Heatmap: Sendable, Equatable {
    /// The varied name along x.
    var x: SweepAxis.Name
    /// The varied name along y.
    var y: SweepAxis.Name
  }

  /// The number of points in the whole grid.
  var pointCount: Int { grid.count }

  /// The axes, in command-line order.
  var axes: [SweepAxis] { grid.axes }

  /// `--model`, or each value of the `model` axis.
  var modelReferences: [String] {
    if let axis = axes.first(where: { $0.name == .model }) { return axis.values.map(\.text) }
    return model.map { [$0] } ?? []
  }
}

extension SweepSpec {
  /// Reads the grid flags of a parsed `sweep` command line. Axes and the
  /// heat map's names are parsed by the engine (``SweepAxis/parse(_:)``,
  /// ``SweepGrid/heatmapAxes(_:)``).
  init(_ arguments: ParsedArguments, out: String) throws(LifeError) {
    var axes: [SweepAxis] = []
    for text in arguments.values("vary") {
      let axis = try SweepAxis.parse(text)
      if let option = axis.name.option, arguments.has(option.name) {
        throw LifeError.usage(
          .sweepAxis(option.name), "both varied and given as --\(option.name)", got: "'\(text)'",
          expected: "one or the other")
      }
      axes.append(axis)
    }
    let grid = try SweepGrid(axes: axes)
    let varied = axes.map(\.name)
    let model = try arguments.text("model")
    if model == nil, !varied.contains(.model) {
      throw LifeError.usage(
        .parameter(.model), "missing required flag",
        expected: "a preset name or config.json path, or --vary model=M1,M2")
    }
    if model != nil, varied.contains(.model) {
      throw LifeError.usage(
        .sweepAxis(SweepAxis.Name.model.name), "both varied and given as --model",
        expected: "one or the other")
    }
    let device = try arguments.text("device")
    if device == nil, !varied.contains(.device) {
      throw LifeError.usage(
        .parameter(.device), "missing required flag",
        expected: FlagSpec.deviceValues + ", or --vary device=D1,D2")
    }
    if !arguments.has("prompt"), !varied.contains(.prompt) {
      throw LifeError.usage(
        .option(.prompt), "missing required flag",
        expected: WorkloadOption.prompt.accepted + ", or --vary prompt=...")
    }
    let options = try arguments.workloadOptions()
    if arguments.has("runtime"), varied.contains(.runtime) {
      throw LifeError.usage(
        .sweepAxis(SweepAxis.Name.runtime.name), "both varied and given as --runtime",
        expected: "one or the other")
    }
    let runtime = try arguments.runtimeChoice()
    try runtime.check(deviceKeys: ["device"])
    let shard = try arguments.text("shard").map { (text) throws(LifeError) in
      try SweepShard.parse(text)
    }
    try grid.checkRunSize(shard: shard)
    self.init(
      model: model, device: device, options: options,
      overlap: try arguments.choice("overlap", Overlap.self) ?? .op,
      overrides: try arguments.deviceOverrides(), grid: grid, out: out,
      heatmap: try arguments.text("heatmap").map { (text) throws(LifeError) in
        let (x, y) = try grid.heatmapAxes(text)
        return Heatmap(x: x, y: y)
      },
      shard: shard, runtime: runtime)
    family = try arguments.text("family")
  }
}

extension SweepSpec {
  /// Forecasts the grid (or this shard of it) into `sweep.csv` and the
  /// charts the axes call for.
  func run(console: Console) throws(LifeError) {
    let spec = self
    let runner = SweepRunner()
    let evaluator = try SweepEvaluator(spec, threads: runner.threads)
    let range = spec.shard?.range(total: spec.grid.count) ?? 0..<spec.grid.count
    let transaction = try OutputTransaction(directory: spec.out, owned: [SweepCSV.fileName])
    let progress = SweepProgress.onTerminal()
    var report: SweepRunner.Progress?
    if let progress {
      report = { @Sendable (done: Int, total: Int) in progress.report(done, of: total) }
    }
    let evaluate: SweepRunner.Evaluate = { @Sendable (point: SweepPoint) throws(LifeError) in
      try evaluator.evaluate(point)
    }
    var lines: [String] = []
    do throws(LifeError) {
      let rows = try runner.run(
        spec.grid, shard: spec.shard, order: SweepEvaluator.order(spec.grid, range: range),
        progress: report, evaluate: evaluate)
      progress?.finish()
      let csv = try SweepCSV.write(axes: spec.axes, rows: rows, in: transaction)
      lines.append("wrote \(csv) (\(rows.count) of \(spec.grid.count) points)")
      for chart in try SweepCharts(evaluator: evaluator).charts(rows: rows) {
        try AtomicFile.write(chart.svg, name: chart.file, in: transaction)
        lines.append("wrote \(transaction.path(chart.file))")
      }
      try transaction.commit()
    } catch {
      transaction.discard()
      throw error
    }
    for line in lines { console.print(line) }
  }
}
