import Foundation
import Harness
import Numerics

// gao2019-convergence's run, shared with gao2019-convergence-sphere (the same measurement on the sphere in d > 2),
// its training and reference search also with gao2019-regime-width, and the two convergence modules' parameters:
// adversarial training against the K-step attack and the reference runs against the near-exact attack from the
// same W(0), their losses recorded (convergence.swift lists the datasets). A shared file of the paper.
extension Gao2019 {
  /// One point of the convergence measurement: its record, the data and δ, and W at the end of the main run and of
  /// the reference run from W(0) (for a stronger estimate of their L*).
  struct ConvergenceRun {
    var record: Record
    var data: SphereData
    var delta: Double
    var main: TwoLayerNetwork
    var reference: TwoLayerNetwork
  }

  /// The training and the reference search of one point, shared by gao2019-convergence, -convergence-sphere and
  /// -regime-width: the data and δ, W(0), T steps of projected training against the training attack (its trajectory
  /// and the network it ends at), the reference runs against the near-exact attack, and what the bound compares.
  struct ConvergenceTraining {
    var data: SphereData
    var delta: Double
    /// W(0): the network before training.
    var initial: TwoLayerNetwork
    var schedule: [Int]
    var main: RobustTrajectory
    var trained: TwoLayerNetwork
    var referenceSchedule: [Int]
    var references: [(trajectory: RobustTrajectory, network: TwoLayerNetwork)]
    /// Per reference start, the lowest L* it reached.
    var startLosses: [Double]
    /// The lowest L* over the main run's and the reference runs' evaluated iterates.
    var referenceLoss: Double
    /// min_{s ≤ t} L_A(W(s)) at each t.
    var best: [Double]
  }

  /// The point's `ConvergenceTraining`, drawn from `rng` in this order: the data, W(0), then the training and the
  /// reference runs from streams derived from what is left.
  static func convergenceTraining(_ p: Point, rng: inout RandomSource) throws -> ConvergenceTraining {
    let data = try Gao2019.data(p, rng: &rng)
    let delta = Gao2019.delta(p, data)
    let net = try Gao2019.network(p, width: p.int("m"), rng: &rng)
    let t = p.int("iterations")
    let schedule = Gao2019.schedule(iterations: t, count: p.int("evaluations"))
    let (main, trained) = try Gao2019.trainKeeping(
      p, network: net, data: data,
      configuration: Gao2019.configuration(p, attack: try Gao2019.trainingAttack(p), delta: delta),
      iterations: t, schedule: schedule, rng: rng.derived("training"))
    let referenceSchedule = Gao2019.schedule(iterations: p.int("reference_iterations"), count: p.int("evaluations"))
    let references = try Gao2019.referenceRuns(
      p, network: net, data: data, delta: delta, schedule: referenceSchedule, rng: rng)
    let startLosses = references.map { $0.trajectory.robust.min() ?? .nan }
    return ConvergenceTraining(
      data: data, delta: delta, initial: net, schedule: schedule, main: main, trained: trained,
      referenceSchedule: referenceSchedule, references: references,
      startLosses: startLosses, referenceLoss: min(startLosses.min() ?? .nan, main.robust.min() ?? .nan),
      best: Gao2019.runningMinimum(main.surrogate))
  }

