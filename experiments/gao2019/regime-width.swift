import Figures
import Foundation
import Harness
import Numerics

/// Gao et al. (2019), where the main theorem holds (issue 26's regime map): min_{t≤T} L_A(W_t) ≤ min over the
/// ball ‖W − W(0)‖_F ≤ R of L*(W) + ε needs a width m ≥ poly(R, 1/ε), the lazy regime. The map sweeps the width
/// m against the ball radius R at a fixed δ, and per point measures both sides: the prediction (the convergence
/// module's gap, against its reference search) and the premise (how far W(T) left the network's linearisation
/// at W(0)), each on the run's own data.
///
/// One point = one (m, R, seed): `gao2019-convergence`'s measurement at T(R) = iterations_at_8·max(1, R/8)²
/// steps of projected adversarial training against K-step PGA, and its reference search
/// (`Gao2019ConvergenceReference.swift`): `reference_starts` runs of reference_multiple·T(R) steps against the
/// near-exact attack, from W(0) and from random points at distance R. Several starts are needed: one start
/// from W(0) sees only its own basin, and a narrow network's best robust loss in the ball is elsewhere.
///
/// Datasets per point: `surrogate_loss` per iteration, `iteration` with `robust_loss`; scalars
/// `prediction_gap` ((min_t L_A − reference)/ε, the map's statistic), `premise_linearization_error` (the map's
/// premise: max_i |f(W(T), x_i) − f_lin(x_i)|), `relative_change` (‖W(T) − W(0)‖_F/‖W(0)‖_F),
/// `pattern_change`, `gap`, `best_surrogate_loss`, `reference_robust_loss`, `reference_start_robust_loss`,
/// `weight_change`, `steps`, `estimate_misses`, `delta`.
public enum Gao2019RegimeWidth: Experiment {
  public static let id = "gao2019-regime-width"
  public static let paper = "gao2019"
  public static let reproduces =
    "Where the main theorem holds: adversarial training within ε of the best robust loss in the ball, across the width m and the ball radius R (the premise m ≥ poly(R, 1/ε))"
  public static let summary =
    "A regime map over width m and ball radius R on the circle: the convergence gap in units of ε against the measured distance from the linearisation at W(0), per cell."

  public static let parameters: [Parameter] =
    [
      .int(
        "m", "hidden width (swept, even; the map's columns)", paper: [4, 8, 16, 32, 64, 128, 256, 512],
        quick: [4, 64], cluster: [4, 6, 8, 12, 16, 24, 32, 64, 128, 256, 512, 1024, 2048], in: 2...1_000_000),
      .real(
        "R", "R, the radius of the projection ball (swept; the map's rows)", paper: [0.5, 1, 2, 4, 8, 16],
        quick: [1, 8], cluster: [0.25, 0.35, 0.5, 0.71, 1, 1.41, 2, 2.83, 4, 5.66, 8, 11.3, 16, 22.6, 32],
        in: 1e-9...1e9),
    ] + Gao2019.circle
    + [
      Gao2019.deltaRatio(paper: 0.5, quick: 0.5), Gao2019.projection(paper: .ball, quick: .ball), Gao2019.ball,
      Gao2019.learningRate(paper: 1, quick: 1),
      .int(
        "iterations_at_8", "T at R ≤ 8; T(R) = iterations_at_8·max(1, R/8)² (the theorem's T ∝ R²)", paper: 600,
        quick: 300, in: 1...10_000_000),
      .int(
        "reference_multiple", "the reference runs' steps as a multiple of T(R)", paper: 2, quick: 2, in: 1...1_000),
      .int(
        "reference_starts",
        "reference runs: one from W(0), the others from random points at distance R from it (in the ball)",
        paper: 4, quick: 4, in: 1...1_000),
    ] + Gao2019.pgaTraining
    + [
      .int(
        "evaluations", "iterations at which L* is estimated (geometric from 0 to T − 1)", paper: 12, quick: 8,
        in: 2...100_000),
      .real("epsilon", "ε of the theorem's bound min_t L_A ≤ reference + ε", paper: 0.01, quick: 0.01, in: 1e-12...1e6),
    ] + Gao2019.estimate + [.seeds(paper: 3, quick: 2, cluster: 5)]

  /// Every R, budget, rate and attack of a width and seed share data and W(0).
  public static let pairedAcross =
    [
      "R", "ball", "projection", "lr", "iterations_at_8", "reference_multiple", "reference_starts", "evaluations",
      "epsilon", "attack", "attack_steps",
    ] + Gao2019.estimate.map(\.name)

