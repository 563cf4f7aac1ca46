import Engine
import Trace

/// `life sweep`: a grid of forecasts, or `--merge` of sharded grids.
enum SweepRequest: Sendable, Equatable {
  /// Run (a shard of) a grid.
  case grid(SweepGrid)
  /// `--merge DIR...`: join the shards' outputs into one.
  case merge(shards: [String], out: String)
}

/// A grid of forecasts: fixed flags plus one axis per `--vary`.
struct SweepGrid: Sendable, Equatable {
  /// A preset name or config.json path.
  var model: String
  /// `--device`; nil only when `device` is varied.
  var device: String?
  /// The fixed workload flags. When `prompt` is varied and `--prompt` is not
  /// given, `options.prompt` is 0 until an axis sets it.
  var options: WorkloadOptions
  /// `--overlap`.
  var overlap: Overlap
  /// Device fields fixed on the command line.
  var overrides: DeviceOverrides
  /// The axes, in command-line order; the grid is their product.
  var axes: [SweepAxis]
  /// The output directory.
  var out: String
  /// `--heatmap X,Y`: two varied names.
  var heatmap: Heatmap?
  /// `--shard I/N`: run only the I-th of N interleaved parts of the grid.
  var shard: Shard?

  /// Two axes to chart against each other.
  struct Heatmap: Sendable, Equatable {
    /// The varied name along x.
    var x: String
    /// The varied name along y.
    var y: String
  }

  /// One part of a grid split across processes: index in 1...count.
  struct Shard: Sendable, Equatable {
    /// 1-based.
    var index: Int
    /// How many shards in all.
    var count: Int
  }

  /// The number of points in the whole grid.
  var pointCount: Int { axes.reduce(1) { $0 * $1.values.count } }
}

/// One `--vary NAME=...`: a name and its values, ranges expanded.
struct SweepAxis: Sendable, Equatable {
  /// What a name varies.
  enum Kind: Sendable, Equatable {
    /// A workload option (`prompt`, `weights`, ...): values are flag text,
    /// applied with ``WorkloadOptions/set(_:to:at:)``.
    case workload
    /// A device field (`tops`, `bandwidth`, `compute-efficiency`,
    /// `memory-efficiency`, `dispatch-us`): values are numbers.
    case deviceField
    /// `device`: values are presets or device JSON paths.
    case device
  }

  /// The name as typed after `--vary`.
  var name: String
  /// What it varies.
  var kind: Kind
  /// The values as text (numbers in ``JSONFormat/number(_:)`` form), in
  /// order; these are also the CSV column's cells.
  var values: [String]
}
