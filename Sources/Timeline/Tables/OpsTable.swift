import Engine
import Trace

/// Ops, bytes and time by phase × operator kind × device, summed over every
/// operator of the run: `ops.csv`, and the report's per-kind charts.
struct OpsTable: EventSink {
  struct Key: Hashable, Comparable {
    var phase: Phase
    var kind: OpKind
    var device: Int

    static func < (a: Key, b: Key) -> Bool {
      let pa = a.phase == .prefill ? 0 : 1, pb = b.phase == .prefill ? 0 : 1
      if pa != pb { return pa < pb }
      if a.kind != b.kind { return a.kind < b.kind }
      return a.device < b.device
    }
  }

  struct Totals {
    var ops = 0.0, opsPadded = 0.0, bytesRead = 0.0, bytesWritten = 0.0
    var dispatchCalls = 0
    var time = 0.0, tCompute = 0.0, tMemory = 0.0
    var count = 0
  }

  static let header = [
    "phase", "kind", "device", "ops", "ops_padded", "bytes_read", "bytes_written",
    "dispatch_calls", "time_ms", "t_compute_ms", "t_memory_ms", "operators",
  ]

  private(set) var totals: [Key: Totals] = [:]
  private(set) var deviceKeys: [String] = []
  private var overlap: Overlap = .op

  mutating func begin(_ run: RunInfo) {
    deviceKeys = run.devices.map(\.key)
    overlap = run.overlap
  }

  func wantsOpEvents(in pass: PassInfo) -> Bool { true }
  mutating func handoff(_ event: HandoffEvent) {}
  mutating func passBegan(_ pass: PassInfo, at time: Double) {}
  mutating func passEnded(_ timing: PassTiming) {}
  mutating func end() {}

  /// An operator's own time: its span in `op` overlap; dispatch plus the
  /// longer of compute and memory in `phase` overlap (there the pipelines
  /// overlap across operators, so these do not add up to the phase time).
  static func time(of event: OpEvent, overlap: Overlap) -> Double {
    switch overlap {
    case .op: return event.end - event.start
    case .phase: return event.dispatch.duration + max(event.compute.duration, event.memory.duration)
    }
  }

  mutating func op(_ event: OpEvent) {
    let record = event.record
    let key = Key(phase: record.phase, kind: record.kind, device: event.device)
    var entry = totals[key] ?? Totals()
    entry.ops += record.ops
    entry.opsPadded += record.opsPadded
    entry.bytesRead += record.read.total
    entry.bytesWritten += record.written.total
    entry.dispatchCalls += record.dispatchCalls
    entry.time += Self.time(of: event, overlap: overlap)
    entry.tCompute += event.compute.duration
    entry.tMemory += event.memory.duration
    entry.count += 1
    totals[key] = entry
  }

  func deviceKey(_ index: Int) -> String {
    deviceKeys.indices.contains(index) ? deviceKeys[index] : "\(index)"
  }

  /// The CSV text, rows ordered by phase, kind and device.
  var csv: String {
    var text = CSVFormat.line(Self.header)
    for key in totals.keys.sorted() {
      guard let t = totals[key] else { continue }
      text += CSVFormat.line([
        key.phase.rawValue, key.kind.rawValue, deviceKey(key.device), CSVFormat.number(t.ops),
        CSVFormat.number(t.opsPadded), CSVFormat.number(t.bytesRead),
        CSVFormat.number(t.bytesWritten), String(t.dispatchCalls), CSVFormat.number(t.time * 1e3),
        CSVFormat.number(t.tCompute * 1e3), CSVFormat.number(t.tMemory * 1e3), String(t.count),
      ])
    }
    return text
  }
}