  public static func run(_ point: Point, rng: inout RandomSource) throws -> Record {
    let p = Gao2019.regimeBudgeted(point)
    let run = try Gao2019.convergenceTraining(p, rng: &rng)
    let (data, net, trained, main, schedule) = (run.data, run.initial, run.trained, run.main, run.schedule)
    let (references, startLosses, referenceLoss) = (run.references, run.startLosses, run.referenceLoss)
    let best = run.best.last ?? .nan
    let t = p.int("iterations")
    let epsilon = p.real("epsilon")
    let initialNorm = net.weights.squaredNorm.squareRoot()
    var r = Record()
    r.set("surrogate_iteration", Array(0..<main.surrogate.count), "the iteration axis of surrogate_loss: t = 0 … T − 1")
    r.set("surrogate_loss", main.surrogate, "at each iteration t: the surrogate loss L_A(W(t)) of the training attack")
    r.set("iteration", schedule, "the iteration axis of robust_loss: geometric from 0 to T − 1")
    r.set("robust_loss", main.robust, "at each scheduled iteration: the strong estimate of L*(W(t))")
    r.set(
      "prediction_gap", (best - referenceLoss) / epsilon,
      "(min_t L_A(W(t)) − reference_robust_loss)/ε: the theorem's bound asks ≤ 1", units: "ε")
    r.set(
      "premise_linearization_error", trained.linearizationError(from: net.weights, at: data.x),
      "max over the training inputs of |f(W(T), x) − f_lin(x)|, f_lin the network linearised in W at W(0): the lazy regime keeps it below ε (the logistic loss is 1-Lipschitz in the margin, so the loss is then within ε of a convex function of W)",
      units: "output units")
    r.set(
      "relative_change", main.weightChange / initialNorm,
      "‖W(T) − W(0)‖_F / ‖W(0)‖_F (at most R/‖W(0)‖_F ≈ R/√(m·d))")
    r.set(
      "pattern_change", Gao2019.patternChange(from: net.weights, to: trained.weights, at: data.x),
      "the share of (unit, training input) pairs whose activation sign(w_r·x_i) differs between W(0) and W(T)")
    r.set("gap", best - referenceLoss, "best_surrogate_loss − reference_robust_loss (the bound asks ≤ ε)")
    r.set("best_surrogate_loss", best, "min over t of L_A(W(t)): the left side of the convergence bound")
    r.set(
      "reference_robust_loss", referenceLoss,
      "the lowest L* over the main run's and the reference runs' evaluated iterates, all in the ball: an upper estimate of min over the ball of L*"
    )
    r.set(
      "reference_start_robust_loss", startLosses,
      "per reference start (the first from W(0), the others from random points at distance R): the lowest L* it reached"
    )
    r.set("weight_change", main.weightChange, "‖W(T) − W(0)‖_F of the main run (≤ R)")
    r.set("steps", Double(t), "T(R) = iterations_at_8·max(1, R/8)², the main run's steps", units: "iterations")
    r.setCount(
      "estimate_misses", main.misses + references.map(\.trajectory.misses).reduce(0, +),
      "(iteration, input) pairs, over all runs, where the training attack beat the strong estimate by more than 10⁻⁶ (should be 0)"
    )
    r.set("delta", run.delta, "the attack radius δ = delta_ratio · separation / 2", units: "ℓ2 norm")
    return r
  }

  public static let claims: [Claim] = [
    .regimeMap(
      "Where the network stays within ε of its linearisation at W(0) (the lazy regime), adversarial training ends within ε of the best robust loss in the ball; the map also shows where it does not",
      reason:
        "the main theorem, min_t L_A ≤ min over the ball of L* + ε for m ≥ poly(R, 1/ε): its proof needs the loss near-convex in the ball, which the linearisation error ≤ ε measures (the logistic loss is 1-Lipschitz in the margin); inside the measured premise the paper preset's cell medians are −0.19 to 0 ε against the bound 1, far beyond the seed spread, so no inside failure is allowed",
      map: Gao2019.regimeMap, allowedInsideFailures: 0
    ).wrongRegime(Gao2019.regimeBudgetControl, set: Gao2019.regimeBudgetOverrides, preset: .paper)
  ]

  public static func figures(_ results: Results) throws -> [Figure] {
    [Gao2019.regimeMapFigure(results)] + (try Gao2019.regimeFigures(results))
  }
}

extension Gao2019RegimeWidth {
  public static func memory(_ p: Point) -> MemoryEstimate? { Gao2019.memory(p) }

  /// T(R) steps against the training attack and the reference search at reference_multiple·T(R).
  public static func cost(_ p: Point) -> CostEstimate? { Gao2019.regimeCost(p) }
}
