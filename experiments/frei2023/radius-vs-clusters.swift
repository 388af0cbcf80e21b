import Figures
import Foundation
import Harness
import Numerics
import SharedExperiments

/// Frei, Vardi, Bartlett & Srebro (2023), prediction 2 as a rate: the median flip radius of the trained
/// network's test points along the universal direction falls like ‖μ‖/√k in the number of clusters k, and a
/// generic ℓ2 attack finds flips no larger.
public enum Frei2023RadiusVsClusters: Experiment {
  public static let id = "frei2023-radius-vs-clusters"
  public static let paper = "frei2023"
  public static let reproduces = "Prediction 2 as a rate: the flip radius falls like ‖μ‖/√k in the number of clusters"
  public static let summary =
    "The median flip radius of test points, divided by ‖μ‖, falls with slope −½ in k on a log-log plot and stays near 1/√k."

  public static let parameters: [Parameter] =
    [
      Frei2023.clusters(paper: [4, 8, 16, 32, 64], quick: [4, 16]),
      Frei2023.dimension(paper: 1000, quick: 200),
      Frei2023.perCluster,
      Frei2023.width(paper: 64, quick: 32),
      Frei2023.testPoints(paper: 200, quick: 100),
    ] + Frei2023.mixture + [Frei2023.noLabelNoise]
    + Frei2023.training(maxSteps: (20_000, 3_000), convergence: (5e-3, 1e-2)) + [
      FlipStudy.direction, FlipStudy.attack, .seeds(paper: 3, quick: 2),
    ]

  /// The shared run (`Frei2023FlipRadii.swift`): flip radii along u and the generic minimal-flip attack per test
  /// point, their medians, the test accuracy, the training record and the premise.
  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    try Frei2023.flipRadiiRun(p, rng: &rng)
  }

  public static let claims: [Claim] =
    Frei2023.nearKKT + [
      Frei2023.insidePremise(
        .slope(
          "The flip radius falls like ‖μ‖/√k in the number of clusters",
          reason: "prediction 2: radius ~ ‖μ‖/√k gives slope −½ on a log-log plot; ±0.1 allows finite-size effects",
          of: { $0.scalar("flip_radius_median") / $0.real("mu_norm") }, against: "k", within: -0.6...(-0.4))
      ).wrongRegime(
        "the k means collapsed onto two directions, one per label (outside the premise): the flip needs ‖μ‖/√2 whatever k, so the slope is ≈ 0",
        set: ["means=collapsed"]),
      Frei2023.collapseClaim(
        "The flip radius is of order ‖μ‖/√k",
        reason: "prediction 2: each run's median flip radius along −y·u", radius: "flip_radius_median"
      ).instrumentCheck("flips sought along a random direction, not the universal one", set: ["direction=random"]),
      Frei2023.collapseClaim(
        "A generic ℓ2 attack finds flips near ‖μ‖/√k too",
        reason:
          "the small radius is not an artefact of the chosen direction: the minimal-flip attack, not told u, finds it at each run's median test point, because the gradient-flow network's units align with Σ_{y_j = ±1} μ_j (its gradient points along u); the attack-to-universal ratio per point is drawn in attack-ratio-vs-k",
        radius: "attack_radius_median"
      ).instrumentCheck("the attack replaced by a search along one random direction", set: ["attack=random-direction"]),
    ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let ks = results.ascendingValues(of: "k")
    let kRange = (ks.first ?? 1)...(ks.last ?? 2)
    let band = Frei2023.collapseBand
    let first = results.points.first
    let (d, m) = (first?.real("d") ?? .nan, first?.real("m") ?? .nan)
    // What the claims judge: each run's median flip radius over its test points, in units of ‖μ‖.
    let relative: @Sendable (PointResult) -> Double = { $0.scalar("flip_radius_median") / $0.real("mu_norm") }
    let fit = Claim.slopeFit(results.points, of: relative, against: "k")
    var universal = Series.median(
      "universal direction", x: ks, samples: ks.map { k in results.points.filter { $0.real("k") == k }.map(relative) },
      over: "seeds")
    universal.label += "; \(fit.text)"
    let setting = "d = \(Int(d)), m = \(Int(m))"
    return [
      Figure(
        name: "flip-radius-vs-k",
        title:
          "The flip radius falls like ‖μ‖/√k in the number of clusters k (Frei et al. 2023, prediction 2; \(setting))",
        xLabel: "clusters k", yLabel: "flip radius / ‖μ‖ (each run's median over its test points)", logX: true,
        logY: true, series: [universal],
        references: [
          .reference("prediction 1/√k (slope −1/2; the claim: from −0.6 to −0.4)", over: kRange, log: true, color: 0) {
            1 / $0.squareRoot()
          },
          .reference(
            "claim: from \(formatNumber(band.lowerBound))/√k to \(formatNumber(band.upperBound))/√k at every run inside the premise",
            over: kRange, log: true
          ) { band.lowerBound / $0.squareRoot() },
          .reference("", over: kRange, log: true) { band.upperBound / $0.squareRoot() },
          .reference("1/2: R's radius", over: kRange, log: true) { _ in 0.5 },
          .reference("1/√2: the best robust radius for orthonormal means", over: kRange, log: true, color: 4) { _ in
            1 / 2.0.squareRoot()
          },
        ], xTicks: ks, legend: .below,
        caption:
          "The medians follow the dashed 1/√k line, with the fitted slope in the legend, inside the claim's band from \(formatNumber(band.lowerBound))/√k to \(formatNumber(band.upperBound))/√k and below R's radius ‖μ‖/2 (itself below the best robust radius ‖μ‖/√2)."
      ),
      FlipStudy.attackRatioFigure(results, along: "k", xLabel: "clusters k", setting: setting, points: "test points"),
      FlipStudy.trainingFigure(results, along: "k", xLabel: "clusters k", setting: setting),
    ]
  }
}

extension Frei2023RadiusVsClusters {
  /// Memory per point, from its shapes: the training run and its evaluations.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Frei2023.memory(p, n: p.int("per_cluster") * p.int("k"), sizes: "per_cluster")
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    Frei2023.radiusCost(p)
  }
}
