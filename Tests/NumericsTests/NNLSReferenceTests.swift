import Testing

@testable import Numerics

/// `NNLS.solve` (updated Cholesky, working set verified on all n, warm starts) against the textbook method it
/// replaced (`ReferenceNNLS`): the same optimum on random problems with known answers and on degenerate ones.
@Suite struct NNLSReferenceTests {
  func normalEquations(_ a: Matrix, _ b: [Double]) -> (Matrix, [Double]) {
    (product(a, .transpose, a, .none), product(a, .transpose, b))
  }

  func objective(_ a: Matrix, _ b: [Double], _ l: [Double]) -> Double {
    var r = b
    gemv(a, .none, l, into: &r, alpha: -1, beta: 1)
    return dot(r, r)
  }

  /// λ ≥ 0, dual ≤ tol off the support and |dual| ≤ tol on it.
  func meetsOptimality(_ s: NNLS.Solution, scale: Double, tolerance: Double = 1e-9) -> Bool {
    zip(s.coefficients, s.dual).allSatisfy { l, g in
      l >= 0 && (l > 0 ? abs(g) <= tolerance * scale : g <= tolerance * scale)
    }
  }

  /// b = Aλ* with λ* ≥ 0 on a random support and A of full column rank: λ* is the unique optimum (residual 0).
  /// Both solvers find it, and their λ agree to the last bit (the same support, the same final solve).
  @Test func knownAnswersMatchTheReferenceExactly() {
    var rng = RandomSource(seed: 3)
    for trial in 0..<12 {
      let (rows, cols) = (60 + trial, 10 + 3 * trial)
      let a = rng.normalMatrix(rows, cols)
      let truth = (0..<cols).map { _ in rng.uniform() < 0.4 ? 0 : 0.1 + rng.uniform() }
      let (q, c) = normalEquations(a, product(a, .none, truth))
      let new = NNLS.solve(gram: q, correlations: c)
      let old = ReferenceNNLS.solve(gram: q, correlations: c)
      #expect(new.coefficients == old.coefficients)
      for i in 0..<cols { #expect(abs(new.coefficients[i] - truth[i]) <= 1e-9) }
    }
  }

  /// b random (a non-zero residual, some constraints active): the same λ as the reference to the last bit,
  /// from any working set (even one missing the support) and any warm start.
  @Test func anyWorkingSetAndStartReachTheReferenceOptimum() {
    var rng = RandomSource(seed: 5)
    for trial in 0..<12 {
      let (rows, cols) = (80, 20 + 5 * trial)
      let a = rng.normalMatrix(rows, cols)
      let b = rng.normals(rows)
      let (q, c) = normalEquations(a, b)
      let old = ReferenceNNLS.solve(gram: q, correlations: c)
      #expect(meetsOptimality(old, scale: c.map(abs).max()!))
      let working = (0..<cols).filter { _ in rng.uniform() < 0.3 }
      let start = (0..<cols).map { _ in rng.uniform() < 0.5 ? 0 : rng.uniform() }
      for s in [
        NNLS.solve(gram: q, correlations: c), NNLS.solve(gram: q, correlations: c, working: working),
        NNLS.solve(gram: q, correlations: c, working: [], start: start),
      ] {
        #expect(s.coefficients == old.coefficients)
        #expect(meetsOptimality(s, scale: c.map(abs).max()!))
      }
    }
  }

  /// Degenerate problems: duplicated columns (ties), zero columns, more columns than rows (rank-deficient).
  /// λ need not be unique there; the optimum's value is, and both solvers reach it and meet the conditions.
  @Test func degenerateProblemsReachTheSameObjective() {
    var rng = RandomSource(seed: 9)
    for trial in 0..<15 {
      let rows = 12
      var columns = (0..<(8 + trial)).map { _ in rng.normals(rows) }
      if trial % 3 == 0 { columns[1] = columns[0] }  // a tie
      if trial % 3 == 1 { columns[2] = [Double](repeating: 0, count: rows) }  // a zero column
      if trial % 3 == 2 { columns.append(columns[0].indices.map { columns[0][$0] + columns[1][$0] }) }  // dependent
      let a = Matrix(rowVectors: columns).transposed
      let b = trial % 2 == 0 ? product(a, .none, (0..<a.cols).map { _ in rng.uniform() }) : rng.normals(rows)
      let (q, c) = normalEquations(a, b)
      let new = NNLS.solve(gram: q, correlations: c, working: [0])
      let old = ReferenceNNLS.solve(gram: q, correlations: c)
      let (f, g) = (objective(a, b, new.coefficients), objective(a, b, old.coefficients))
      #expect(abs(f - g) <= 1e-9 * dot(b, b))
      #expect(meetsOptimality(new, scale: c.map(abs).max()!, tolerance: 1e-8))
    }
  }

  /// The updated factor against a fresh solve: appends and removals in any order leave RᵀR = Q_PP.
  @Test func updatedCholeskySolvesLikeAFreshOne() {
    var rng = RandomSource(seed: 11)
    let a = rng.normalMatrix(40, 15)
    let q = product(a, .transpose, a, .none)
    var factor = UpdatableCholesky(capacity: 15)
    var order: [Int] = []
    for step in 0..<60 {
      if order.count > 3 && (step % 4 == 3 || order.count == 15) {
        let t = Int(rng.uniform() * Double(order.count))
        factor.remove(at: t)
        order.remove(at: t)
      } else {
        let j = (0..<15).first { !order.contains($0) && rng.uniform() < 0.5 } ?? (0..<15).first { !order.contains($0) }!
        let appended = factor.append(column: order.map { q[$0, j] }, diagonal: q[j, j])
        #expect(appended)
        order.append(j)
      }
      let b = order.map { Double($0) - 7 }
      let z = factor.solve(b)
      // Q_PP z = b.
      for (r, i) in order.enumerated() {
        let lhs = order.indices.reduce(0.0) { $0 + q[i, order[$1]] * z[$1] }
        #expect(abs(lhs - b[r]) <= 1e-9 * (1 + abs(b[r])))
      }
    }
    // A column in the span of P's is refused.
    var small = UpdatableCholesky(capacity: 3)
    let first = small.append(column: [], diagonal: 4)
    let dependent = small.append(column: [2], diagonal: 1)
    #expect(first && !dependent)
  }
}
