import Trace

/// Sends one event stream to two sinks: e.g. a ``ForecastCollector`` and a
/// timeline writer.
public struct EventTee<A: EventSink, B: EventSink>: EventSink {
  /// The first sink.
  public var first: A
  /// The second sink.
  public var second: B
  private var firstWants = true
  private var secondWants = true

  /// Pairs two sinks.
  public init(_ first: A, _ second: B) {
    self.first = first
    self.second = second
  }

  public mutating func begin(_ run: RunInfo) {
    first.begin(run)
    second.begin(run)
  }

  public func wantsOpEvents(in pass: PassInfo) -> Bool {
    first.wantsOpEvents(in: pass) || second.wantsOpEvents(in: pass)
  }

  public mutating func handoff(_ event: HandoffEvent) {
    first.handoff(event)
    second.handoff(event)
  }

  public mutating func passBegan(_ pass: PassInfo, at time: Double) {
    firstWants = first.wantsOpEvents(in: pass)
    secondWants = second.wantsOpEvents(in: pass)
    first.passBegan(pass, at: time)
    second.passBegan(pass, at: time)
  }

  public mutating func op(_ event: OpEvent) {
    if firstWants { first.op(event) }
    if secondWants { second.op(event) }
  }

  public mutating func passEnded(_ timing: PassTiming) {
    first.passEnded(timing)
    second.passEnded(timing)
  }

  public mutating func end() {
    first.end()
    second.end()
  }
}

/// A sink that ignores everything.
public struct NullEventSink: EventSink {
  /// Creates the sink.
  public init() {}
  public mutating func begin(_ run: RunInfo) {}
  public func wantsOpEvents(in pass: PassInfo) -> Bool { false }
  public mutating func handoff(_ event: HandoffEvent) {}
  public mutating func passBegan(_ pass: PassInfo, at time: Double) {}
  public mutating func op(_ event: OpEvent) {}
  public mutating func passEnded(_ timing: PassTiming) {}
  public mutating func end() {}
}

/// Sends one op trace to two op sinks.
public struct OpTee<A: OpSink, B: OpSink>: OpSink {
  /// The first sink.
  public var first: A
  /// The second sink.
  public var second: B

  /// Pairs two sinks.
  public init(_ first: A, _ second: B) {
    self.first = first
    self.second = second
  }

  public mutating func beginPass(_ pass: PassInfo) {
    first.beginPass(pass)
    second.beginPass(pass)
  }

  public mutating func consume(_ record: OpRecord) {
    first.consume(record)
    second.consume(record)
  }

  public mutating func consume(layers layer: ArraySlice<OpRecord>, repeating count: Int) {
    first.consume(layers: layer, repeating: count)
    second.consume(layers: layer, repeating: count)
  }

  public mutating func endPass(_ pass: PassInfo) {
    first.endPass(pass)
    second.endPass(pass)
  }
}
