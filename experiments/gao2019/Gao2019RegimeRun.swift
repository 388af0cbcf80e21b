import Foundation
import Harness
import Numerics

/// What one point of `gao2019-regime-width` measures beyond `gao2019-convergence`'s machinery: the budget T(R)
/// at the point's R, the main run's final weights (for the lazy-regime measures), and the measures themselves.
extension Gao2019 {
  /// T(R) = iterations_at_8·max(1, R/8)²: the theorem's T ∝ R² above R = 8, and no fewer steps than at R = 8
  /// below it (a small ball is reached in fewer steps, so the smaller radii are not short of budget).
  static func regimeIterations(_ p: Point) -> Int {
    let r = max(1, p.real("R") / 8)
    return max(1, Int((Double(p.int("iterations_at_8")) * r * r).rounded()))
  }

  /// The point with `iterations` = T(R) and `reference_iterations` = reference_multiple·T(R) set, so that the
  /// convergence module's reference search (`referenceRuns`) runs at this point's budget unchanged.
  static func regimeBudgeted(_ p: Point) -> Point {
    let t = regimeIterations(p)
    let set: [String: Value] = [
      "iterations": .int(t), "reference_iterations": .int(t * p.int("reference_multiple")),
    ]
    let kept = p.values.filter { set[$0.name] == nil }
    return Point(index: p.index, values: kept + set.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) })
  }

  /// The share of (unit, training input) pairs whose activation pattern, the sign of w_r·x_i, differs between
  /// `initial` and `trained` (the quantity NTK proofs bound by a union bound; 0 in the limit of lazy training).
  static func patternChange(from initial: Matrix, to trained: Matrix, at x: Matrix) -> Double {
    precondition(initial.rows == trained.rows && initial.cols == x.cols && trained.cols == x.cols, "patternChange")
    var changed = 0
    for i in 0..<x.rows {
      for r in 0..<initial.rows {
        var before = 0.0
        var after = 0.0
        for j in 0..<x.cols {
          before += initial[r, j] * x[i, j]
          after += trained[r, j] * x[i, j]
        }
        if (before > 0) != (after > 0) { changed += 1 }
      }
    }
    return Double(changed) / Double(max(x.rows * initial.rows, 1))
  }
}
