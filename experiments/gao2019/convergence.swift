import Figures
import Foundation
import Harness
import Numerics

/// Gao, Cai, Li, Wang, Hsieh & Lee (2019), the main theorem: projected gradient descent on the surrogate loss
/// L_A of an attack A reaches min_{t≤T} L_A(W_t) ≤ min_{‖W−W(0)‖≤R} L*(W) + ε, for widths m ≥ poly(R, 1/ε).
///
/// The right-hand side is measured at the same width and R: a second run from the same W(0) trained against
/// a near-exact attack (the exhaustive search of the disk in d = 2) for `reference_iterations` steps; the
/// reference is the lowest strong estimate of L* over the scheduled iterates of both runs (every iterate lies
/// in the ball, so each is an upper estimate of the minimum). Narrow networks are far from lazy and can reach
/// lower robust losses inside the same ball, so the gap is always measured against the reference of its own m.
///
/// Datasets per point: `surrogate_loss` (L_A(W_t) at every iteration t = 0…T−1, measured before the step),
/// `iteration` (the scheduled iterations) with `robust_loss` (L*(W_t)) and `robust_accuracy` at them,
/// `reference_iteration` with `reference_robust_loss_trace` (the reference run's L*); scalars
/// `best_surrogate_loss` (min_t L_A), `reference_robust_loss`, `gap` (their difference), `iterations_to_epsilon`
/// (the first t with min_{s≤t} L_A ≤ reference + ε; NaN when never within T), `weight_change` and
/// `reference_weight_change` (‖W_T − W(0)‖_F), `final_robust_accuracy`, `estimate_misses` (iterate-input pairs
/// where the training attack beat the strong estimate by more than 10⁻⁶) and `estimate_shortfall` (the most
/// it beat it by), `surrogate_above_robust` (records with L_A > L*: 0
/// unless the estimate is wrong), `separation`, `delta`.
public enum Gao2019Convergence: Experiment {
  public static let id = "gao2019-convergence"
  public static let paper = "gao2019"
  public static let reproduces =
    "The main theorem: adversarial training reaches a surrogate loss within ε of the best robust loss in the ball ‖W − W(0)‖ ≤ R"
  public static let summary =
    "Projected gradient descent on the surrogate loss of a K-step attack, at widths 128…8192 on the circle: the best surrogate loss so far against the robust loss of a reference run trained against the exhaustive attack, per iteration and per width."

  public static let parameters: [Parameter] =
    [
      .int("m", "hidden width (swept, even)", paper: [128, 512, 2048, 8192], quick: [64, 256], in: 2...1_000_000)
    ] + Gao2019.circle + [Gao2019.deltaRatio(paper: 0.5, quick: 0.5)]
    + Gao2019.descent(projection: .ball, iterations: 600, quick: 300) + [
      .int(
        "reference_iterations", "steps of the reference run (trained against the near-exact attack)", paper: 1_200,
        quick: 600, in: 1...10_000_000)
    ] + Gao2019.pgaTraining + [
      .int(
        "evaluations", "iterations at which L* is estimated (geometric from 0 to T − 1)", paper: 24, quick: 12,
        in: 2...100_000),
      .real("epsilon", "ε of the theorem's bound min_t L_A ≤ reference + ε", paper: 0.01, quick: 0.01, in: 1e-12...1e6),
    ] + Gao2019.estimate + [.seeds(paper: 3, quick: 2)]

  /// What neither the data nor W(0) depends on.
  public static let pairedAcross =
    ["iterations", "reference_iterations", "evaluations", "epsilon", "lr", "attack", "attack_steps", "projection", "R"]
    + Gao2019.estimate.map(\.name)

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let data = try Gao2019.data(p, rng: &rng)
    let delta = Gao2019.delta(p, data)
    let net = try Gao2019.network(p, width: p.int("m"), rng: &rng)
    let t = p.int("iterations")
    let schedule = Gao2019.schedule(iterations: t, count: p.int("evaluations"))
    let main = try Gao2019.train(
      p, network: net, data: data,
      configuration: Gao2019.configuration(p, attack: try Gao2019.trainingAttack(p), delta: delta),
      iterations: t, schedule: schedule, rng: rng.derived("training"))
    let nearExact: MarginAttack =
      p.int("d") == 2 ? .exhaustive(rings: p.int("attack_rings"), refine: 10) : .strong(steps: 20, restarts: 1)
    let referenceSchedule = Gao2019.schedule(iterations: p.int("reference_iterations"), count: p.int("evaluations"))
    let reference = try Gao2019.train(
      p, network: net, data: data, configuration: Gao2019.configuration(p, attack: nearExact, delta: delta),
      iterations: p.int("reference_iterations"), schedule: referenceSchedule, rng: rng.derived("reference"))

