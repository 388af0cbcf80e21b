import CBLAS

extension NNLS {
  /// Lawson & Hanson's active-set method on min ‖b − Aλ‖² over λ ≥ 0 given Q = AᵀA and c = Aᵀb, with the
  /// passive-set subproblem Q_PP z = c_P solved from a Cholesky factor that is updated as P gains or loses an
  /// index (O(|P|²) per change, not |P|³/3), and warm-started: the first P is the support of `start` (λ ≥ 0)
  /// and the indices `guess` marks, pruned to a feasible λ.
  ///
  /// An entering index whose column is numerically in the span of P's (`UpdatableCholesky.dependence`) is
  /// passed over until P next changes: at the least-squares optimum on P its dual is zero up to rounding.
  /// `tolerance` is absolute: a dual entry ≤ it counts as zero. Returns λ and the iterations taken.
  static func activeSet(_ q: Matrix, _ c: [Double], tolerance tol: Double, start: [Double], guess: [Bool]) -> (
    lambda: [Double], iterations: Int
  ) {
    let n = c.count
    var lambda = start
    var factor = UpdatableCholesky(capacity: n)
    var order: [Int] = []  // P, in the factor's order
    var passive = [Bool](repeating: false, count: n)
    var passedOver = [Bool](repeating: false, count: n)
    var dual = c

    func append(_ j: Int) -> Bool {
      guard factor.append(column: order.map { q[$0, j] }, diagonal: q[j, j]) else { return false }
      order.append(j)
      passive[j] = true
      return true
    }
    // The first passive set: the start's support and the guess. Its unconstrained optimum is pruned of every
    // index where it is ≤ 0 (≤ the inner loop's threshold for zero), and solved again, until it is positive: a feasible λ to start from (refactored
    // by blocks; one index at a time only where the block is singular).
    var first = (0..<n).filter { lambda[$0] > 0 || guess[$0] }
    for i in 0..<n { lambda[i] = 0 }
    while !first.isEmpty {
      if !factor.factor(q, indices: first) {
        factor = UpdatableCholesky(capacity: n)
        order = []
        for j in first { _ = append(j) }
        first = order
        for j in first { passive[j] = false }
        order = []
      }
      let z = factor.solve(first.map { c[$0] })
      let kept = first.indices.filter { z[$0] > tol * 1e-3 && z[$0].isFinite }
      if kept.count == first.count {
        order = first
        for (p, i) in order.enumerated() {
          passive[i] = true
          lambda[i] = z[p]
        }
        break
      }
      first = kept.map { first[$0] }
    }
    if order.isEmpty { factor = UpdatableCholesky(capacity: n) }

    var iterations = 0
    let maxIterations = 3 * n + 10
    // Keeps the unconstrained optimum on P feasible: steps from λ towards it until an index hits zero, drops
    // it, and solves again (Lawson & Hanson's inner loop).
    func feasibleOptimum() {
      while true {
        let z = factor.solve(order.map { c[$0] })
        var alpha = 1.0
        var blocking = -1
        for (p, i) in order.enumerated() where z[p] <= 0 {
          let step = lambda[i] > 0 ? lambda[i] / (lambda[i] - z[p]) : 0
          if blocking < 0 || step < alpha {
            alpha = min(alpha, step)
            blocking = p
          }
        }
        if blocking < 0 {
          for (p, i) in order.enumerated() { lambda[i] = z[p] }
          return
        }
        for (p, i) in order.enumerated() { lambda[i] += alpha * (z[p] - lambda[i]) }
        for p in stride(from: order.count - 1, through: 0, by: -1)
        where p == blocking || lambda[order[p]] <= tol * 1e-3 {
          lambda[order[p]] = 0
          passive[order[p]] = false
          factor.remove(at: p)
          order.remove(at: p)
        }
        for i in 0..<n { passedOver[i] = false }
        iterations += 1
        if iterations >= maxIterations { return }
      }
    }

    while iterations < maxIterations {
      dual = c
      gemv(q, .none, lambda, into: &dual, alpha: -1, beta: 1)
      // The most violated constraint among the active (zero) coefficients.
      var enter = -1
      var best = tol
      for i in 0..<n where !passive[i] && !passedOver[i] && dual[i] > best {
        best = dual[i]
        enter = i
      }
      guard enter >= 0 else { break }
      iterations += 1
      guard append(enter) else {
        passedOver[enter] = true
        continue
      }
      feasibleOptimum()
    }
    return (lambda, iterations)
  }
}
