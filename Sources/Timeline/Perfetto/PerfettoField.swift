/// Field numbers and enumeration values of Perfetto's trace protos
/// (protos/perfetto/trace/: trace.proto, trace_packet.proto,
/// track_event/{track_event,track_descriptor,process_descriptor,
/// thread_descriptor,counter_descriptor,debug_annotation}.proto,
/// interned_data/interned_data.proto).
enum PerfettoField {
  /// `Trace`.
  enum Trace {
    static let packet: UInt64 = 1
  }

  /// `TracePacket`.
  enum Packet {
    static let timestamp: UInt64 = 8
    static let clockSnapshot: UInt64 = 6
    static let trustedPacketSequenceId: UInt64 = 10
    static let trackEvent: UInt64 = 11
    static let internedData: UInt64 = 12
    static let sequenceFlags: UInt64 = 13
    static let timestampClockId: UInt64 = 58
    static let tracePacketDefaults: UInt64 = 59
    static let trackDescriptor: UInt64 = 60
    /// `sequence_flags`: the sequence's interned data starts afresh here.
    static let incrementalStateCleared: UInt64 = 1
    /// `sequence_flags`: the packet uses the sequence's interned data.
    static let needsIncrementalState: UInt64 = 2
  }

  /// `TracePacketDefaults`.
  enum Defaults {
    static let timestampClockId: UInt64 = 58
  }

  /// `ClockSnapshot` and its `Clock`s.
  enum Clock {
    static let clocks: UInt64 = 1
    static let clockId: UInt64 = 1
    static let timestamp: UInt64 = 2
    static let isIncremental: UInt64 = 3
    /// `BUILTIN_CLOCK_BOOTTIME`, the trace's default clock.
    static let boottime: UInt64 = 6
    /// A clock of this sequence (64 to 127 are sequence-scoped) whose
    /// timestamps are deltas from the previous one on it.
    static let incremental: UInt64 = 64
  }

  /// `TrackEvent`.
  enum Event {
    static let categoryIids: UInt64 = 3
    static let categories: UInt64 = 22
    static let debugAnnotations: UInt64 = 4
    static let type: UInt64 = 9
    static let nameIid: UInt64 = 10
    static let trackUuid: UInt64 = 11
    static let name: UInt64 = 23
    static let doubleCounterValue: UInt64 = 44
    static let flowIds: UInt64 = 47
    static let terminatingFlowIds: UInt64 = 48
    /// `TrackEvent.Type`.
    static let sliceBegin: UInt64 = 1
    static let sliceEnd: UInt64 = 2
    static let counter: UInt64 = 4
  }

  /// `DebugAnnotation`.
  enum Annotation {
    static let nameIid: UInt64 = 1
    static let boolValue: UInt64 = 2
    static let intValue: UInt64 = 4
    static let doubleValue: UInt64 = 5
    static let stringValue: UInt64 = 6
    static let stringValueIid: UInt64 = 17
  }

  /// `TrackDescriptor`.
  enum Track {
    static let uuid: UInt64 = 1
    static let name: UInt64 = 2
    static let process: UInt64 = 3
    static let thread: UInt64 = 4
    static let parentUuid: UInt64 = 5
    static let counter: UInt64 = 8
  }

  /// `ProcessDescriptor`.
  enum Process {
    static let pid: UInt64 = 1
    static let processName: UInt64 = 6
  }

  /// `ThreadDescriptor`.
  enum Thread {
    static let pid: UInt64 = 1
    static let tid: UInt64 = 2
    static let threadName: UInt64 = 5
  }

  /// `InternedData`; each entry is `{iid = 1, name = 2}`.
  enum Interned {
    static let eventCategories: UInt64 = 1
    static let eventNames: UInt64 = 2
    static let debugAnnotationNames: UInt64 = 3
    /// Entries `{iid = 1, str = 2}`.
    static let debugAnnotationStringValues: UInt64 = 29
    static let iid: UInt64 = 1
    static let name: UInt64 = 2
  }
}
