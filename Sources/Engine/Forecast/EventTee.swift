import Trace

/// Sends one event stream to two sinks: e.g. a ``ForecastCollector`` and a
/// timeline writer.
package struct EventTee<A: EventSink, B: EventSink>: EventSink {
  /// The first sink.
  package var first: A
  /// The second sink.
  package var second: B
  private var firstWants = true
  private var secondWants = true

  /// Pairs two sinks.
  package init(_ first: A, _ second: B) {
    self.first = first
    self.second = second
  }

  package mutating func begin(_ run: RunInfo) {
    first.begin(run)
    second.begin(run)
  }

  package func wantsOpEvents(in pass: PassInfo) -> Bool {
    first.wantsOpEvents(in: pass) || second.wantsOpEvents(in: pass)
  }

  package mutating func handoff(_ event: HandoffEvent) {
    first.handoff(event)
    second.handoff(event)
  }

  package mutating func passBegan(_ pass: PassInfo, at time: Double) {
    firstWants = first.wantsOpEvents(in: pass)
    secondWants = second.wantsOpEvents(in: pass)
    first.passBegan(pass, at: time)
    second.passBegan(pass, at: time)
  }

  package mutating func op(_ event: OpEvent) {
    if firstWants { first.op(event) }
    if secondWants { second.op(event) }
  }

  package mutating func passEnded(_ timing: PassTiming) {
    first.passEnded(timing)
    second.passEnded(timing)
  }

  package mutating func end() {
    first.end()
    second.end()
  }

  package var failure: LifeError? { first.failure ?? second.failure }
}

/// A sink that ignores everything.
package struct NullEventSink: EventSink {
  /// Creates the sink.
  package init() {}
  package mutating func begin(_ run: RunInfo) {}
  package func wantsOpEvents(in pass: PassInfo) -> Bool { false }
  package mutating func handoff(_ event: HandoffEvent) {}
  package mutating func passBegan(_ pass: PassInfo, at time: Double) {}
  package mutating func op(_ event: OpEvent) {}
  package mutating func passEnded(_ timing: PassTiming) {}
  package mutating func end() {}
}

/// Sends one op trace to two op sinks.
package struct OpTee<A: OpSink, B: OpSink>: OpSink {
  /// The first sink.
  package var first: A
  /// The second sink.
  package var second: B

  /// Pairs two sinks.
  package init(_ first: A, _ second: B) {
    self.first = first
    self.second = second
  }

  package mutating func beginPass(_ pass: PassInfo) {
    first.beginPass(pass)
    second.beginPass(pass)
  }

  package mutating func consume(_ record: OpRecord) {
    first.consume(record)
    second.consume(record)
  }

  package mutating func consume(layers layer: ArraySlice<OpRecord>, repeating count: Int) {
    first.consume(layers: layer, repeating: count)
    second.consume(layers: layer, repeating: count)
  }

  package mutating func endPass(_ pass: PassInfo) {
    first.endPass(pass)
    second.endPass(pass)
  }

  package var isStopped: Bool { first.isStopped || second.isStopped }
}
