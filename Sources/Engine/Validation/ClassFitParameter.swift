import Foundation
import Trace

/// A figure of a runtime's device class that the corpus fit adjusts, with
/// the transform that keeps it in range and the prior width (in transformed
/// units) that ties it to the runtime file's value when rows say little.
package enum ClassFitParameter: String, Sendable, CaseIterable, Equatable {
  /// The GEMM compute curve's ceiling, in (0, 1].
  case computeMax = "compute.max"
  /// The tokens at which a reference-size device reaches half the ceiling.
  case halfTokens = "compute.half_tokens"
  /// How the half-way point grows with the device's peak.
  case sizeExponent = "compute.size_exponent"
  /// The fraction of peak bandwidth reached.
  case memory
  /// The cost of one kernel launch, µs (prefill and decode alike).
  case launch = "launch_us"
  /// Host work per pass, µs (prefill and decode alike).
  case host = "host_us"
  /// Attention's compute ceiling (the score and context BMMs and the
  /// softmax, or the flash kernel).
  case attentionMax = "attention.max"
  /// The tokens at which attention reaches half its ceiling.
  case attentionHalfTokens = "attention.half_tokens"
  /// The fraction of bandwidth the KV-cache update reaches (a concatenating
  /// update allocates and copies the whole cache every pass).
  case kvCacheMemory = "by_kind.kv_cache.memory"

  /// The value in `figures`.
  func value(in figures: ClassFigures) -> Double {
    switch self {
    case .computeMax: return figures.compute.max
    case .halfTokens: return figures.compute.halfTokens
    case .sizeExponent: return figures.compute.sizeExponent
    case .memory: return figures.memory
    case .launch: return figures.launchUs.decode
    case .host: return figures.hostUs.decode
    case .attentionMax: return (figures.attention ?? figures.compute).max
    case .attentionHalfTokens: return (figures.attention ?? figures.compute).halfTokens
    case .kvCacheMemory: return figures.byKind[.kvCache]?.memory ?? figures.memory
    }
  }

  /// `figures` with this parameter set to `value` (launch and host set for
  /// both phases).
  func set(_ value: Double, in figures: inout ClassFigures) {
    switch self {
    case .computeMax: figures.compute.max = value
    case .halfTokens: figures.compute.halfTokens = value
    case .sizeExponent: figures.compute.sizeExponent = value
    case .memory: figures.memory = value
    case .launch: figures.launchUs = PhaseValues(prefill: value, decode: value)
    case .host: figures.hostUs = PhaseValues(prefill: value, decode: value)
    case .attentionMax:
      var a = figures.attention ?? figures.compute
      a.max = value
      figures.attention = a
    case .attentionHalfTokens:
      var a = figures.attention ?? figures.compute
      a.halfTokens = value
      figures.attention = a
    case .kvCacheMemory: figures.byKind[.kvCache, default: KindEfficiency()].memory = value
    }
  }

  /// The unconstrained coordinate of `value`: logit for fractions, log for
  /// non-negative amounts (offset so that 0 is reachable), a scaled logit
  /// for the exponent in [0, 1.5].
  func unconstrained(_ value: Double) -> Double {
    switch self {
    case .computeMax, .memory, .attentionMax, .kvCacheMemory:
      let v = min(max(value, 1e-4), 1 - 1e-4)
      return log(v / (1 - v))
    case .halfTokens, .attentionHalfTokens: return log(max(value, 0) + 1)
    case .launch: return log(max(value, 0) + 0.05)
    case .host: return log(max(value, 0) + 1)
    case .sizeExponent:
      let v = min(max(value / 1.5, 1e-4), 1 - 1e-4)
      return log(v / (1 - v))
    }
  }

  /// The value of an unconstrained coordinate.
  func natural(_ u: Double) -> Double {
    switch self {
    case .computeMax, .memory, .attentionMax, .kvCacheMemory: return 1 / (1 + exp(-u))
    case .halfTokens, .attentionHalfTokens: return max(exp(u) - 1, 0)
    case .launch: return max(exp(u) - 0.05, 0)
    case .host: return max(exp(u) - 1, 0)
    case .sizeExponent: return 1.5 / (1 + exp(-u))
    }
  }

  /// The prior's standard deviation in unconstrained units: how far the
  /// data may move the file's value before the prior pushes back as hard as
  /// one row's error of e (about 100 %).
  var priorWidth: Double {
    switch self {
    case .computeMax: return 3.0
    case .halfTokens: return 3.0
    case .sizeExponent: return 1.5
    case .memory: return 3.0
    case .launch: return 3.0
    case .host: return 3.0
    case .attentionMax: return 3.0
    case .attentionHalfTokens: return 3.0
    case .kvCacheMemory: return 3.0
    }
  }
}
