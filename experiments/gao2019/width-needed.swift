import Figures
import Foundation
import Harness
import Numerics

/// Gao et al. (2019), the width the main theorem needs (issue 25 item 8 b): the bound min_t L_A ≤ min_ball L* + ε
/// holds for m ≥ poly(R, 1/ε). Measured: the smallest width of a ladder 2, 4, …, `m_max` from which on adversarial
/// training from W(0) ends within ε of the best robust loss in the ball at its own width, against R and ε.
///
/// One point per (R, seed): the circle setting (data shared by every R and width); at each width m of the ladder, one
/// W(0) (stream `network m = <m>`, the same at every R), projected adversarial training (K-step PGA) from W(0) for
/// T(R) = iterations_at_8·(R/8)² steps, and `starts` − 1 more runs from random points at distance R from W(0) (in
/// the ball; streams `start <k> m = <m>`) whose lowest L* with the main run's is the reference min_ball L* at that
/// width (in d = 2 the 5-step attack is near-exact, and L* is the strong estimate). A narrow network is not lazy: its
/// loss is not near-convex in the ball and the start from W(0) can stop in a basin other starts undercut. The
/// minimal width at ε is the smallest m of the ladder from which on every width's gap is at most ε (NaN: not within
/// the ladder).
///
/// Datasets: `widths`, `gap` (min_t L_A of the run from W(0) minus the reference, per width), `reference_loss`,
/// `epsilon_levels` (ε·(8, 4, 2, 1)), `minimal_width_levels`; scalars `minimal_width` (at ε),
/// `width_epsilon_exponent` (log-log slope of the minimal width in 1/ε over the levels), `steps`.
public enum Gao2019WidthNeeded: Experiment {
  public static let id = "gao2019-width-needed"
  public static let paper = "gao2019"
  public static let reproduces =
    "The main theorem's width: adversarial training comes within ε of the best robust loss in the ball from a width poly(R, 1/ε) on"
  public static let summary =
    "On the circle, widths 2…256 at ball radii R = 2, 4, 8, 16 (T ∝ R²), 8 starts per width: the smallest width from which training from W(0) ends within ε of the best robust loss several starts find in the ball, against R and 1/ε."

  public static let parameters: [Parameter] =
    Gao2019.circle + [
      Gao2019.deltaRatio(paper: 0.5, quick: 0.5),
      Gao2019.projection(paper: .ball, quick: .ball),
      .real("R", "R, the radius of the projection ball (swept)", paper: [2, 4, 8, 16], quick: [2, 8], in: 1e-9...1e9),
      Gao2019.ball,
      Gao2019.learningRate(paper: 1, quick: 1),
      .int(
        "iterations_at_8", "T at R = 8; T(R) = iterations_at_8·(R/8)² (the theorem's T ∝ R²)", paper: 600,
        quick: 300, in: 1...10_000_000),
      .int(
        "m_max", "the largest width of the ladder 2, 4, …, m_max (a power of 2)", paper: 256, quick: 32, in: 2...65_536),
      .int(
        "starts", "runs per width: one from W(0), the others from random points at distance R (the reference)",
        paper: 8, quick: 4, in: 1...1_000),
    ] + Gao2019.pgaTraining
    + [
      .int(
        "evaluations", "iterations at which L* is estimated (geometric from 0 to T − 1)", paper: 8, quick: 6,
        in: 2...100_000),
      .real("epsilon", "ε: the minimal width is counted at ε·(8, 4, 2, 1)", paper: 0.01, quick: 0.01, in: 1e-12...1e6),
    ] + Gao2019.estimate + [.seeds(paper: 6, quick: 2)]

  /// The same data and the same W(0) per width at every R (and every length, rate, attack and estimate).
  public static let pairedAcross =
    ["R", "ball", "projection", "lr", "iterations_at_8", "evaluations", "epsilon", "attack", "attack_steps", "starts"]
    + Gao2019.estimate.map(\.name)

  /// The widths 2, 4, …, m_max.
  static func widths(_ p: Point) -> [Int] {
    var out: [Int] = []
    var m = 2
    while m <= p.int("m_max") {
      out.append(m)
      m *= 2
    }
    return out
  }

