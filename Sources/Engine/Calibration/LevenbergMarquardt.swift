import Foundation
import Trace

/// Levenberg–Marquardt least squares with a numeric (central-difference)
/// Jacobian, for the handful of unconstrained parameters calibration fits
/// (bounds are handled by the caller's transforms).
struct LevenbergMarquardt {
  /// Iteration limit.
  var maxIterations = 300
  /// Stop when the cost's relative decrease falls below this.
  var tolerance = 1e-14
  /// Forward rather than central differences: half the residual
  /// evaluations per Jacobian, for fits whose residuals are expensive and
  /// whose optimum is needed to a few digits only.
  var forwardDifferences = false

  /// The outcome of a minimisation.
  struct Solution {
    var x: [Double]
    var cost: Double
    var iterations: Int
  }

  /// Minimises ½ Σ r(x)² from `start`.
  func minimize(
    start: [Double], residuals: ([Double]) throws(LifeError) -> [Double]
  ) throws(LifeError) -> Solution {
    var x = start
    var r = try residuals(x)
    var cost = Self.cost(r)
    var lambda = 1e-3
    var iterations = 0
    while iterations < maxIterations {
      iterations += 1
      let jacobian =
        forwardDifferences
        ? try Self.forwardJacobian(at: x, base: r, residuals: residuals)
        : try Self.jacobian(at: x, residuals: residuals)
      let n = x.count
      // Normal equations: (JᵀJ + λ diag(JᵀJ)) δ = −Jᵀr.
      var jtj = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
      var jtr = [Double](repeating: 0, count: n)
      for (i, row) in jacobian.enumerated() {
        for a in 0..<n {
          jtr[a] += row[a] * r[i]
          for b in 0..<n { jtj[a][b] += row[a] * row[b] }
        }
      }
      if jtr.allSatisfy({ abs($0) < 1e-300 }) { break }
      var improved = false
      while lambda < 1e12 {
        var system = jtj
        for a in 0..<n { system[a][a] += lambda * max(jtj[a][a], 1e-12) }
        guard let delta = Self.solve(system, jtr.map { -$0 }) else {
          lambda *= 10
          continue
        }
        let candidate = zip(x, delta).map { $0 + $1 }
        let rc = try residuals(candidate)
        let cc = Self.cost(rc)
        if cc.isFinite && cc < cost {
          let decrease = (cost - cc) / max(cost, 1e-300)
          x = candidate
          r = rc
          cost = cc
          lambda = max(lambda / 10, 1e-12)
          improved = decrease > tolerance
          break
        }
        lambda *= 10
      }
      if !improved { break }
    }
    return Solution(x: x, cost: cost, iterations: iterations)
  }

  static func cost(_ r: [Double]) -> Double {
    0.5 * r.reduce(0) { $0 + $1 * $1 }
  }

  /// Central differences, step 1e-6 · max(1, |x_j|).
  static func jacobian(
    at x: [Double], residuals: ([Double]) throws(LifeError) -> [Double]
  ) throws(LifeError) -> [[Double]] {
    var columns: [[Double]] = []
    for j in 0..<x.count {
      let h = 1e-6 * max(1, abs(x[j]))
      var up = x
      var down = x
      up[j] += h
      down[j] -= h
      let ru = try residuals(up)
      let rd = try residuals(down)
      columns.append(zip(ru, rd).map { ($0 - $1) / (2 * h) })
    }
    guard let rows = columns.first?.count else { return [] }
    return (0..<rows).map { i in columns.map { $0[i] } }
  }

  /// Forward differences from `base` = r(x), step 1e-6 · max(1, |x_j|).
  static func forwardJacobian(
    at x: [Double], base: [Double], residuals: ([Double]) throws(LifeError) -> [Double]
  ) throws(LifeError) -> [[Double]] {
    var columns: [[Double]] = []
    for j in 0..<x.count {
      let h = 1e-6 * max(1, abs(x[j]))
      var up = x
      up[j] += h
      let ru = try residuals(up)
      columns.append(zip(ru, base).map { ($0 - $1) / h })
    }
    guard let rows = columns.first?.count else { return [] }
    return (0..<rows).map { i in columns.map { $0[i] } }
  }

  /// Solves A·x = b by Gaussian elimination with partial pivoting; nil when
  /// A is singular.
  static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
    let n = b.count
    var m = a
    var v = b
    for col in 0..<n {
      var pivot = col
      for row in col..<n where abs(m[row][col]) > abs(m[pivot][col]) { pivot = row }
      if abs(m[pivot][col]) < 1e-300 || !m[pivot][col].isFinite { return nil }
      m.swapAt(col, pivot)
      v.swapAt(col, pivot)
      for row in (col + 1)..<n {
        let f = m[row][col] / m[col][col]
        if f == 0 { continue }
        for k in col..<n { m[row][k] -= f * m[col][k] }
        v[row] -= f * v[col]
      }
    }
    var x = [Double](repeating: 0, count: n)
    for row in stride(from: n - 1, through: 0, by: -1) {
      var s = v[row]
      for k in (row + 1)..<n { s -= m[row][k] * x[k] }
      x[row] = s / m[row][row]
    }
    return x.allSatisfy(\.isFinite) ? x : nil
  }
}
