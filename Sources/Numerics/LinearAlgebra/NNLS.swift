import CBLAS

/// Non-negative least squares by the active-set method of Lawson & Hanson
/// (1974, ch. 23), in normal-equation form: minimise ‖b − Aλ‖² over λ ≥ 0
/// given only Q = AᵀA (n×n) and c = Aᵀb. That is all the KKT check needs:
/// A has one column per training point but millions of rows.
///
/// The passive-set subproblems Q_PP z = c_P are solved by Cholesky (`dposv`)
/// and, when Q_PP is not positive definite (collinear columns), by LAPACK's
/// least-squares driver (`dgelsd`), whose minimum-norm solution handles it.
public enum NNLS {
  public struct Solution: Sendable {
    /// λ ≥ 0.
    public var coefficients: [Double]
    /// c − Qλ = Aᵀ(b − Aλ): ≤ 0 where λ_i = 0 and 0 where λ_i > 0 at the optimum.
    public var dual: [Double]
    public var iterations: Int
  }

  /// Solves min ‖b − Aλ‖ over λ ≥ 0 from Q = AᵀA and c = Aᵀb.
  /// `tolerance` is relative to max |c|: a dual entry below it counts as zero.
  public static func solve(gram q: Matrix, correlations c: [Double], tolerance: Double = 1e-12) -> Solution {
    let n = c.count
    precondition(q.rows == n && q.cols == n, "NNLS: Q must be \(n)×\(n)")
    let tol = tolerance * max(c.map(abs).max() ?? 0, 1e-300)
    var lambda = [Double](repeating: 0, count: n)
    var passive = [Bool](repeating: false, count: n)
    var dual = c
    var iterations = 0
    let maxIterations = 3 * n + 10

    while iterations < maxIterations {
      // The most violated constraint among the active (zero) coefficients.
      var enter = -1
      var best = tol
      for i in 0..<n where !passive[i] && dual[i] > best {
        best = dual[i]
        enter = i
      }
      guard enter >= 0 else { break }
      passive[enter] = true
      iterations += 1

      // Inner loop: keep the unconstrained solution on the passive set feasible.
      while true {
        let z = solvePassive(q, c, passive)
        var alpha = 1.0
        var blocked = false
        for i in 0..<n where passive[i] && z[i] <= 0 {
          blocked = true
          alpha = min(alpha, lambda[i] / (lambda[i] - z[i]))
        }
        if !blocked {
          lambda = z
          break
        }
        for i in 0..<n where passive[i] { lambda[i] += alpha * (z[i] - lambda[i]) }
        for i in 0..<n where passive[i] && lambda[i] <= tol * 1e-3 {
          passive[i] = false
          lambda[i] = 0
        }
        iterations += 1
        if iterations >= maxIterations { break }
      }
      dual = residualCorrelations(q, c, lambda)
    }
    return Solution(coefficients: lambda, dual: residualCorrelations(q, c, lambda), iterations: iterations)
  }

  /// c − Qλ.
  static func residualCorrelations(_ q: Matrix, _ c: [Double], _ lambda: [Double]) -> [Double] {
    var r = c
    gemv(q, .none, lambda, into: &r, alpha: -1, beta: 1)
    return r
  }

  /// The minimum-norm solution of Q_PP z_P = c_P, with z = 0 off P.
  static func solvePassive(_ q: Matrix, _ c: [Double], _ passive: [Bool]) -> [Double] {
    let index = passive.indices.filter { passive[$0] }
    let k = index.count
    var z = [Double](repeating: 0, count: c.count)
    guard k > 0 else { return z }
    var a = [Double](repeating: 0, count: k * k)
    var b = [Double](repeating: 0, count: k)
    for (r, i) in index.enumerated() {
      b[r] = c[i]
      for (s, j) in index.enumerated() { a[r * k + s] = q[i, j] }
    }
    // Cholesky when Q_PP is positive definite (the usual case: a fraction of the cost of an SVD); when it
    // is not (collinear columns), the minimum-norm solution by LAPACK's SVD-based least squares.
    var factor = a
    var solution = b
    if LAPACKE_dposv(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "U")), Int32(k), 1, &factor, Int32(k), &solution, 1) == 0,
      solution.allSatisfy(\.isFinite)
    {
      for (r, i) in index.enumerated() { z[i] = solution[r] }
      return z
    }
    var singular = [Double](repeating: 0, count: k)
    var rank: Int32 = 0
    let info = LAPACKE_dgelsd(
      LAPACK_ROW_MAJOR, Int32(k), Int32(k), 1, &a, Int32(k), &b, 1, &singular, 1e-13, &rank)
    precondition(info == 0, "NNLS: LAPACKE_dgelsd failed (info \(info))")
    for (r, i) in index.enumerated() { z[i] = b[r] }
    return z
  }
}
