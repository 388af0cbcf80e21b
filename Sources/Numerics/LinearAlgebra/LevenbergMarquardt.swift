/// Levenberg–Marquardt for a system of equations F(u) = 0 (as many equations as unknowns or more): steps
/// (JᵀJ + μ·diag(JᵀJ)) δ = −JᵀF with a central-difference Jacobian J, μ shrunk after a step that lowers ‖F‖ and
/// grown until one does. A singular JᵀJ (a continuum of solutions) is handled by the damping. Dense and plain
/// (fixed loop orders, no BLAS): for small systems, a few hundred unknowns.
public enum LevenbergMarquardt {
  public struct Result: Sendable {
    /// The last accepted point.
    public var point: [Double]
    /// max_k |F_k| there.
    public var residual: Double
    /// Accepted steps taken.
    public var iterations: Int
  }

  /// Solves F(u) = 0 from `start` until max |F| ≤ `tolerance`, no step lowers ‖F‖, or `maxIterations` steps.
  public static func solve(
    _ f: ([Double]) -> [Double], from start: [Double], maxIterations: Int = 100, tolerance: Double = 1e-13
  ) -> Result {
    var u = start
    var value = f(u)
    var cost = sumOfSquares(value)
    var mu = 1e-3
    var iterations = 0
    let count = u.count
    while iterations < maxIterations, (value.map(abs).max() ?? 0) > tolerance {
      let jacobian = centralDifferences(f, at: u, rows: value.count)
      // A = JᵀJ, g = JᵀF; J stored by columns.
      var a = [Double](repeating: 0, count: count * count)
      var g = [Double](repeating: 0, count: count)
      for p in 0..<count {
        for q in p..<count {
          var t = 0.0
          for r in 0..<value.count { t += jacobian[p][r] * jacobian[q][r] }
          a[p * count + q] = t
          a[q * count + p] = t
        }
        var t = 0.0
        for r in 0..<value.count { t += jacobian[p][r] * value[r] }
        g[p] = t
      }
      let largest = (0..<count).map { a[$0 * count + $0] }.max() ?? 1
      var accepted = false
      for _ in 0..<40 {
        var damped = a
        for p in 0..<count { damped[p * count + p] += mu * (a[p * count + p] + 1e-12 * largest) }
        if let step = choleskySolve(damped, g.map { -$0 }, size: count) {
          let trial = zip(u, step).map { $0 + $1 }
          let trialValue = f(trial)
          let trialCost = sumOfSquares(trialValue)
          if trialCost.isFinite && trialCost < cost {
            (u, value, cost) = (trial, trialValue, trialCost)
            mu = max(mu / 3, 1e-15)
            accepted = true
            break
          }
        }
        mu *= 4
      }
      guard accepted else { break }
      iterations += 1
    }
    return Result(point: u, residual: value.map(abs).max() ?? 0, iterations: iterations)
  }

  /// ∂F/∂u_p by central differences, one column per unknown, with steps 10⁻⁶ of the unknown (or of the
  /// unknowns' mean magnitude where it is near 0).
  static func centralDifferences(_ f: ([Double]) -> [Double], at u: [Double], rows: Int) -> [[Double]] {
    let typical = u.reduce(0) { $0 + abs($1) } / Double(max(u.count, 1))
    return u.indices.map { p in
      let h = 1e-6 * max(abs(u[p]), 1e-3 * typical, 1e-12)
      var plus = u
      var minus = u
      plus[p] += h
      minus[p] -= h
      let (fp, fm) = (f(plus), f(minus))
      return (0..<rows).map { (fp[$0] - fm[$0]) / (2 * h) }
    }
  }

  static func sumOfSquares(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 } }

  /// The solution of A x = b for a symmetric positive definite A (row-major, size × size); nil if A is not.
  static func choleskySolve(_ a: [Double], _ b: [Double], size n: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0...i {
        var t = a[i * n + j]
        for k in 0..<j { t -= l[i * n + k] * l[j * n + k] }
        if i == j {
          guard t > 0, t.isFinite else { return nil }
          l[i * n + i] = t.squareRoot()
        } else {
          l[i * n + j] = t / l[j * n + j]
        }
      }
    }
    var x = b
    for i in 0..<n {
      for k in 0..<i { x[i] -= l[i * n + k] * x[k] }
      x[i] /= l[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      for k in (i + 1)..<n { x[i] -= l[k * n + i] * x[k] }
      x[i] /= l[i * n + i]
    }
    return x
  }
}