    let referenceLoss = min(reference.robust.min() ?? .nan, main.robust.min() ?? .nan)
    let best = Gao2019.runningMinimum(main.surrogate)
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
      "estimate_misses", main.misses + reference.misses,
      "(iteration, input) pairs, over both runs, where the training attack found a lower margin than the strong estimate by more than 10⁻⁶ (should be 0)"
    )
    r.set(
      "estimate_shortfall", max(main.shortfall, reference.shortfall),
      "the largest such margin difference (0 when there are no misses)")
    r.setCount(
      "surrogate_above_robust", zip(schedule, main.robust).filter { main.surrogate[$0.0] > $0.1 }.count,
      "evaluated iterations where L_A exceeds the estimated L* (0: L_A ≤ L* held by measurement)")
    r.set(
      "separation", data.separation,
      "the separation of the two classes: the smallest distance between inputs of opposite labels", units: "ℓ2 norm")
    r.set("delta", delta, "the attack radius δ = delta_ratio · separation / 2", units: "ℓ2 norm")
    return r
  }

  public static let claims: [Claim] = [
    .fraction(
      "The theorem's bound: min over t ≤ T of L_A(W_t) is at most the reference robust loss + ε, at every width and seed",
      reason:
        "the main theorem, min_{t≤T} L_A(W_t) ≤ min_{‖W−W(0)‖≤R} L*(W) + ε for wide enough networks and T of order R²/ε²; the right-hand side is the reference run's (and this run's) lowest strong estimate of L* in the ball",
      of: { ($0.scalar("best_surrogate_loss") - $0.scalar("reference_robust_loss")) / $0.real("epsilon") },
      named: "(min_t L_A − reference)/ε", .below(1), atLeast: 1
    ).control(
      "T = 2: two steps from W(0) leave the surrogate loss near its initial value (≈ 0.9), far above the reference (≈ 0.4), so the bound must fail",
      set: ["iterations=2"]),
    .fraction(
      "The strong estimate of L* is at least as strong as the training attack at every scheduled iterate and input (so L_A ≤ L* holds by measurement, not by construction)",
      reason:
        "L* is a maximum over the ball; an estimate that a K-step attack beats is not an estimate of it. Each record still takes the lower margin of the two, so a miss is counted here, never hidden",
      of: { $0.scalar("estimate_misses") }, named: "training-attack wins over the estimate", .below(0.5), atLeast: 1
    ).codeCheck("the estimate of the robust loss is an instrument; this checks the instrument, not the paper")
      .control(
        "a one-ring grid without refinement (7 points of the disk) as the estimate: a 5-step gradient attack beats it",
        set: ["estimate_rings=1", "estimate_refine=0"]),
  ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let widths = Set(results.points.map { $0.real("m") }).sorted()
    let seeds = results.distinctValues(of: "seed").count
    var gapCurves: [Series] = []
    var lossCurves: [Series] = []
    var references: [Series] = []
    let floor = 1e-4
    var maxT = 1.0
    let shown = Set([widths.first, widths.last].compactMap { $0 })
    for (k, m) in widths.enumerated() {
      let at = results.points.filter { $0.real("m") == m }
      guard let first = at.first else { continue }
      let iterations = first.array("iteration")
      maxT = max(maxT, iterations.last ?? 1)
      // Median over seeds of (best-so-far L_A − reference) at the scheduled iterations.
      let gaps = iterations.indices.map { k -> Double in
        Statistics.median(
          at.map { point in
            let best = Gao2019.runningMinimum(point.array("surrogate_loss"))
            return best[Int(iterations[k])] - point.scalar("reference_robust_loss")
          })
      }
      gapCurves.append(
        Series(
          label: "m = \(Int(m))", x: iterations.map { $0 + 1 }, y: gaps.map { max($0, floor) }, color: k, marker: k))
      let robust = iterations.indices.map { k in Statistics.median(at.map { $0.array("robust_loss")[k] }) }
      let surrogate = iterations.indices.map { k in
        Statistics.median(at.map { $0.array("surrogate_loss")[Int(iterations[k])] })
      }
      guard shown.contains(m) else { continue }
      lossCurves.append(
        Series(
          label: "L* (strong estimate), m = \(Int(m))", x: iterations.map { $0 + 1 }, y: robust, color: k, marker: k))
      lossCurves.append(
        Series(
          label: "L_{A} (training attack), m = \(Int(m))", x: iterations.map { $0 + 1 }, y: surrogate, style: .lines,
          color: k))
      let reference = Statistics.median(at.map { $0.scalar("reference_robust_loss") })
      references.append(
        .reference(
          "reference: lowest L* in the ball, m = \(Int(m))", over: 1...(iterations.last ?? 1) + 1, log: true,
          samples: 2,
          color: k
        ) { _ in reference })
    }
    let epsilon = results.points.first?.real("epsilon") ?? .nan
    let met = results.points.filter { $0.scalar("gap") < epsilon }.count
    let misses = results.points.filter { $0.scalar("estimate_misses") >= 0.5 }.count
    var figures: [Figure] = []
    figures.append(
      Figure(
        name: "gap-vs-iteration",
        title:
          "Best surrogate loss so far minus the reference robust loss (median over \(seeds) seeds); below ε at the end at \(met) of \(results.points.count) runs",
        xLabel: "iteration t + 1", yLabel: "min_{s≤t} L_{A}(W_{s}) − reference L*  (values ≤ 10^{-4} drawn at 10^{-4})",
        logX: true, logY: true, series: gapCurves,
        references: [
          .reference(
            "claim: < ε = \(formatNumber(epsilon)) by the end, every width", over: 1...maxT, log: true, samples: 2
          ) { _ in epsilon }
        ],
        legend: .below,
        caption:
          "Every width's curve must be under the ε line by the last iteration: the theorem's bound, the best surrogate loss within ε of the lowest robust loss in the ball."
      ))
    figures.append(
      Figure(
        name: "losses-vs-iteration",
        title:
          "L_{A} and L* during training, smallest and largest width (median over \(seeds) seeds); the estimate of L* beaten by the training attack at \(misses) of \(results.points.count) runs",
        xLabel: "iteration t + 1", yLabel: "logistic loss (mean over training points)", logX: true,
        series: lossCurves, references: references, legend: .below,
        caption:
          "The surrogate loss (line) runs under the robust loss (markers) of its width and reaches the reference, the lowest robust loss found in the ball, dashed in the same colour."
      ))
    // The final gap per width, every seed.
    let mRange = (widths.min() ?? 1)...(widths.max() ?? 10)
    figures.append(
      Figure(
        name: "gap-vs-m", title: "The remaining gap min_{t} L_{A} − reference at the end of training, per seed",
        xLabel: "width m", yLabel: "min_{t} L_{A}(W_{t}) − reference robust loss", logX: true,
        series: results.distinctValues(of: "seed").map { seed in
          let points = results.points(where: ["seed": seed]).sorted { $0.real("m") < $1.real("m") }
          return Series(label: "seed \(seed)", x: points.map { $0.real("m") }, y: points.map { $0.scalar("gap") })
        },
        references: [
          .reference(
            "claim: < ε = \(formatNumber(epsilon)) at every width and seed", over: mRange, log: true, samples: 2
          ) {
            _ in epsilon
          },
          .reference("0: the surrogate loss reached the reference", over: mRange, log: true, samples: 2) { _ in 0 },
        ], xTicks: widths, legend: .below,
        caption: "Every seed's point must lie under the ε line at every width."))
    return figures
  }
}

extension Gao2019Convergence {
  /// Memory per point, from its shapes: the adversarial training run.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Gao2019.memory(p)
  }

  /// Time per point, from its shapes: the training, the reference run and their strong estimates.
  public static func cost(_ p: Point) -> CostEstimate? { Gao2019.trackedCost(p, reference: true) }
}
