import Trace

/// What a device draws: its idle power, its power at full load, the energy of
/// one operation by compute dtype and of one DRAM byte, and an optional
/// sustained cap (docs/energy.md).
///
/// The energy of an operator is `ops_padded × pj_per_op[dtype] + bytes ×
/// pj_per_byte` on top of `idle_w` for as long as the device is on. An entry
/// of `pj_per_op` that is not given is derived so that the device draws
/// `max_w` when it computes at its peak: `(max_w − idle_w) / peak TOPS` of
/// that dtype (pJ per op, since W / (10^12 op/s) = pJ/op).
package struct DevicePower: Sendable, Equatable {
  /// Power drawn while on and doing nothing, W.
  package var idleW: Double
  /// Power at full load (datasheet TDP / board power), W.
  package var maxW: Double
  /// Energy per operation by `peak_tops` key (`default` applies to keys not
  /// listed), pJ; what is absent is derived from `max_w`, `idle_w` and the
  /// peak TOPS.
  package var pjPerOp: [String: Double]
  /// Energy per byte moved to or from DRAM, pJ.
  package var pjPerByte: Double
  /// A sustained cap on each pass's average power, W; nil for none.
  package var capW: Double?
  /// A burst cap above ``capW`` for the first ``burstS`` seconds of a run
  /// (a laptop's short-term power limit, a phone before it throttles), W;
  /// nil for none.
  package var burstW: Double?
  /// How long the burst cap lasts from the start of the run, s.
  package var burstS: Double?

  /// Creates a power description.
  package init(
    idleW: Double, maxW: Double, pjPerOp: [String: Double] = [:], pjPerByte: Double,
    capW: Double? = nil
  ) {
    self.idleW = idleW
    self.maxW = maxW
    self.pjPerOp = pjPerOp
    self.pjPerByte = pjPerByte
    self.capW = capW
  }

  /// Joules per operation for the `peak_tops` entry `key` whose rate is
  /// `tops`: the given `pj_per_op[key]`, else its `default`, else
  /// `(max_w − idle_w) / tops`.
  package func joulesPerOp(key: String, tops: Double) -> Double {
    if let given = pjPerOp[key] ?? pjPerOp["default"] { return given * 1e-12 }
    return max(0, maxW - idleW) / tops * 1e-12
  }

  /// The least seconds a joule of operator energy may take under a cap of
  /// `watts`: 1 / (watts − idle_w); 0 for no cap (or one the device cannot
  /// meet, which loading refuses).
  package func secondsPerJoule(cap watts: Double?) -> Double {
    guard let watts, watts > idleW else { return 0 }
    return 1 / (watts - idleW)
  }

  /// Joules per DRAM byte.
  package var joulesPerByte: Double { pjPerByte * 1e-12 }

  /// The average power of a span of `seconds` on this device that spends
  /// `dynamicJoules` on operations: `idle_w + dynamic / seconds` (`idle_w`
  /// for an empty span).
  package func averagePower(dynamicJoules: Double, seconds: Double) -> Double {
    seconds > 0 ? idleW + dynamicJoules / seconds : idleW
  }
}
