import Engine
import Trace

/// `life sweep`: a grid of forecasts, or `--merge` of sharded grids.
enum SweepRequest: Sendable, Equatable {
  /// Run (a shard of) a grid.
  case grid(SweepSpec)
  /// `--merge DIR...`: join the shards' outputs into one.
  case merge(shards: [String], out: String)
}

/// A grid of forecasts: fixed flags plus one axis per `--vary` (the
/// engine's ``SweepAxis``, parsed by the engine's parser).
struct SweepSpec: Sendable, Equatable {
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
  /// The grid: the axes in command-line order, and their product.
  var grid: SweepGrid
  /// The output directory.
  var out: String
  /// `--heatmap X,Y`: two varied names.
  var heatmap: Heatmap?
  /// `--shard I/N`: run only the I-th of N contiguous parts of the grid.
  var shard: SweepShard?

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
}
