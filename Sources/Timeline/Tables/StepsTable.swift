import Engine
import Trace

/// Writes `steps.csv` as decode steps finish: one row per step, every step.
final class StepsTable: EventSink {
  static let header = [
    "step", "kv_len", "ops", "bytes_read", "bytes_written", "kv_bytes_read", "dispatch_calls",
    "tpot_ms", "t_compute_ms", "t_memory_ms", "bound", "device", "energy_j",
  ]
  let output: any TextOutput
  private var deviceKeys: [String] = []
  private var idleWatts = 0.0

  init(path: String, in transaction: OutputTransaction?) throws(LifeError) {
    output = try AtomicFile.open(path, in: transaction)
    output.write(CSVFormat.line(Self.header))
  }

  func begin(_ run: RunInfo) {
    deviceKeys = run.devices.map(\.key)
    idleWatts = run.idleWatts
  }
  func wantsOpEvents(in pass: PassInfo) -> Bool { false }
  func handoff(_ event: HandoffEvent) {}
  func passBegan(_ pass: PassInfo, at time: Double) {}
  func op(_ event: OpEvent) {}
  func end() {}

  func passEnded(_ timing: PassTiming) {
    guard timing.pass.phase == .decode else { return }
    let device =
      deviceKeys.indices.contains(timing.device) ? deviceKeys[timing.device] : "\(timing.device)"
    output.write(
      CSVFormat.line([
        String(timing.pass.step), String(timing.pass.kvLength), CSVFormat.number(timing.ops),
        CSVFormat.number(timing.read.total), CSVFormat.number(timing.written.total),
        CSVFormat.number(timing.read.kv), String(timing.dispatchCalls),
        CSVFormat.number(timing.span.duration * 1e3), CSVFormat.number(timing.tCompute * 1e3),
        CSVFormat.number(timing.tMemory * 1e3), timing.bound.rawValue, device,
        CSVFormat.number(timing.energy(idleWatts: idleWatts)),
      ]))
  }
}
