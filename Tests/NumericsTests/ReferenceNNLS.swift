@testable import Numerics

/// The textbook Lawson–Hanson NNLS that `NNLS.solve` replaced, kept as the reference its tests compare with:
/// from λ = 0, one index enters per step, and every passive-set subproblem is solved afresh
/// (`NNLS.solvePassive`), so a support of s points costs Σ k³/3 ≈ s⁴/12 flops.
enum ReferenceNNLS {
  static func solve(gram q: Matrix, correlations c: [Double], tolerance: Double = 1e-12) -> NNLS.Solution {
    let n = c.count
    let tol = tolerance * max(c.map(abs).max() ?? 0, 1e-300)
    var lambda = [Double](repeating: 0, count: n)
    var passive = [Bool](repeating: false, count: n)
    var dual = c
    var iterations = 0
    let maxIterations = 3 * n + 10

    while iterations < maxIterations {
      var enter = -1
      var best = tol
      for i in 0..<n where !passive[i] && dual[i] > best {
        best = dual[i]
        enter = i
      }
      guard enter >= 0 else { break }
      passive[enter] = true
      iterations += 1
      while true {
        let z = NNLS.solvePassive(q, c, passive)
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
      dual = NNLS.residualCorrelations(q, c, lambda)
    }
    return NNLS.Solution(
      coefficients: lambda, dual: NNLS.residualCorrelations(q, c, lambda), iterations: iterations)
  }
}
