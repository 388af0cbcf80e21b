import Harness
import Numerics

// PGA at the step of the classical analysis (η = c/L, L the smoothness bound of ℓ over the ball), shared by
// pga-convergence and pga-iterations. (A shared file of the paper: its name starts with a capital.)

/// How pga-convergence and pga-iterations set PGA's step: the module's normalised or plain rule as before, or the
/// theorem's step η = step/L under the plain rule (`AdversarialSmoothness`): the range η ≤ 1/L is step ≤ 1.
public enum Deng2020StepRule: String, Sendable, CaseIterable {
  case normalized, plain
  /// η = step/L, plain rule: the step of the ascent lemma (every step raises ℓ when step ≤ 1; step < 2 suffices).
  case smoothness
}

extension Deng2020 {
  /// PGA on `loss` over the ball of radius ε with step rule `rule` and step `step` (η = step/L for `.smoothness`),
  /// and the smoothness bound (computed for every rule: it is recorded).
  static func pga(
    _ loss: AdversarialLoss, radius epsilon: Double, rule: Deng2020StepRule, step: Double, maxIterations: Int,
    tolerance: Double
  ) throws -> (pga: ProjectedGradientAscent, smoothness: AdversarialSmoothness) {
    let smoothness = try AdversarialSmoothness(loss: loss, radius: epsilon)
    let eta = rule == .smoothness ? step / smoothness.lipschitz : step
    let configuration = PGAConfiguration(
      radius: epsilon, step: eta, rule: rule == .normalized ? .normalized : .plain, maxIterations: maxIterations,
      tolerance: tolerance)
    return (ProjectedGradientAscent(loss: loss, configuration: configuration), smoothness)
  }

  /// The tolerance levels of a run to `finest`: 10⁻², 10⁻³, …, down to `finest` (at least one level).
  static func toleranceLevels(finest: Double) -> [Double] {
    var levels: [Double] = []
    var t = 1e-2
    while t >= finest * (1 - 1e-9) {
      levels.append(t)
      t /= 10
    }
    return levels.isEmpty ? [finest] : levels
  }
}
