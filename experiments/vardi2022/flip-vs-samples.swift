import Figures
import Foundation
import Harness
import Numerics

/// Vardi, Yehudai & Shamir (2022), prediction 1 at fixed d, and prediction 4: relative to the input
/// norm ‖x‖ = √d, the flip radius of a network trained to (near) a KKT point shrinks like 1/√n in the
/// number of training points, and a generic ℓ2 attack, which knows nothing of the universal
/// direction −y·u, finds flips no larger than it.
public enum Vardi2022FlipVsSamples: Experiment {
  public static let id = "vardi2022-flip-vs-samples"
  public static let paper = "vardi2022"
  public static let reproduces =
    "Prediction 1 (flip radius / ‖x‖ ~ 1/√n at fixed d) and prediction 4 (a generic attack does no worse)"
  public static let summary =
    "At fixed d the flip radius divided by ‖x‖ falls like n^{-1/2}, and a generic ℓ2 attack finds flips at most as large as the universal direction's."

  public static let parameters: [Parameter] =
    [
      .int("n", "training points (swept)", paper: [5, 10, 20, 40], quick: [4, 8], in: 2...5_000),
      .int(
        "d", "input dimension (large: near-orthogonal data needs d ≳ n² log n)", paper: 8000, quick: 400,
        in: 2...200_000),
      Vardi2022.width(paper: 100, quick: 20),
    ] + FlipStudy.training(maxSteps: (8_000, 3_000), convergence: (1e-3, 1e-2)) + [
      FlipStudy.direction, FlipStudy.attack, .seeds(paper: 5, quick: 2),
    ]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))
    let (data, trainer) = Vardi2022.trainer(p, d: d, n: n, m: m)
    let report = try trainer.run()
    let net = trainer.network

    let universal = Vardi2022.flipRadii(net, data, direction: Vardi2022.flipDirection(p, data, rng: &rng))
    let alongVW = Vardi2022.flipRadii(net, data, direction: normalized(product(net.weights, .transpose, net.outer)))
    let attack = Vardi2022.attackRadii(p, net, data, rng: &rng)

    var r = Record()
    Vardi2022.recordRadii(&r, "flip_radius", universal, Vardi2022.alongU)
    Vardi2022.recordRadii(&r, "flip_radius_vw", alongVW, Vardi2022.alongVW)
    Vardi2022.recordRadii(&r, "attack_radius", attack, Vardi2022.byAttack)
    Vardi2022.record(&r, data: data, report: report, network: trainer.network)
    return r
  }

  public static let claims: [Claim] =
    FlipStudy.nearKKT + [
      .slope(
        "At fixed d the flip radius relative to ‖x‖ falls like n^{-1/2}",
        reason: "radius ~ √(d/n) = ‖x‖/√n gives slope −½; ±0.1 allows finite-size effects",
        of: { $0.scalar("flip_radius_median") / $0.scalar("input_norm") }, against: "n", within: -0.6...(-0.4)
      ).control("the network stopped after 2 steps, before it fits the data", set: ["max_steps=2"]),
      .fraction(
        "The flip radius is of order ‖x‖/√n",
        reason: "the theorem fixes the order, not the constant: a factor of 2 either way",
        of: { $0.scalar("flip_radius_median") * $0.real("n").squareRoot() / $0.scalar("input_norm") },
        named: "radius·√n/‖x‖", .within(0.5...2), atLeast: 0.9
      ).control("flips searched along a random direction, not −y·u", set: ["direction=random"]),
      Vardi2022.attackIsNoWorse,
    ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let ns = results.ascendingValues(of: "n")
    let nRange = (ns.first ?? 1)...(ns.last ?? 2)
    let first = results.points.first
    let (d, m) = (first?.real("d") ?? .nan, first?.real("m") ?? .nan)
    // What the claims judge: each run's median flip radius over its training points, divided by ‖x‖.
    let relative: @Sendable (PointResult) -> Double = { $0.scalar("flip_radius_median") / $0.scalar("input_norm") }
    let fit = Claim.slopeFit(results.points, of: relative, against: "n")
    var universal = Series.median(
      "along −y·u", x: ns, samples: ns.map { n in results.points.filter { $0.real("n") == n }.map(relative) },
      over: "seeds")
    universal.label += "; \(fit.text)"
    let setting = "d = \(Int(d)), m = \(Int(m))"
    return [
      Figure(
        name: "relative-flip-radius-vs-n",
        title: "Relative to ‖x‖ the flip radius falls like 1/√n (Vardi et al. 2022, prediction 1; \(setting))",
        xLabel: "training points n", yLabel: "flip radius / ‖x‖ (each run's median over its training points)",
        logX: true, logY: true, series: [universal],
        references: [
          .reference("prediction 1/√n (slope −1/2; the claim: from −0.6 to −0.4)", over: nRange, log: true, color: 0) {
            1 / $0.squareRoot()
          },
          .reference("claim: from 0.5/√n to 2/√n at ≥ 90% of runs", over: nRange, log: true) { 0.5 / $0.squareRoot() },
          .reference("", over: nRange, log: true) { 2 / $0.squareRoot() },
          .reference("robust radius / ‖x‖ = 1/2", over: nRange, log: true) { _ in 0.5 },
        ], xTicks: ns, legend: .below,
        caption:
          "The medians follow the dashed 1/√n line, with the fitted slope in the legend, inside the claim's band from 0.5/√n to 2/√n and below the robust radius ‖x‖/2."
      ),
      FlipStudy.attackRatioFigure(
        results, along: "n", xLabel: "training points n", setting: setting, points: "training points",
        extra: ("flip_radius_vw", "along −y·Σ_{j} v_{j} w_{j}")),
      FlipStudy.trainingFigure(results, along: "n", xLabel: "training points n", setting: setting),
    ]
  }
}

extension Vardi2022FlipVsSamples {
  /// Memory per point, from its shapes: the training run and its diagnostics.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Vardi2022.memory(p)
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    Vardi2022.cost(p, attacks: 1)
  }
}
