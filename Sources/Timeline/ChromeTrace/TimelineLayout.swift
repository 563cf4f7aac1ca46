/// Where one run's processes go in a timeline: a pid base and a name prefix,
/// so that several runs (a comparison) can share one file as separate
/// process groups.
///
/// A run uses pid `pidBase + 1` for its request process and
/// `pidBase + 2 + i` for device `i`; thread ids are `pid × 10 + lane`
/// (never 0). Give each run a `pidBase` at least 10 + its device count
/// apart, e.g. 100 × run index.
public struct TimelineLayout: Sendable, Equatable {
  /// Added to every pid of the run.
  public var pidBase: Int
  /// Prefixed to every process name of the run (e.g. `"all on iGPU · "`).
  public var namePrefix: String

  /// Creates a layout.
  public init(pidBase: Int = 0, namePrefix: String = "") {
    self.pidBase = pidBase
    self.namePrefix = namePrefix
  }

  /// The request process.
  var requestPid: Int { pidBase + 1 }
  /// Device `index`'s process.
  func devicePid(_ index: Int) -> Int { pidBase + 2 + index }
  /// A thread of `pid`.
  static func tid(pid: Int, lane: Lane) -> Int { pid * 10 + lane.rawValue }

  /// The threads of a process, in display order.
  enum Lane: Int, CaseIterable {
    case operators = 1, dispatch, compute, memory, handoffs

    var title: String {
      switch self {
      case .operators: return "operators"
      case .dispatch: return "dispatch"
      case .compute: return "compute"
      case .memory: return "memory"
      case .handoffs: return "hand-offs"
      }
    }
  }
}
