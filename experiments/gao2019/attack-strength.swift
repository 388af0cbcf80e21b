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
/// `estimate_shortfall`, `weight_change`, `separation`, `delta`.
public enum Gao2019AttackStrength: Experiment {
  public static let id = "gao2019-attack-strength"
  public static let paper = "gao2019"
  public static let reproduces =
    "Prediction 3: training bounds the surrogate loss of its own attack; L* − L_A is larger for a weak attack"
  public static let summary =
    "Adversarial training on the circle against one gradient step, K-step PGA and the exhaustive search of the disk, at three radii: the surrogate loss L_A and the robust loss L* (finer exhaustive search) per iteration."

  public static let parameters: [Parameter] =
    [
      Gao2019.attack(paper: [.oneStep, .pga, .exhaustive], quick: [.oneStep, .pga, .exhaustive]),
      .real(
        "delta_ratio", "δ relative to half the separation (swept): δ = delta_ratio·separation/2",
        paper: [0.25, 0.5, 0.8], quick: [0.5, 0.8], in: 0...10),
      .int("m", "hidden width (even)", paper: 512, quick: 128, in: 2...1_000_000),
    ] + Gao2019.circle + Gao2019.descent(projection: .ball, iterations: 500, quick: 200) + [
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

  /// Per δ ratio, one column per attack: the median over seeds of the relative gap (L* − L_A)/L* at the end of
  /// training (NaN when a seed's is missing or the attack was not run).
  static func relativeGaps(_ results: Results) -> DerivedTable {
    DerivedTable(
      results.points, by: ["delta_ratio"],
      columns: Gao2019Attack.allCases.map { attack in
        (
          attack.rawValue,
          { points in
            Statistics.median(
              points.filter { $0.value("attack") == .text(attack.rawValue) }.map { $0.scalar("relative_gap") })
          }
        )
      })
  }

  /// The weak attack's relative gap minus the strong one's, medians over seeds, at each radius: at least
  /// 0.01 (1% of L*) for the claim to hold.
  static func wider(_ weak: Gao2019Attack, statement: String) -> Claim {
    let (w, s) = (weak.rawValue, Gao2019Attack.exhaustive.rawValue)
    return .derivedValue(
      statement,
      reason:
        "prediction 3: the theorem bounds L_A only, so a weak attack leaves a robust loss above its surrogate; the difference of the relative gaps (L* − L_A)/L* at the end of training must reach 0.01 so that rounding-level differences do not count",
      table: relativeGaps, label: { "δ ratio = \(formatNumber($0.real("delta_ratio")))" }, of: { $0[w] - $0[s] },
      .within(0.01...Double.infinity), bound: "(L* − L_A)/L*: \(w) − exhaustive ≥ 0.01 (medians over seeds)",
      observed: {
        "\(w) \(formatNumber($0[w])), exhaustive \(formatNumber($0[s])), difference \(formatNumber($0[w] - $0[s]))"
      },
      valueIs: "the weak attack's relative gap minus the exhaustive search's (medians over seeds)")
  }

  static let smallBall = Control(
    description:
      "δ ratio 0.05: on a ball this small the margin is linear in the perturbation to O(δ²), so one gradient step is already exact and every attack leaves the same gap",
    overrides: ["delta_ratio=0.05"])

  public static let claims: [Claim] = [
    wider(
      .oneStep,
      statement:
        "At the largest δ, L* − L_A (relative to L*) is larger after training against one gradient step than against the exhaustive search"
    )
    .atLargest("delta_ratio").control(smallBall.description, set: smallBall.overrides),
    wider(
      .pga,
      statement:
        "At the largest δ, L* − L_A (relative to L*) is larger after training against K-step PGA than against the exhaustive search"
    )
    .atLargest("delta_ratio").control(smallBall.description, set: smallBall.overrides),
    .fraction(
      "The strong estimate of L* is at least as strong as every training attack at every scheduled iterate and input",
      reason: "an estimate of the maximum over the ball that a training attack beats is not an estimate of it",
      of: { $0.scalar("estimate_misses") }, named: "training-attack wins over the estimate", .below(0.5), atLeast: 1
    ).codeCheck("the estimate of the robust loss is an instrument; this checks the instrument, not the paper")
      .control(
        "a one-ring grid without refinement (7 points of the disk) as the estimate: the exhaustive training attack beats it",
        set: ["estimate_rings=1", "estimate_refine=0"]),
  ]

  static func label(_ attack: Gao2019Attack, _ p: PointResult?) -> String {
    switch attack {
    case .none: return "no attack"
    case .oneStep: return "one gradient step"
    case .pga: return "PGA, K = \(p.map { formatReal($0.real("attack_steps")) } ?? "?")"
    case .exhaustive: return "exhaustive search"
    }
  }

  public static func figures(_ results: Results) throws -> [Figure] {
    let attacks = Gao2019Attack.allCases.filter { a in
      results.points.contains { $0.value("attack") == .text(a.rawValue) }
    }
    let ratios = Set(results.points.map { $0.real("delta_ratio") }).sorted()
    let seeds = results.distinctValues(of: "seed").count
    var figures: [Figure] = []
    for ratio in ratios {
      var series: [Series] = []
      for (k, attack) in attacks.enumerated() {
        let at = results.points.filter {
          $0.real("delta_ratio") == ratio && $0.value("attack") == .text(attack.rawValue)
        }
        guard let first = at.first else { continue }
        let iterations = first.array("iteration")
        let x = iterations.map { $0 + 1 }
        let robust = iterations.indices.map { k in Statistics.median(at.map { $0.array("robust_loss")[k] }) }
        let surrogate = iterations.map { t in Statistics.median(at.map { $0.array("surrogate_loss")[Int(t)] }) }
        series.append(
          Series(label: "L*, trained against \(label(attack, first))", x: x, y: robust, color: k, marker: k))
        series.append(
          Series(label: "L_{A}, trained against \(label(attack, first))", x: x, y: surrogate, style: .lines, color: k))
      }
      figures.append(
        Figure(
          name: "losses-delta-\(formatReal(ratio))",
          title:
            "The surrogate loss L_{A} of the training attack and the robust loss L* per training attack, δ = \(formatReal(ratio))·separation/2 (median over \(seeds) seeds)",
          xLabel: "iteration t + 1", yLabel: "logistic loss (mean over training points)", logX: true,
          series: series, legend: .below,
          caption:
            "For each training attack (one colour) the gap between its robust loss L* (markers) and its own surrogate loss (line) at the end is what the claims compare: wider for the weak attacks."
        ))
    }
    // The relative gap at the end against δ, per attack.
    var gaps: [Series] = []
    for (k, attack) in attacks.enumerated() {
      var (med, lo, hi): ([Double], [Double], [Double]) = ([], [], [])
      for ratio in ratios {
        let v = results.points.filter {
          $0.real("delta_ratio") == ratio && $0.value("attack") == .text(attack.rawValue)
        }
        .map { $0.scalar("relative_gap") }
        med.append(Statistics.median(v))
        lo.append(v.min() ?? .nan)
        hi.append(v.max() ?? .nan)
      }
      gaps.append(
        Series(
          label: "\(label(attack, results.points.first)) (median; bars: range over the \(seeds) seeds)", x: ratios,
          y: med, low: lo, high: hi, color: k, marker: k))
    }
    let exhaustive = attacks.firstIndex(of: .exhaustive)
    let misses = results.points.filter { $0.scalar("estimate_misses") >= 0.5 }.count
    figures.append(
      Figure(
        name: "gap-vs-delta",
        title:
          "(L* − L_{A})/L* at the end of training per training attack; the estimate of L* beaten by a training attack at \(misses) of \(results.points.count) runs",
        xLabel: "δ / (separation/2)", yLabel: "(L* − L_{A}) / L*", series: gaps,
        references: exhaustive.map { e in
          [
            Series(
              label: "exhaustive + 0.01: the weak attacks must reach it at the largest δ (the claims)", x: ratios,
              y: gaps[e].y.map { $0 + 0.01 }, style: .dashed, color: e)
          ]
        } ?? [], xTicks: ratios, legend: .below,
        caption:
          "At the largest δ the one-step and PGA gaps must lie above the dashed line, the exhaustive search's gap plus 0.01: training against a weak attack leaves more robust loss unseen."
      ))
    return figures
  }
}

extension Gao2019AttackStrength {
  /// Memory per point, from its shapes: the adversarial training run.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Gao2019.memory(p)
  }

  /// Time per point, from its shapes: the training against the attack and the strong estimates.
  public static func cost(_ p: Point) -> CostEstimate? { Gao2019.trackedCost(p, reference: false) }
}
