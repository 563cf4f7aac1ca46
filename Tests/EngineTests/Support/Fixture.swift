import Engine
import Foundation
import Trace

/// Small hand-made devices, passes and operators for engine tests, so they
/// need no workload model.
enum Fixture {
  /// One operator: `read` bytes of weights, `written` bytes of activations.
  static func op(
    _ phase: Phase = .prefill, step: Int = 0, kind: OpKind = .gemm, dtype: DType = .bf16,
    ops: Double, read: Double = 0, written: Double = 0, kvWritten: Double = 0, calls: Int = 1
  ) -> OpRecord {
    OpRecord(
      phase: phase, step: step, layer: 0, site: .qProj, kind: kind, shape: OpShape(1, 1, 1),
      inputType: dtype, computeType: dtype, ops: ops, read: BytesRead(weights: read),
      written: BytesWritten(activations: written, kv: kvWritten), dispatchCalls: calls)
  }

  /// A device with `tops` TOPS for every dtype.
  static func device(
    _ kind: DeviceKind = .gpu, tops: Double, bandwidth: Double, dispatchUs: Double = 0,
    compute: Double = 1, memory: Double = 1, group: String? = nil, memoryGiB: Double? = nil
  ) -> Device {
    Device(
      name: "test \(kind.rawValue)", kind: kind, peakTops: ["default": tops],
      bandwidthGBs: bandwidth,
      dispatchUs: dispatchUs, memoryGiB: memoryGiB, sharedMemoryGroup: group,
      efficiency: Efficiency(compute: compute, memory: memory))
  }

  static func prefill(_ prompt: Int, batch: Int = 1) -> PassInfo {
    PassInfo(phase: .prefill, step: 0, newTokens: prompt, pastTokens: 0, batch: batch)
  }

  static func decode(_ step: Int, prompt: Int, batch: Int = 1) -> PassInfo {
    PassInfo(phase: .decode, step: step, newTokens: 1, pastTokens: prompt + step - 1, batch: batch)
  }

  /// A simulator with one device keyed `d`.
  static func single(_ device: Device, overlap: Overlap = .op) throws -> Simulator {
    try Simulator(
      name: "test", devices: [("d", device)], mapping: Mapping(prefill: "d", decode: "d"),
      overlap: overlap)
  }

  /// Runs passes and returns the forecast.
  static func forecast(
    _ simulator: Simulator, _ passes: [(pass: PassInfo, records: [OpRecord])]
  ) throws -> Forecast {
    var collector = ForecastCollector()
    try simulator.run(passes: passes, into: &collector)
    return collector.forecast
  }

  /// A temporary file holding `text`.
  static func file(_ name: String, _ text: String, in directory: String? = nil) throws -> String {
    let dir = directory ?? Fixture.directory()
    let path = dir + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// A fresh temporary directory.
  static func directory() -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-engine-tests-\(UInt64.random(in: 0...UInt64.max))").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}

/// Records every event, in order, as text.
struct RecordingSink: EventSink {
  var log: [String] = []
  var ops: [OpEvent] = []
  var handoffs: [HandoffEvent] = []
  var timings: [PassTiming] = []
  var began: [Double] = []

  mutating func begin(_ run: RunInfo) { log.append("begin") }
  func wantsOpEvents(in pass: PassInfo) -> Bool { true }
  mutating func handoff(_ event: HandoffEvent) {
    log.append("handoff \(event.from)->\(event.to)")
    handoffs.append(event)
  }
  mutating func passBegan(_ pass: PassInfo, at time: Double) {
    log.append("pass \(pass.phase.rawValue) \(pass.step)")
    began.append(time)
  }
  mutating func op(_ event: OpEvent) {
    log.append("op \(event.device)")
    ops.append(event)
  }
  mutating func passEnded(_ timing: PassTiming) {
    log.append("end \(timing.pass.phase.rawValue) \(timing.pass.step)")
    timings.append(timing)
  }
  mutating func end() { log.append("end") }
}