  /// T(R) = iterations_at_8·(R/8)², at least 2.
  static func iterations(_ p: Point) -> Int {
    max(2, Int((Double(p.int("iterations_at_8")) * pow(p.real("R") / 8, 2)).rounded()))
  }

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let data = try Gao2019.data(p, rng: &rng)
    let delta = Gao2019.delta(p, data)
    let t = iterations(p)
    let schedule = Gao2019.schedule(iterations: t, count: p.int("evaluations"))
    let configuration = Gao2019.configuration(p, attack: try Gao2019.trainingAttack(p), delta: delta)
    var gaps: [Double] = []
    var references: [Double] = []
    for m in widths(p) {
      var draw = rng.derived("network m = \(m)")
      let net = try Gao2019.network(p, width: m, rng: &draw)
      let main = try Gao2019.train(
        p, network: net, data: data, configuration: configuration, iterations: t, schedule: schedule,
        rng: rng.derived("training m = \(m)"))
      var reference = main.robust.min() ?? .nan
      for k in 1..<max(p.int("starts"), 1) {
        var startDraw = rng.derived("start \(k) m = \(m)")
        let u = startDraw.normalMatrix(net.width, net.inputDimension)
        var start = net.weights
        axpy(p.real("R") / u.squaredNorm.squareRoot(), u.storage, &start.storage)
        configuration.ball.project(&start, around: net.weights, radius: p.real("R"))
        let other = try Gao2019.train(
          p, network: net, data: data, configuration: configuration, iterations: t, schedule: schedule,
          rng: rng.derived("training \(k) m = \(m)"), start: start)
        reference = min(reference, other.robust.min() ?? .nan)
      }
      references.append(reference)
      gaps.append((main.surrogate.min() ?? .nan) - reference)
    }
    let levels = Array(Gao2019.epsilonLevels(p.real("epsilon")).prefix(4))
    let minimal = levels.map { Gao2019.minimalWidth(widths: widths(p), gaps: gaps, epsilon: $0) }
    var r = Record()
    r.set("widths", widths(p), "the ladder of widths m = 2, 4, …, m_max")
    r.set("gap", gaps, "per width: min_t L_A of the run from W(0) minus reference_loss (the bound asks ≤ ε)")
    r.set(
      "reference_loss", references,
      "per width: the lowest L* (strong estimate) any of the `starts` runs reached in the ball: an upper estimate of min over the ball of L*"
    )
    r.set("epsilon_levels", levels, "the ε levels of minimal_width_levels: ε·(8, 4, 2, 1)")
    r.set(
      "minimal_width_levels", minimal,
      "per ε level: the smallest width of the ladder from which on every gap is ≤ ε (NaN: none within the ladder)",
      allowing: .nan)
    r.set(
      "minimal_width", minimal.last ?? .nan, "minimal_width_levels at ε (NaN: none within the ladder)", allowing: .nan)
    r.set(
      "width_epsilon_exponent", Gao2019.epsilonExponent(minimal, levels: levels),
      "the log-log slope of minimal_width_levels against 1/ε (NaN if a width is missing)", allowing: .nan)
    r.set("steps", Double(t), "T(R) = iterations_at_8·(R/8)², the steps of every run", units: "iterations")
    r.set("delta", delta, "the attack radius δ = delta_ratio · separation / 2", units: "ℓ2 norm")
    return r
  }

  public static let claims: [Claim] = Gao2019.widthNeededClaims

  public static func figures(_ results: Results) throws -> [Figure] { Gao2019.widthNeededFigures(results) }
}

extension Gao2019WidthNeeded {
  public static func memory(_ p: Point) -> MemoryEstimate? { Gao2019.memory(p, width: p.int("m_max")) }
  public static func cost(_ p: Point) -> CostEstimate? { ladderCost(p) }
}

/// gao2019-width-needed: at every width m of the ladder 2, 4, …, m_max, `starts` runs of T(R) steps against the
/// training attack, each with `evaluations` strong estimates. The work is linear in m, so the ladder sums to about
/// 2·m_max widths' worth.
extension Gao2019WidthNeeded {
  static func ladderCost(_ p: Point) -> CostEstimate {
    let t = Double(iterations(p))
    let runs = Double(max(p.int("starts"), 1))
    var cost = CostEstimate(gemmFlops: 0, "")
    for m in widths(p).map(Double.init) {
      cost =
        cost + Gao2019.trainingCost(p, attack: Gao2019.declaredAttack(p), iterations: runs * t, m: m)
        + Gao2019.estimateCost(p, count: runs * Double(p.int("evaluations")), m: m)
    }
    return cost.described(
      "per width of the ladder: starts × (T(R) steps, each (attack + 1) evaluations and gradients, + evaluations·(strong estimate)); each evaluation 2·n·m·d flops + 2·n·m activation pairs"
    )
  }
}
