extension PGATrace {
  /// The first iteration t at which the run met the convergence test at `tolerance` (λ_t ≥ 0 and
  /// ‖g_t‖ ≤ tolerance·‖∇ℓ(δ_t)‖, as `ProjectedGradientAscent.run` tests it), or nil if it never did. A run to a
  /// finer tolerance follows the same iterates, so this is the iteration count a run stopped at `tolerance` would
  /// report: one traced run gives the count at every coarser tolerance. Inside the ball the relative norm is 1
  /// (and λ = 0), so a tolerance below 1 is never met there, as in `run`.
  public func firstIteration(meeting tolerance: Double) -> Int? {
    precondition(relativeGradientNorm.count == multiplier.count, "PGATrace: ragged trace")
    for t in relativeGradientNorm.indices where multiplier[t] >= 0 && relativeGradientNorm[t] <= tolerance {
      return t
    }
    return nil
  }
}
