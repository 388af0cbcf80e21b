import CBLAS

/// Non-negative least squares: minimise ‖b − Aλ‖² over λ ≥ 0 given only Q = AᵀA (n×n) and c = Aᵀb, in
/// normal-equation form. That is all the KKT check needs: A has one column per training point but millions
/// of rows.
///
/// Lawson & Hanson's active-set method (1974, ch. 23; `NNLS.activeSet`) with an updated Cholesky factor of
/// the passive block, run on a working set of indices (the caller's guess at the support, e.g. the training
/// points on or near the margin) and verified on all n: the KKT conditions of the NNLS itself (dual
/// c − Qλ ≤ tolerance off the support) are checked on the full problem and every violator joins the working
/// set until none is left, so the result is the optimum over all n, whatever the guess. The cost is one n×n
/// matrix–vector product per check and, on the working set, O(|W|²) per active-set step.
///
/// The returned λ is then recomputed on its support by the same fresh solve the textbook method ends with
/// (`solvePassive`: Cholesky by `dposv`, or LAPACK's minimum-norm least squares `dgelsd` when the passive
/// block is singular), so a problem whose optimum is unique gets the same λ to the last bit as the
/// one-index-at-a-time method from scratch that finds the same support.
public enum NNLS {
  public struct Solution: Sendable {
    /// λ ≥ 0.
    public var coefficients: [Double]
    /// c − Qλ = Aᵀ(b − Aλ): ≤ 0 where λ_i = 0 and 0 where λ_i > 0 at the optimum.
    public var dual: [Double]
    public var iterations: Int
  }

  /// Solves min ‖b − Aλ‖ over λ ≥ 0 from Q = AᵀA and c = Aᵀb.
  /// `tolerance` is relative to max |c|: a dual entry below it counts as zero. `working`: the indices to
  /// start from (nil: all); `start`: a warm start λ ≥ 0 (its support joins the working set).
  public static func solve(
    gram q: Matrix, correlations c: [Double], tolerance: Double = 1e-12, working: [Int]? = nil,
    start: [Double]? = nil
  ) -> Solution {
    let n = c.count
    precondition(q.rows == n && q.cols == n, "NNLS: Q must be \(n)×\(n)")
    let tol = tolerance * max(c.map(abs).max() ?? 0, 1e-300)
    var lambda = start ?? [Double](repeating: 0, count: n)
    precondition(lambda.count == n && lambda.allSatisfy { $0 >= 0 }, "NNLS: the start must be n values ≥ 0")
    var inWorking = [Bool](repeating: working == nil, count: n)
    for i in working ?? [] { inWorking[i] = true }
    for i in 0..<n where lambda[i] > 0 { inWorking[i] = true }
    // The first passive set: the start's support, or without a start the working set the caller gave
    // (without either, λ = 0: the textbook method from scratch).
    var guess = [Bool](repeating: false, count: n)
    if start == nil, working != nil { guess = inWorking }
    var iterations = 0
    while true {
      let w = (0..<n).filter { inWorking[$0] }
      if w.count == n {
        let solved = activeSet(q, c, tolerance: tol, start: lambda, guess: guess)
        (lambda, iterations) = (solved.lambda, iterations + solved.iterations)
        break
      }
      var sub = Matrix(zeros: w.count, w.count)
      sub.storage.withUnsafeMutableBufferPointer { s in
        q.storage.withUnsafeBufferPointer { a in
          for (r, i) in w.enumerated() { for (t, j) in w.enumerated() { s[r * w.count + t] = a[i * n + j] } }
        }
      }
      let solved = activeSet(
        sub, w.map { c[$0] }, tolerance: tol, start: w.map { lambda[$0] }, guess: w.map { guess[$0] })
      for (r, i) in w.enumerated() { lambda[i] = solved.lambda[r] }
      iterations += solved.iterations
      // The NNLS's own KKT conditions on all n: every index outside W with a positive dual joins W, and the
      // next first passive set.
      let dual = residualCorrelations(q, c, lambda)
      let violators = (0..<n).filter { !inWorking[$0] && dual[$0] > tol }
      guard !violators.isEmpty else { break }
      guess = [Bool](repeating: false, count: n)
      for i in violators {
        inWorking[i] = true
        guess[i] = true
      }
    }
    // The final solve on the support, afresh (see above).
    let support = lambda.map { $0 > 0 }
    let z = solvePassive(q, c, support)
    if (0..<n).allSatisfy({ !support[$0] || (z[$0] > 0 && z[$0].isFinite) }) { lambda = z }
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
