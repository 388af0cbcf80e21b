import Testing

@testable import Numerics

@Suite struct NNLSTests {
  /// Q = AᵀA and c = Aᵀb for an explicit A (rows × cols) and b.
  func normalEquations(_ a: Matrix, _ b: [Double]) -> (Matrix, [Double]) {
    (product(a, .transpose, a, .none), product(a, .transpose, b))
  }

  @Test func unconstrainedSolutionWhenItIsPositive() {
    // A = I₂, b = (1, 2): λ = b.
    let (q, c) = normalEquations(Matrix(rowVectors: [[1, 0], [0, 1]]), [1, 2])
    let s = NNLS.solve(gram: q, correlations: c)
    #expect(abs(s.coefficients[0] - 1) < 1e-12 && abs(s.coefficients[1] - 2) < 1e-12)
  }

  @Test func handComputedActiveConstraint() {
    // A = I₂, b = (1, −2): the unconstrained optimum (1, −2) is infeasible; NNLS gives (1, 0).
    let (q, c) = normalEquations(Matrix(rowVectors: [[1, 0], [0, 1]]), [1, -2])
    let s = NNLS.solve(gram: q, correlations: c)
    #expect(abs(s.coefficients[0] - 1) < 1e-12 && s.coefficients[1] == 0)
    #expect(abs(s.dual[1] - -2) < 1e-12)

    // A = [[1, 1], [0, 1]], b = (2, −1): unconstrained (3, −1); with λ₂ = 0 the best λ₁ is 2
    // (residual (0, −1)); the dual for λ₂ is a₂·r = −1 < 0, so (2, 0) is optimal.
    let (q2, c2) = normalEquations(Matrix(rowVectors: [[1, 1], [0, 1]]), [2, -1])
    let s2 = NNLS.solve(gram: q2, correlations: c2)
    #expect(abs(s2.coefficients[0] - 2) < 1e-12 && s2.coefficients[1] == 0)
  }

  /// The KKT conditions of NNLS characterise its unique solution (A of full column rank):
  /// λ ≥ 0, dual ≤ 0 where λ = 0, dual = 0 where λ > 0. Also checked against every support set.
  @Test func randomProblemsMeetOptimalityAndBeatEverySupport() {
    var rng = RandomSource(seed: 17)
    for trial in 0..<40 {
      let rows = 12
      let cols = 1 + trial % 6
      let a = rng.normalMatrix(rows, cols)
      let b = rng.normals(rows)
      let (q, c) = normalEquations(a, b)
      let s = NNLS.solve(gram: q, correlations: c)
      let scale = c.map(abs).max()!
      for i in 0..<cols {
        #expect(s.coefficients[i] >= 0)
        if s.coefficients[i] > 0 {
          #expect(abs(s.dual[i]) <= 1e-9 * scale)
        } else {
          #expect(s.dual[i] <= 1e-9 * scale)
        }
      }
      // Brute force: the best feasible least-squares fit over all 2^cols supports.
      func objective(_ l: [Double]) -> Double {
        var r = b
        gemv(a, .none, l, into: &r, alpha: -1, beta: 1)
        return dot(r, r)
      }
      var best = objective([Double](repeating: 0, count: cols))
      for mask in 1..<(1 << cols) {
        let support = (0..<cols).map { mask & (1 << $0) != 0 }
        let z = NNLS.solvePassive(q, c, support)
        if z.allSatisfy({ $0 >= 0 }) { best = min(best, objective(z)) }
      }
      #expect(objective(s.coefficients) <= best * (1 + 1e-10) + 1e-12)
    }
  }

  @Test func collinearColumnsDoNotBreakIt() {
    // Two identical columns: any split of the weight is optimal; the fit must still be exact.
    let a = Matrix(rowVectors: [[1, 1], [2, 2], [0, 0]])
    let b = [3.0, 6, 0]
    let (q, c) = normalEquations(a, b)
    let s = NNLS.solve(gram: q, correlations: c)
    #expect(s.coefficients.allSatisfy { $0 >= 0 })
    #expect(abs(s.coefficients[0] + s.coefficients[1] - 3) < 1e-9)
  }
}
