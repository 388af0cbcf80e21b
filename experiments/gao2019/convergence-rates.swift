import Figures
import Foundation
import Harness
import Numerics

/// Gao et al. (2019), the theorem's quantitative content in R: the best robust loss in the ball ‖W − W(0)‖ ≤ R,
/// min_ball L*(W), is close to zero for R large enough (the NTK is expressive: a kernel margin growing with R),
/// and adversarial training reaches it within ε in T of order R²/ε² iterations.
///
/// One run per R, from the same data and W(0) (the streams do not depend on R): projected gradient descent on the
/// surrogate loss of K-step PGA for T(R) = iterations_at_8·(R/8)² steps (the theorem's T ∝ R² at fixed ε), L*
/// estimated at `evaluations` geometric iterations. `best_robust_loss`, the lowest L* over the run's iterates, is an
/// upper estimate of min_ball L* (every iterate lies in the ball); in d = 2 the 5-step attack is near-exact, so
/// it is the convergence module's reference at this R.
///
/// Datasets per point: `surrogate_loss` per iteration, `iteration` with `robust_loss`; scalars `best_robust_loss`,
/// `best_surrogate_loss`, `steps` (T(R)), `iterations_to_epsilon` (the first t with min_{s≤t} L_A ≤
/// best_robust_loss + ε), `weight_change` (‖W_T − W(0)‖_F), `final_robust_accuracy`, `estimate_misses`.
public enum Gao2019ConvergenceRates: Experiment {
  public static let id = "gao2019-convergence-rates"
  public static let paper = "gao2019"
  public static let reproduces =
    "The main theorem in R: the best robust loss in the ball ‖W − W(0)‖ ≤ R falls toward 0 as R grows, reached in T ∝ R² iterations"
  public static let summary =
    "Projected adversarial training on the circle at one width, ball radius R = 4…64 with T ∝ R² steps: the lowest robust loss reached in the ball and the iterations to come within ε of it, against R."

  public static let parameters: [Parameter] =
    [.int("m", "hidden width (even)", paper: 512, quick: 256, in: 2...1_000_000)] + Gao2019.circle
    + [
      Gao2019.deltaRatio(paper: 0.5, quick: 0.5),
      Gao2019.projection(paper: .ball, quick: .ball),
      .real(
        "R", "R, the radius of the projection ball (swept)", paper: [4, 8, 16, 32, 64], quick: [4, 8, 16, 32],
        in: 1e-9...1e9),
      Gao2019.ball,
      Gao2019.learningRate(paper: 1, quick: 1),
      .int(
        "iterations_at_8", "T at R = 8; T(R) = iterations_at_8·(R/8)² (the theorem's T ∝ R²)", paper: 600,
        quick: 600, in: 1...10_000_000),
    ] + Gao2019.pgaTraining
    + [
      .int(
        "evaluations", "iterations at which L* is estimated (geometric from 0 to T − 1)", paper: 24, quick: 12,
        in: 2...100_000),
      .real(
        "epsilon", "ε: iterations_to_epsilon counts steps to best_robust_loss + ε", paper: 0.01, quick: 0.01,
        in: 1e-12...1e6),
      .int(
        "reference_starts",
        "runs whose lowest L* is the reference: this one, and others from random points at distance R (1: this run alone)",
        paper: 1, quick: 1, in: 1...1_000),
    ] + Gao2019.estimate + [.seeds(paper: 3, quick: 2)]

  /// The same data and W(0) at every R (and every length, rate, attack and estimate).
  public static let pairedAcross =
    [
      "R", "ball", "projection", "lr", "iterations_at_8", "evaluations", "epsilon", "attack", "attack_steps",
      "reference_starts",
    ]
    + Gao2019.estimate.map(\.name)

