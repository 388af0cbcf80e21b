/// Training with early stopping: adversarial training until a robust-loss estimate finds every training point's
/// ball classified (Gao et al. 2019, prediction 4: the smallest width that interpolates robustly).
extension RobustTrainer {
  /// What `trainUntilFitted` saw at its checks.
  public struct FitCheck: Sendable, Equatable {
    /// The first checked iteration at which the estimate found robust accuracy 1 (the trainer has then taken that
    /// many steps and stopped); nil when no check up to the budget did.
    public var fitted: Int?
    /// The highest robust accuracy any check found (1 when it fitted).
    public var bestAccuracy: Double
  }

  /// Steps until `estimator` finds every training point's ball classified (robust accuracy 1), at most
  /// `iterations` steps. The accuracy is checked before the first step (iteration 0), after every `every` steps,
  /// and after the last one; training stops at the first check that fits. Without a fit it takes exactly
  /// `iterations` steps, as a plain loop of `step()` would. Throws, as `step()` does, when training diverges.
  public mutating func trainUntilFitted(
    iterations limit: Int, checkEvery every: Int, estimator: inout RobustLossEstimator
  ) throws(RobustTrainingError) -> FitCheck {
    precondition(limit >= 0 && every > 0, "trainUntilFitted: a budget ≥ 0 and a check interval > 0")
    var best = 0.0
    for step in 0...limit {
      if step % every == 0 || step == limit {
        // Only an accuracy above the best so far matters: the check may stop once it cannot be.
        let accuracy = estimator.accuracy(network, above: best)
        best = max(best, accuracy)
        if accuracy == 1 { return FitCheck(fitted: step, bestAccuracy: best) }
      }
      if step < limit { try self.step() }
    }
    return FitCheck(fitted: nil, bestAccuracy: best)
  }
}
