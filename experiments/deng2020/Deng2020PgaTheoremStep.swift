import Harness
import Numerics

// PGA at the step of the classical analysis (η = c/L, L the smoothness bound of ℓ over the ball), shared by
// pga-convergence, pga-iterations and regime-scale, and the parameters of the last two after their input's.
// (A shared file of the paper: its name starts with a capital.)

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

extension Deng2020 {
  /// The parameters of pga-iterations and regime-scale after s, d and m: r, σ, the weight scale, and PGA at the
  /// theorem's step from random restarts (restarts, rule, step, max_iter, tol, so_tol; in this order: it is the
  /// order of the files' parameters). The two differ in the iteration budget and the tolerance.
  static func theoremStepParameters(
    maxIterations: (paper: Int, quick: Int), tolerance: (meaning: String, paper: Double, quick: Double)
  ) -> [Parameter] {
    [
      .real("r", "ε/s, the attack radius relative to the input scale (fixed)", paper: 0.1, quick: 0.1, in: 1e-6...10),
      .choice("activation", "σ (smooth; ReLU is excluded)", paper: SmoothActivation.tanh, quick: .tanh),
      Deng2020.weightScale,
      .int(
        "restarts", "PGA runs per input, from uniform random points of the sphere", paper: 4, quick: 4, in: 1...10_000),
      .choice(
        "rule", "PGA step rule: smoothness (η = step/L, plain), normalized (η·ε·∇ℓ/‖∇ℓ‖) or plain (η·∇ℓ)",
        paper: Deng2020StepRule.smoothness, quick: .smoothness),
      .real(
        "step", "the step: a multiple of 1/L under the smoothness rule (the theorem's range: ≤ 1)", paper: 1, quick: 1,
        in: 1e-9...1e6),
      .int(
        "max_iter", "PGA iteration budget", paper: maxIterations.paper, quick: maxIterations.quick,
        in: 1...10_000_000),
      .real("tol", tolerance.meaning, paper: tolerance.paper, quick: tolerance.quick, in: 1e-15...1),
      .real(
        "so_tol", "second-order test: largest tangent eigenvalue ≤ so_tol·‖∇ℓ‖/ε", paper: 1e-6, quick: 1e-6, in: 0...1),
    ]
  }
}
