/// When generated requests arrive, at a mean rate R per second, the first
/// at time 0.
package enum ArrivalPattern: String, Sendable, CaseIterable {
  /// A Poisson process: gaps exponential with mean 1 / R.
  case poisson
  /// Evenly spaced: request i at i / R.
  case constant
  /// Bursts of `burst` requests arriving together, the bursts a Poisson
  /// process of rate R / burst.
  case bursty
}
