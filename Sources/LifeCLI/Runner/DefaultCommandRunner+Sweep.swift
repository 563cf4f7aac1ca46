import Engine
import Foundation
import Trace

extension DefaultCommandRunner {
  /// `life sweep`: a grid (or one shard of it) of forecasts into
  /// `DIR/sweep.csv` and charts, or `--merge` of shards' CSVs.
  func sweep(_ request: SweepRequest, console: Console) throws(LifeError) {
    switch request {
    case .merge(let shards, let out):
      try Self.makeDirectory(out)
      let path = try SweepMerge.write(shards, directory: out)
      console.print("wrote \(path)")
    case .grid(let spec):
      try runSweepGrid(spec, console: console)
    }
  }

  private func runSweepGrid(_ spec: SweepSpec, console: Console) throws(LifeError) {
    let runner = SweepRunner()
    let evaluator = try SweepEvaluator(spec, threads: runner.threads)
    let range = spec.shard?.range(total: spec.grid.count) ?? 0..<spec.grid.count
    try Self.makeDirectory(spec.out)
    let progress = SweepProgress.onTerminal()
    var report: SweepRunner.Progress?
    if let progress {
      report = { @Sendable (done: Int, total: Int) in progress.report(done, of: total) }
    }
    let evaluate: SweepRunner.Evaluate = { @Sendable (point: SweepPoint) throws(LifeError) in
      try evaluator.evaluate(point)
    }
    let rows = try runner.run(
      spec.grid, shard: spec.shard, order: SweepEvaluator.order(spec.grid, range: range),
      progress: report, evaluate: evaluate)
    progress?.finish()
    let csv = try SweepCSV.write(axes: spec.axes, rows: rows, directory: spec.out)
    console.print("wrote \(csv) (\(rows.count) of \(spec.grid.count) points)")
    for chart in try SweepCharts(evaluator: evaluator).charts(rows: rows) {
      let path = (spec.out as NSString).appendingPathComponent(chart.file)
      try AtomicFile.write(chart.svg, to: path)
      console.print("wrote \(path)")
    }
  }

  /// Creates `path` (and its parents) when missing.
  static func makeDirectory(_ path: String) throws(LifeError) {
    do {
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true, attributes: nil)
    } catch {
      throw LifeError.file(
        path, path: nil, "cannot create the output directory", got: error.localizedDescription)
    }
  }
}
