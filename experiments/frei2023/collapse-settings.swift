import Figures
import Foundation
import Harness
import Numerics
import SharedExperiments

/// Frei, Vardi, Bartlett & Srebro (2023), prediction 2 beyond one width and orthogonal means (issue 25, item 3): the
/// collapse radius·√k/‖μ‖ ≈ 1 of radius-vs-clusters (m = 64, orthonormal means, σ = ‖μ‖) measured across widths
/// (paired: every width is trained on the same data), random means (the correlations the theorem allows) and the noise
/// level, judged on the runs inside the premise measured on each run's draw; the runs outside are reported apart.
public enum Frei2023CollapseSettings: Experiment {
  public static let id = "frei2023-collapse-settings"
  public static let paper = "frei2023"
  public static let reproduces =
    "Prediction 2 across widths, random means and noise levels: the flip radius stays near ‖μ‖/√k inside the premise"
  public static let summary =
    "At k = 8 clusters, widths 16, 64 and 256 on the same data, orthonormal and random means, σ = ‖μ‖/2 and 2‖μ‖: the median flip radius·√k/‖μ‖ along u and under a generic attack stays in the collapse band, flat in the width."

  public static let parameters: [Parameter] =
    [
      Frei2023.clusters(paper: 8, quick: 8),
      Frei2023.dimension(paper: 1000, quick: 200),
      Frei2023.perCluster,
      .int(
        "m", "hidden width (swept; every width on the same data)", paper: [16, 64, 256], quick: [16, 64],
        in: 1...100_000),
      Frei2023.testPoints(paper: 100, quick: 100),
      Frei2023.meanNorm,
      .real(
        "sigma", "noise scale σ (swept): ξ ~ N(0, σ²I_d/d), so ‖ξ‖ ≈ σ", paper: [0.5, 2], quick: [0.5, 2], in: 0...1e6),
      .choice(
        "means", "cluster means (swept): ‖μ‖ times orthonormal directions, or times independent random unit vectors",
        paper: [MeanLayout.orthonormal, .random], quick: [.orthonormal, .random]),
      Frei2023.positiveShare, Frei2023.noLabelNoise,
    ]
    + Frei2023.training(maxSteps: (20_000, 3_000), convergence: (5e-3, 1e-2)) + [
      FlipStudy.direction, FlipStudy.attack, .seeds(paper: 2, quick: 1),
    ]

  /// radius-vs-clusters' run (`Frei2023FlipRadii.swift`): flip radii along u and the generic minimal-flip attack per test point, their
  /// medians, the test accuracy, the training record and the premise.
  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    try Frei2023.flipRadiiRun(p, rng: &rng)
  }

  public static let claims: [Claim] = [
    Frei2023.collapseClaim(
      "Along the universal direction the flip radius is ‖μ‖/√k at every width, for random means and at both noise levels, inside the premise",
      reason:
        "prediction 2 does not depend on the width (the KKT direction of the flow is the same for every m ≥ k) nor on exact orthogonality (only small correlations of the means); each run's median flip radius along −y·u",
      radius: "flip_radius_median"
    ).instrumentCheck("flips sought along a random direction, not the universal one", set: ["direction=random"]),
    Frei2023.collapseClaim(
      "A generic ℓ2 attack finds flips near ‖μ‖/√k at every width, for random means and at both noise levels, inside the premise",
      reason:
        "as along u: the gradient-flow network's gradient points along u at every test point whatever the width; the noise moves the attack's radius down by up to half of ‖μ‖/√k inside the premise; each run's median over its test points",
      radius: "attack_radius_median"
    ).instrumentCheck("the attack replaced by a search along one random direction", set: ["attack=random-direction"]),
  ]

  public static func figures(_ results: Results) throws -> [Figure] {
    try Frei2023.CollapseSettingsFigures.figures(results)
  }
}

extension Frei2023CollapseSettings {
  /// Memory per point, from its shapes: the training run and its evaluations.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Frei2023.memory(p, n: p.int("per_cluster") * p.int("k"), sizes: "per_cluster")
  }

  /// Work per point: radius-vs-clusters' (`Frei2023.radiusCost`).
  public static func cost(_ p: Point) -> CostEstimate? {
    Frei2023.radiusCost(p)
  }
}
