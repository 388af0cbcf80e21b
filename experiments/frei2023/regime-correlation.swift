import Figures
import Foundation
import Harness
import Numerics

/// Frei, Vardi, Bartlett & Srebro (2023), the regime map of the non-robustness prediction (issue 26, item 6): over
/// the number of clusters k and the dimension d, with the means drawn as independent random unit vectors so their
/// correlations (≈ √(4 ln k/d) at most) and the noise's share along u (≈ 2σ·√(k/d)/‖μ‖) vary across the grid,
/// where does the collapse radius stay at ‖μ‖/√k, and is that where the premise, measured on each run's data, holds?
public enum Frei2023RegimeCorrelation: Experiment {
  public static let id = "frei2023-regime-correlation"
  public static let paper = "frei2023"
  public static let reproduces =
    "Where the collapse radius ‖μ‖/√k holds over (k, d) with random means, against the premise measured per run"
  public static let summary =
    "A map over clusters k and dimension d: the attack's collapse radius·√k/‖μ‖ per cell, and the premise (small correlations of the means, small noise along u) measured on each run's draw."

  /// The means' layout: random unit vectors here (their correlations are what the map varies).
  static let layout = Parameter.choice(
    "means", "cluster means: ‖μ‖ times independent random unit vectors (the map), orthonormal, or collapsed (control)",
    paper: MeanLayout.random, quick: .random)

  public static let parameters: [Parameter] =
    [
      .int(
        "k", "number of clusters (swept: the map's columns)", paper: [4, 8, 16, 32], quick: [4, 16],
        cluster: [4, 6, 8, 12, 16, 24, 32, 48, 64], in: 2...100_000),
      .int(
        "d", "input dimension (swept, the map's rows: the means' correlations and the noise along u fall like 1/√d)",
        paper: [16, 64, 256, 1024, 4096, 16384], quick: [16, 256, 4096],
        cluster: [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384], in: 2...200_000),
      Frei2023.perCluster,
      Frei2023.width(paper: 64, quick: 32),
      Frei2023.testPoints(paper: 200, quick: 100),
      Frei2023.meanNorm, Frei2023.noise, layout, Frei2023.positiveShare, Frei2023.noLabelNoise,
    ]
    + Frei2023.training(maxSteps: (20_000, 3_000), convergence: (5e-3, 1e-2)) + [.seeds(paper: 3, quick: 2, cluster: 5)]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    try Frei2023.regimeRecord(p, rng: &rng)
  }

  public static let claims: [Claim] = [
    .regimeMap(
      "Inside the measured premise a universal direction flips the network at ‖μ‖/√k (collapse radius·√k/‖μ‖ in the collapse band) at every cell but one, and the map shows where it stops",
      reason:
        "prediction 2 on means with small correlations: "
        + Frei2023.collapseBandReason
        + "; one cell of the premise's may fail to the seed noise (three seeds a cell); outside the premise, where the noise along u reaches ‖μ‖/√k, the flip along u is predicted to drift (the map's own control)",
      map: Frei2023.collapseMap, allowedInsideFailures: 1
    ).wrongRegime(
      "one hidden unit (m = 1): one sign, it cannot fit both labels, so gradient flow never reaches the KKT point whose units align with Σ_{y_j = ±1} μ_j; half the test points are misclassified (radius 0) and the collapse radius falls out of the band inside the measured premise",
      set: ["m=1"], preset: .quick)
  ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let setting = "random means, σ = ‖μ‖"
    return [
      Frei2023.collapseMap.figure(
        results, name: "regime-map",
        title:
          "Where a universal direction flips at ‖μ‖/√k, over clusters k and dimension d (Frei et al. 2023; \(setting))",
        caption: Frei2023.regimeCaption(Frei2023.collapseMap, results)),
      Frei2023.attackCollapseMap.figure(
        results, name: "regime-map-attack",
        title: "The generic ℓ2 attack's collapse radius over k and d (Frei et al. 2023; \(setting))",
        caption: Frei2023.regimeCaption(Frei2023.attackCollapseMap, results)),
    ] + Frei2023.regimeFigures(results)
  }
}

extension Frei2023RegimeCorrelation {
  /// Memory per point, from its shapes: the training run and its evaluations.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Frei2023.memory(p, n: p.int("per_cluster") * p.int("k"), sizes: "per_cluster")
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    Frei2023.regimeCost(p)
  }
}
