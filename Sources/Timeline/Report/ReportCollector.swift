import Engine
import Trace

/// Collects ``ReportData`` from the event stream (per-kind totals come from
/// the ``OpsTable`` at the end).
struct ReportCollector: EventSink {
  private(set) var data = ReportData()
  private var busy: [Double] = []
  private var overlap: Overlap = .op
  private var idleWatts = 0.0

  mutating func begin(_ run: RunInfo) {
    data.runName = run.name
    data.overlap = run.overlap.rawValue
    overlap = run.overlap
    idleWatts = run.idleWatts
    data.devices = run.devices.map {
      ReportData.DeviceInfo(key: $0.key, name: $0.device.name, kind: $0.device.kind.rawValue)
    }
    busy = Array(repeating: 0, count: run.devices.count)
  }

  func wantsOpEvents(in pass: PassInfo) -> Bool { true }
  mutating func handoff(_ event: HandoffEvent) {}

  mutating func passBegan(_ pass: PassInfo, at time: Double) {
    data.batch = pass.batch
    for i in busy.indices { busy[i] = 0 }
  }

  mutating func op(_ event: OpEvent) {
    guard busy.indices.contains(event.device) else { return }
    busy[event.device] += OpsTable.time(of: event, overlap: overlap)
  }

  mutating func passEnded(_ timing: PassTiming) {
    let isPrefill = timing.pass.phase == .prefill
    var totals = isPrefill ? data.prefill : data.decode
    if totals.passes == 0 {
      totals.device =
        data.devices.indices.contains(timing.device) ? data.devices[timing.device].key : ""
    }
    totals.passes += 1
    totals.time += timing.span.duration
    totals.tCompute += timing.tCompute
    totals.tMemory += timing.tMemory
    totals.tDispatch += timing.tDispatch
    totals.tHandoff += timing.tHandoff
    totals.dispatchCalls += timing.dispatchCalls
    totals.ops += timing.ops
    totals.bytesRead += timing.read.total
    totals.bytesWritten += timing.written.total
    totals.energy += timing.energy(idleWatts: idleWatts)
    if isPrefill { data.prefill = totals } else { data.decode = totals }
    if !isPrefill { data.tpot.append(timing.span.duration) }
    data.segments.append(
      ReportData.Segment(
        phase: timing.pass.phase.rawValue, start: timing.span.start, end: timing.span.end,
        busy: busy))
  }

  mutating func end() {}

  /// The data with per-kind totals from `table`.
  func finished(with table: OpsTable) -> ReportData {
    var result = data
    var merged: [String: (Int, Int, ReportData.KindTotals)] = [:]
    // Sorted keys: sums in a fixed order give the same digits every run.
    for key in table.totals.keys.sorted() {
      guard let totals = table.totals[key] else { continue }
      let id = "\(key.phase.rawValue)/\(key.kind.rawValue)"
      var entry =
        merged[id] ?? (
          key.phase == .prefill ? 0 : 1, key.kind.order,
          ReportData.KindTotals(
            phase: key.phase.rawValue, kind: key.kind.rawValue, ops: 0, bytes: 0)
        )
      entry.2.ops += totals.ops
      entry.2.bytes += totals.bytesRead + totals.bytesWritten
      merged[id] = entry
    }
    result.byKind = merged.values.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    return result
  }
}