  /// T(R) = iterations_at_8·(R/8)², at least 1.
  static func iterations(_ p: Point) -> Int {
    max(1, Int((Double(p.int("iterations_at_8")) * pow(p.real("R") / 8, 2)).rounded()))
  }

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let data = try Gao2019.data(p, rng: &rng)
    let delta = Gao2019.delta(p, data)
    let net = try Gao2019.network(p, width: p.int("m"), rng: &rng)
    let t = iterations(p)
    let schedule = Gao2019.schedule(iterations: t, count: p.int("evaluations"))
    let run = try Gao2019.train(
      p, network: net, data: data,
      configuration: Gao2019.configuration(p, attack: try Gao2019.trainingAttack(p), delta: delta),
      iterations: t, schedule: schedule, rng: rng.derived("training"))
    let bestRobust = run.robust.min() ?? .nan
    let reference = try Gao2019.otherStarts(
      p, network: net, data: data, delta: delta, iterations: t, schedule: schedule, rng: rng
    ).reduce(bestRobust, min)
    let best = Gao2019.runningMinimum(run.surrogate)
    var r = Record()
    r.set("surrogate_iteration", Array(0..<run.surrogate.count), "the iteration axis of surrogate_loss: t = 0 … T − 1")
    r.set("surrogate_loss", run.surrogate, "at each iteration t: the surrogate loss L_A(W(t)) of the training attack")
    r.set("iteration", schedule, "the iteration axis of robust_loss: geometric from 0 to T − 1")
    r.set("robust_loss", run.robust, "at each scheduled iteration: the strong estimate of L*(W(t))")
    r.set(
      "best_robust_loss", bestRobust,
      "the lowest L* over the evaluated iterates, all in the ball: an upper estimate of min over the ball of L*")
    r.set("best_surrogate_loss", best.last ?? .nan, "min over t of L_A(W(t))")
    r.set("steps", Double(t), "T(R) = iterations_at_8·(R/8)², the steps taken", units: "iterations")
    r.set(
      "iterations_to_epsilon", best.firstIndex { $0 <= reference + p.real("epsilon") }.map(Double.init) ?? .nan,
      "the first iteration t with min_{s ≤ t} L_A(W(s)) ≤ best_robust_loss + ε (NaN if never)", units: "iterations",
      allowing: .nan)
    r.set(
      "reference_robust_loss", reference,
      "the lowest L* over this run and the other reference_starts − 1 runs' iterates (best_robust_loss when reference_starts = 1): the reference of the counts to within ε"
    )
    Gao2019.recordEpsilonLevels(
      &r, best: best, reference: reference, epsilon: p.real("epsilon"), radius: p.real("R"))
    r.set("weight_change", run.weightChange, "‖W(T) − W(0)‖_F (≤ R)")
    r.set("final_robust_accuracy", run.robustAccuracy.last ?? .nan, "the share of balls classified at T − 1")
    r.setCount(
      "estimate_misses", run.misses,
      "(iteration, input) pairs where the training attack beat the strong estimate by more than 10⁻⁶ (should be 0)")
    r.set("delta", delta, "the attack radius δ = delta_ratio · separation / 2", units: "ℓ2 norm")
    return r
  }

  public static let claims: [Claim] = [
    .slope(
      "The best robust loss in the ball falls toward 0 as R grows: log-log slope against R at most −½",
      reason:
        "the theorem's second part: the optimal robust loss in the ball is close to zero for R large (the NTK of the quadratic ReLU carries the labels' harmonic, so a kernel margin growing like R gives L* → 0); a fall at least like R^{-1/2} over R = 4…64 is the weakest form of 'tends to 0'",
      of: { $0.scalar("best_robust_loss") }, against: "R", within: -50...(-0.5)
    ).wrongRegime(
      "ReLU instead of the quadratic ReLU: a bias-free ReLU network carries only the first and the even harmonics of the angle, so its NTK cannot express the 6 alternating labels (cos 3θ); the premise 'the NTK is expressive enough' fails, and L* stays near log 2 at every R",
      set: ["activation=relu"]),
    .slope(
      "The iterations to come within ε of the best robust loss grow no faster than R²: log-log slope against R at most 2",
      reason:
        "the theorem's T of order R²/ε² is an upper bound (online gradient descent in a ball of radius R on a near-convex loss); counted against the run's own best robust loss, the count is at most the run's length T(R) ∝ R², so the test is whether it hugs that budget (slope up to 2.24 here) or falls below it",
      of: { $0.scalar("iterations_to_epsilon") }, against: "R", within: -10...2
    ).wrongRegime(Gao2019.rateControl.description, set: Gao2019.rateControl.set),
    .fraction(
      "The iterations grow no faster than 1/ε²: at every R and seed, the log-log exponent of the iterations in 1/ε (ε = 0.08 … 0.005) is below 2",
      reason:
        "the theorem's T ∝ R²/ε² at fixed R: an upper bound, so the measured exponent in 1/ε may be smaller (a smooth loss converges faster than the online bound) but not larger",
      of: { $0.scalar("epsilon_exponent") }, named: "exponent of T in 1/ε", .below(2), atLeast: 1
    ).wrongRegime(Gao2019.rateControl.description, set: Gao2019.rateControl.set),
  ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let radii = Set(results.points.map { $0.real("R") }).sorted()
    guard let smallest = radii.first, let largest = radii.last else { return [] }
    let seeds = results.distinctValues(of: "seed").count
    func series(_ name: String, _ label: String) -> Series {
      var (med, lo, hi): ([Double], [Double], [Double]) = ([], [], [])
      for radius in radii {
        let v = results.points.filter { $0.real("R") == radius }.map { $0.scalar(name) }
        med.append(Statistics.median(v))
        lo.append(v.min() ?? .nan)
        hi.append(v.max() ?? .nan)
      }
      return Series(label: label, x: radii, y: med, low: lo, high: hi)
    }
    let fit = Claim.slopeFit(results.points, of: { $0.scalar("best_robust_loss") }, against: "R")
    let loss = series("best_robust_loss", "measured (median; bars: range over the \(seeds) seeds); \(fit.text)")
    let anchor = loss.y.first ?? .nan
    let steps = series("iterations_to_epsilon", "iterations to within ε (median; bars: range over seeds)")
    let stepAnchor = steps.y.first ?? .nan
    let stepFit = Claim.slopeFit(results.points, of: { $0.scalar("iterations_to_epsilon") }, against: "R")
    let budget = series("steps", "T(R), the steps taken")
    let epsilon = results.points.first?.real("epsilon") ?? .nan
    return [
      Figure(
        name: "robust-loss-vs-R", title: "The lowest robust loss reached in the ball ‖W − W(0)‖_{F} ≤ R",
        xLabel: "ball radius R", yLabel: "min over the run of L* (logistic loss)", logX: true, logY: true,
        series: [loss],
        references: [
          .reference("claim: slope ≤ −1/2 (R^{-1/2} through the smallest R)", over: smallest...largest, log: true) {
            anchor * pow($0 / smallest, -0.5)
          }
        ], xTicks: radii, legend: .below,
        caption:
          "The best robust loss in the ball must fall at least as fast as the dashed R^(−1/2) line: it goes to 0 as R grows (the fitted slope is in the legend)."
      ),
      Figure(
        name: "iterations-vs-R",
        title: "Iterations until min_{s≤t} L_{A} is within ε = \(formatNumber(epsilon)) of the best robust loss",
        xLabel: "ball radius R", yLabel: "iterations", logX: true, logY: true, series: [steps, budget],
        references: [
          .reference("R^{2}: the theorem's T ∝ R²/ε² (through the smallest R)", over: smallest...largest, log: true) {
            stepAnchor * pow($0 / smallest, 2)
          }
        ], xTicks: radii, legend: .below,
        caption:
          "Claimed: the iterations to within ε of the best robust loss grow no faster than the theorem's R² (dashed; fitted slope \(formatNumber(stepFit.slope)) ± \(formatNumber(stepFit.halfWidth))); the budget T(R) ∝ R² caps them."
      ),
      Gao2019.iterationsVersusEpsilon(results),
    ]
  }
}

extension Gao2019ConvergenceRates {
  public static func memory(_ p: Point) -> MemoryEstimate? { Gao2019.memory(p) }

  /// T(R) steps against the training attack and `evaluations` strong estimates.
  public static func cost(_ p: Point) -> CostEstimate? {
    let m = Double(p.int("m"))
    return
      (Gao2019.trainingCost(p, attack: Gao2019.declaredAttack(p), iterations: Double(iterations(p)), m: m)
      + Gao2019.estimateCost(p, count: Double(p.int("evaluations")), m: m))
      .described(
        "T(R) = iterations_at_8·(R/8)² steps, each (attack + 1) evaluations and gradients, + evaluations·(strong estimate)"
      )
  }
}
