import Trace

/// Times one pass on its own: from a lane's state, starting at a given
/// time, on the mapped devices or pinned to one, with an optional slowdown
/// of each device's memory time. The building block of schedules in which
/// passes do not simply follow each other (a serving engine's lanes,
/// speculative decoding's draft and verify passes). It drives the same
/// ``SimulationRun`` as a whole forecast, so a pass timed here from the
/// state a forecast reaches takes exactly the forecast's time.
package struct PassTimer: Sendable {
  /// The simulator (devices, mapping, links, overlap).
  package let simulator: Simulator

  /// A timer on `simulator`.
  package init(simulator: Simulator) { self.simulator = simulator }

  /// The result of one pass.
  package struct Result: Sendable {
    /// The pass as timed (its span starts at the given start).
    package var timing: PassTiming
    /// The lane's state after it.
    package var state: LaneState
  }

  /// Times `pass` of `workload` from `state`, starting at `start` seconds;
  /// every event goes to `sink` (not `begin`/`end`: the caller draws many
  /// passes into one sink).
  package func time<E: EventSink>(
    _ pass: PassInfo, of workload: Workload, from state: LaneState, at start: Double,
    pinnedTo device: Int? = nil, memoryScale: [Double]? = nil, into sink: inout E
  ) throws(LifeError) -> Result {
    var run = SimulationRun(
      simulator: simulator, sink: sink, state: state, start: start, pinnedDevice: device,
      memoryScale: memoryScale)
    workload.emit(pass, into: &run)
    if let failure = run.failure { throw failure }
    sink = run.sink
    guard let timing = run.lastTiming else {
      throw LifeError(.failure, at: .none, "a pass produced no timing")
    }
    return Result(timing: timing, state: run.state)
  }

  /// ``time(_:of:from:at:pinnedTo:memoryScale:into:)`` with no sink.
  package func time(
    _ pass: PassInfo, of workload: Workload, from state: LaneState, at start: Double = 0,
    pinnedTo device: Int? = nil, memoryScale: [Double]? = nil
  ) throws(LifeError) -> Result {
    var sink = NullEventSink()
    return try time(
      pass, of: workload, from: state, at: start, pinnedTo: device, memoryScale: memoryScale,
      into: &sink)
  }
}
