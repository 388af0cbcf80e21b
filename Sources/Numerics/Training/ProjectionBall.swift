/// The set around W(0) that projected gradient descent keeps the first layer W (m × d, row r = w_r) in.
///
/// Gao et al. (2019) state their theorem for "the ball ‖W − W(0)‖ ≤ R" (only the abstract is at hand, which does
/// not say which norm); work in this line uses either the whole matrix (Frobenius) or every unit separately with
/// radius R/√m. The per-unit ball is the smaller set: Σ_r (R/√m)² = R², so it lies inside the Frobenius ball of
/// radius R, and it keeps every unit within O(1/√m) of its start (the lazy regime unit by unit).
public enum ProjectionBall: String, Sendable, Equatable, CaseIterable {
  /// ‖W − W(0)‖_F ≤ R: one radial rescaling of the whole change.
  case frobenius
  /// ‖w_r − w_r(0)‖_2 ≤ R/√m for every unit r: each row's change rescaled on its own.
  case perNeuron = "per_neuron"

  /// `weights` replaced by its Euclidean projection onto the ball of radius `radius` around `centre` (both
  /// m × d). The Frobenius projection rescales W − W(0) by min(1, R/‖W − W(0)‖_F) (summing the squares in
  /// storage order, as `RobustTrainer.weightChange` does); the per-unit projection rescales each row's change
  /// w_r − w_r(0) by min(1, (R/√m)/‖w_r − w_r(0)‖) (the ball is a product of row balls, so projecting row by row
  /// is the projection onto it). Rows or matrices already inside are left bit for bit unchanged.
  public func project(_ weights: inout Matrix, around centre: Matrix, radius: Double) {
    precondition(weights.rows == centre.rows && weights.cols == centre.cols, "ProjectionBall: shapes differ")
    guard radius.isFinite else { return }
    switch self {
    case .frobenius:
      var s = 0.0
      for k in centre.storage.indices {
        let t = weights.storage[k] - centre.storage[k]
        s += t * t
      }
      let change = s.squareRoot()
      guard change > radius else { return }
      let c = radius / change
      for k in centre.storage.indices {
        let w0 = centre.storage[k]
        weights.storage[k] = w0 + c * (weights.storage[k] - w0)
      }
    case .perNeuron:
      let (m, d) = (weights.rows, weights.cols)
      let unitRadius = radius / Double(m).squareRoot()
      for r in 0..<m {
        var s = 0.0
        for j in (r * d)..<((r + 1) * d) {
          let t = weights.storage[j] - centre.storage[j]
          s += t * t
        }
        let change = s.squareRoot()
        guard change > unitRadius else { continue }
        let c = unitRadius / change
        for j in (r * d)..<((r + 1) * d) {
          let w0 = centre.storage[j]
          weights.storage[j] = w0 + c * (weights.storage[j] - w0)
        }
      }
    }
  }

  /// max_r ‖w_r − w_r(0)‖_2 · √m: the smallest R whose per-unit ball holds `weights` (compare with
  /// ‖W − W(0)‖_F, the smallest R of the Frobenius ball; it is never below it).
  public static func perNeuronRadius(of weights: Matrix, around centre: Matrix) -> Double {
    precondition(weights.rows == centre.rows && weights.cols == centre.cols, "ProjectionBall: shapes differ")
    let (m, d) = (weights.rows, weights.cols)
    var worst = 0.0
    for r in 0..<m {
      var s = 0.0
      for j in (r * d)..<((r + 1) * d) {
        let t = weights.storage[j] - centre.storage[j]
        s += t * t
      }
      worst = max(worst, s.squareRoot())
    }
    return worst * Double(m).squareRoot()
  }
}
