import Trace

/// Which device runs which work: by phase, with per-kind overrides.
public struct Mapping: Sendable, Equatable {
  /// Device key for prefill.
  public var prefill: String
  /// Device key for decode.
  public var decode: String
  /// Device key by operator kind, overriding the phase's device.
  public var byKind: [OpKind: String]

  /// Creates a mapping.
  public init(prefill: String, decode: String, byKind: [OpKind: String] = [:]) {
    self.prefill = prefill
    self.decode = decode
    self.byKind = byKind
  }

  /// The device key that runs `kind` in `phase`.
  package func device(for kind: OpKind, in phase: Phase) -> String {
    byKind[kind] ?? (phase == .prefill ? prefill : decode)
  }
}

/// A link between two devices: hand-offs over it cost bytes / bandwidth +
/// latency.
public struct Link: Sendable, Equatable {
  /// Source device key.
  public var from: String
  /// Destination device key.
  public var to: String
  /// Bandwidth in GB/s.
  public var bandwidthGBs: Double
  /// Latency in microseconds.
  public var latencyUs: Double

  /// Creates a link.
  public init(from: String, to: String, bandwidthGBs: Double, latencyUs: Double) {
    self.from = from
    self.to = to
    self.bandwidthGBs = bandwidthGBs
    self.latencyUs = latencyUs
  }
}

/// How compute and memory time combine.
public enum Overlap: String, Sendable, CaseIterable {
  /// Each operator lasts dispatch + max(compute, memory).
  case op
  /// Paper Eq. 1–3: compute and memory are two independent pipelines within
  /// a pass; the pass ends when both are done.
  case phase
}

/// Compute- or memory-bound.
public enum Bound: String, Sendable {
  case compute, memory
}