  static func convergenceRun(_ p: Point, rng: inout RandomSource) throws -> ConvergenceRun {
    let run = try convergenceTraining(p, rng: &rng)
    let (data, delta, schedule, main, referenceSchedule) = (
      run.data, run.delta, run.schedule, run.main, run.referenceSchedule
    )
    let (references, startLosses, referenceLoss, best) = (run.references, run.startLosses, run.referenceLoss, run.best)
    let reference = references[0].trajectory
    let epsilon = p.real("epsilon")
    var r = Record()
    r.set(
      "surrogate_iteration", Array(0..<main.surrogate.count), "the iteration axis of surrogate_loss: t = 0, 1, …, T − 1"
    )
    r.set(
      "surrogate_loss", main.surrogate,
      "at each iteration t: the surrogate loss L_A(W(t)) of the training attack (PGD on it is the training)")
    r.set("iteration", schedule, "the iteration axis of robust_loss and robust_accuracy: geometric from 0 to T − 1")
    r.set(
      "robust_loss", main.robust,
      "at each iteration: the strong estimate of the robust loss L*(W(t)) (mean logistic loss at the worst point of each δ-ball)"
    )
    r.set(
      "robust_accuracy", main.robustAccuracy,
      "at each iteration: the share of training points whose whole δ-ball the estimate finds classified")
    r.set(
      "reference_iteration", referenceSchedule,
      "the iteration axis of reference_robust_loss_trace: geometric from 0 to reference_iterations − 1")
    r.set(
      "reference_robust_loss_trace", reference.robust,
      "at each reference iteration: L* of the reference run, trained from the same W(0) against the near-exact attack")
    r.set(
      "reference_start_robust_loss", startLosses,
      "per reference start (the first from W(0), the others from random points at distance R): the lowest L* it reached"
    )
    r.set("best_surrogate_loss", best.last ?? .nan, "min over t of L_A(W(t)): the left side of the convergence bound")
    r.set(
      "reference_robust_loss", referenceLoss,
      "the lowest L* over both runs' evaluated iterates in the ball: an upper estimate of min over the ball of L*")
    r.set(
      "gap", (best.last ?? .nan) - referenceLoss, "best_surrogate_loss − reference_robust_loss (the bound asks ≤ ε)")
    r.set(
      "iterations_to_epsilon", best.firstIndex { $0 <= referenceLoss + epsilon }.map(Double.init) ?? .nan,
      "the first iteration t with min_{s ≤ t} L_A(W(s)) ≤ reference + ε (NaN if never within T)", units: "iterations",
      allowing: .nan)
    r.set("weight_change", main.weightChange, "‖W(T) − W(0)‖_F of the main run")
    r.set("reference_weight_change", reference.weightChange, "‖W − W(0)‖_F at the end of the reference run")
    r.set("final_robust_accuracy", main.robustAccuracy.last ?? .nan, "robust_accuracy at the last evaluated iteration")
    r.setCount(
      "estimate_misses", main.misses + references.map(\.trajectory.misses).reduce(0, +),
      "(iteration, input) pairs, over both runs, where the training attack found a lower margin than the strong estimate by more than 10⁻⁶ (should be 0)"
    )
    r.set(
      "estimate_shortfall", references.map(\.trajectory.shortfall).reduce(main.shortfall, max),
      "the largest such margin difference (0 when there are no misses)")
    r.setCount(
      "surrogate_above_robust", zip(schedule, main.robust).filter { main.surrogate[$0.0] > $0.1 }.count,
      "evaluated iterations where L_A exceeds the estimated L* (0: L_A ≤ L* held by measurement)")
    r.set(
      "separation", data.separation,
      "the separation of the two classes: the smallest distance between inputs of opposite labels", units: "ℓ2 norm")
    r.set("delta", delta, "the attack radius δ = delta_ratio · separation / 2", units: "ℓ2 norm")
    return ConvergenceRun(record: r, data: data, delta: delta, main: run.trained, reference: references[0].network)
  }
}

extension Gao2019 {
  /// What neither the data nor W(0) depends on in gao2019-convergence and gao2019-convergence-sphere: the
  /// parameters their draws are paired across.
  static let convergencePairedAcross: [String] =
    [
      "iterations", "reference_iterations", "reference_starts", "evaluations", "epsilon", "lr", "attack",
      "attack_steps", "projection", "R", "ball",
    ]
    + Gao2019.estimate.map(\.name)
}

extension Gao2019 {
  /// The parameters of gao2019-convergence and gao2019-convergence-sphere after their data's: δ, the projected
  /// descent (ball, T), the reference run, the training attack, the evaluations, ε and the strong estimate (in this
  /// order: it is the order of the files' parameters).
  static let convergenceParameters: [Parameter] =
    [Gao2019.deltaRatio(paper: 0.5, quick: 0.5)]
    + Gao2019.descent(projection: .ball, iterations: 600, quick: 300) + [
      Gao2019.ball,
      .int(
        "reference_iterations", "steps of the reference run (trained against the near-exact attack)", paper: 1_200,
        quick: 600, in: 1...10_000_000),
      .int(
        "reference_starts",
        "reference runs: one from W(0), the others from random points at distance R from it (in the ball)",
        paper: 1, quick: 1, in: 1...1_000),
    ] + Gao2019.pgaTraining + [
      .int(
        "evaluations", "iterations at which L* is estimated (geometric from 0 to T − 1)", paper: 24, quick: 12,
        in: 2...100_000),
      .real("epsilon", "ε of the theorem's bound min_t L_A ≤ reference + ε", paper: 0.01, quick: 0.01, in: 1e-12...1e6),
    ] + Gao2019.estimate
}
