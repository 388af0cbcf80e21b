import Figures
import Foundation
import Harness
import Numerics

/// Gao et al. (2019), prediction 3: the theorem bounds the surrogate loss L_A of the attack used in training,
/// not the robust loss L*. Trained against a weak attack, a network can have a low L_A and a higher L*; the
/// gap L* − L_A is larger for the weak attack than for a strong one.
///
/// Three training attacks on the same data and W(0): one normalised gradient step, K-step PGA, and the
/// exhaustive search of the disk (d = 2); L* is estimated by the finer exhaustive search at the scheduled
/// iterations. In d = 2 a 2-homogeneous σ has its worst points on the ball's edge, but not where gradient
/// steps from x_i lead: PGA from the centre finds a boundary minimum, not the global one.
///
/// Datasets per point: `surrogate_loss` per iteration; `iteration` with `robust_loss` and `robust_accuracy`
/// at the scheduled iterations; scalars `final_surrogate_loss` and `final_robust_loss` (at T − 1),
/// `final_gap` (L* − L_A there), `relative_gap` (final_gap/L*), `best_robust_loss`, `estimate_misses`,
/// `estimate_shortfall`, `weight_change`, `separation`, `delta`. Claims: `Gao2019AttackStrengthClaims.swift`
/// (the relative gaps, and the consequence: L* of a weak attack's network more than ε above the best robust loss
/// in the ball); figures: `Gao2019AttackStrengthFigures.swift`.
public enum Gao2019AttackStrength: Experiment {
  public static let id = "gao2019-attack-strength"
  public static let paper = "gao2019"
  public static let reproduces =
    "Prediction 3: training bounds the surrogate loss of its own attack; L* − L_A is larger for a weak attack"
  public static let summary =
    "Adversarial training on the circle against one gradient step, K-step PGA and the exhaustive search of the disk, at four radii: the relative gap (L* − L_A)/L* per attack (L* by a finer exhaustive search), and L* against the best robust loss reached in the ball."

  public static let parameters: [Parameter] =
    [
      Gao2019.attack(paper: [.oneStep, .pga, .exhaustive], quick: [.oneStep, .pga, .exhaustive]),
      .real(
        "delta_ratio", "δ relative to half the separation (swept): δ = delta_ratio·separation/2",
        paper: [0.25, 0.5, 0.8, 0.95], quick: [0.5, 0.8], in: 0...10),
      .int("m", "hidden width (even)", paper: 512, quick: 128, in: 2...1_000_000),
    ] + Gao2019.circle + Gao2019.descent(projection: .ball, iterations: 2000, quick: 200) + [
      Gao2019.attackSteps,
      Gao2019.attackRings,
      .int(
        "evaluations", "iterations at which L* is estimated (geometric from 0 to T − 1)", paper: 20, quick: 10,
        in: 2...100_000),
    ] + Gao2019.estimate + [.seeds(paper: 3, quick: 2)]

  /// The same data, W(0) and estimate restarts for every attack and radius.
  public static let pairedAcross = ["attack", "delta_ratio", "iterations", "evaluations"]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let data = try Gao2019.data(p, rng: &rng)
    let delta = Gao2019.delta(p, data)
    let net = try Gao2019.network(p, width: p.int("m"), rng: &rng)
    let t = p.int("iterations")
    let schedule = Gao2019.schedule(iterations: t, count: p.int("evaluations"))
    let run = try Gao2019.train(
      p, network: net, data: data,
      configuration: Gao2019.configuration(p, attack: try Gao2019.trainingAttack(p), delta: delta),
      iterations: t, schedule: schedule, rng: rng.derived("training"))
    var r = Record()
    r.set(
      "surrogate_iteration", Array(0..<run.surrogate.count), "the iteration axis of surrogate_loss: t = 0, 1, …, T − 1")
    r.set(
      "surrogate_loss", run.surrogate,
      "at each iteration t: the surrogate loss L_A(W(t)), the mean logistic loss at the training attack's points")
    r.set(
      "iteration", schedule, "the iteration axis of robust_loss and robust_accuracy: geometric from 0 to T − 1")
    r.set(
      "robust_loss", run.robust,
      "at each iteration: the strong estimate of the robust loss L*(W(t)), the mean logistic loss at the worst point of each δ-ball found"
    )
    r.set(
      "robust_accuracy", run.robustAccuracy,
      "at each iteration: the share of training points whose whole δ-ball the estimate finds classified")
    let surrogate = run.surrogate.last ?? .nan
    let robust = run.robust.last ?? .nan
    r.set("final_surrogate_loss", surrogate, "L_A at the last evaluated iteration")
    r.set("final_robust_loss", robust, "L* (strong estimate) at the last evaluated iteration")
    r.set("final_gap", robust - surrogate, "L* − L_A at the last evaluated iteration: what the training attack misses")
    r.set("relative_gap", (robust - surrogate) / robust, "(L* − L_A) / L* at the last evaluated iteration")
    r.set("best_robust_loss", run.robust.min() ?? .nan, "the smallest L* over the evaluated iterations")
    r.setCount(
      "estimate_misses", run.misses,
      "(iteration, input) pairs where the training attack found a lower margin than the strong estimate by more than 10⁻⁶ (should be 0)"
    )
    r.set(
      "estimate_shortfall", run.shortfall, "the largest such margin difference (0 when there are no misses)")
    r.set("weight_change", run.weightChange, "‖W(T) − W(0)‖_F, the distance training moved the first layer")
    r.set(
      "separation", data.separation,
      "the separation of the two classes: the smallest distance between inputs of opposite labels", units: "ℓ2 norm")
    r.set("delta", delta, "the attack radius δ = delta_ratio · separation / 2", units: "ℓ2 norm")
    return r
  }

  public static let claims: [Claim] = Gao2019.AttackStrength.claimList
  public static func figures(_ results: Results) throws -> [Figure] { try Gao2019.AttackStrength.figures(results) }
}

extension Gao2019AttackStrength {
  /// Memory per point, from its shapes: the adversarial training run.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Gao2019.memory(p)
  }

  /// Time per point, from its shapes: the training against the attack and the strong estimates.
  public static func cost(_ p: Point) -> CostEstimate? { Gao2019.trackedCost(p, reference: false) }
}
