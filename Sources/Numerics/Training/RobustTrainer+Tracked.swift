/// Adversarial training with the robust loss L* tracked at scheduled iterations (Gao et al. 2019: the theorem
/// bounds the surrogate loss L_A; L* is what robustness means).
public struct RobustTrajectory: Sendable, Equatable {
  /// L_A(W_t) at every iteration t = 0…T−1, measured before the step.
  public var surrogate: [Double] = []
  /// At each scheduled iteration: L*(W_t), the mean logistic loss of the lower margin per input of the estimate's
  /// and the training attack's (so L_A ≤ L* holds in every record).
  public var robust: [Double] = []
  /// At each scheduled iteration: the share of inputs whose lower margin is positive (ball classified).
  public var robustAccuracy: [Double] = []
  /// (iteration, input) pairs where the training attack found a margin lower than the estimate's by more than
  /// the tolerance: the estimate was weaker than the attack it should bound.
  public var misses = 0
  /// The largest amount by which the training attack's margin undercut the estimate's (0 if it never did).
  public var shortfall = 0.0
  /// ‖W_T − W(0)‖_F at the end.
  public var weightChange = 0.0
}

extension RobustTrainer {
  /// `iterations` steps, with `estimator` evaluated at W_t (before its step) at every iteration in `schedule`;
  /// there, per input, the lower margin of the estimate's and the training attack's is taken, and an attack margin
  /// lower than the estimate's by more than `missTolerance` counts as a miss. Throws, as `step()` does, when
  /// training diverges.
  public mutating func train(
    iterations: Int, estimatingAt schedule: [Int], with estimator: inout RobustLossEstimator, missTolerance: Double
  ) throws(RobustTrainingError) -> RobustTrajectory {
    var out = RobustTrajectory()
    out.surrogate.reserveCapacity(iterations)
    let marks = Set(schedule)
    for t in 0..<iterations {
      var strong: [Double] = []
      if marks.contains(t) { strong = estimator.evaluate(network).margins }
      out.surrogate.append(try step())
      if marks.contains(t) {
        let found = attackMargins
        var worst = strong
        for i in worst.indices where found[i] < worst[i] {
          out.shortfall = max(out.shortfall, worst[i] - found[i])
          if found[i] < worst[i] - missTolerance { out.misses += 1 }
          worst[i] = found[i]
        }
        out.robust.append(Logistic.meanLoss(worst))
        out.robustAccuracy.append(Double(worst.filter { $0 > 0 }.count) / Double(worst.count))
      }
    }
    out.weightChange = weightChange
    return out
  }
}
