import Figures
import Foundation
import Harness
import Numerics
import SharedExperiments

/// Frei, Vardi, Bartlett & Srebro (2023), the second edge of the sword: the network gradient flow finds on
/// k clusters is flipped at radius ~ ‖μ‖/√k, along the universal direction and by a generic ℓ2 attack,
/// while the width-k network R(x) = Σ_j y_j relu(⟨μ_j/‖μ‖, x⟩ − ‖μ‖/2) keeps its accuracy to ≈ ‖μ‖/2: robust
/// networks exist, and the gap between the two radii grows like √k.
public enum Frei2023RobustAccuracy: Experiment {
  public static let id = "frei2023-robust-accuracy"
  public static let paper = "frei2023"
  public static let reproduces =
    "Non-robustness at radius ‖μ‖/√k (universal direction and ℓ2 attack) against a robust network R that holds to ‖μ‖/2"
  public static let summary =
    "The trained network's robust accuracy collapses near ‖μ‖/√k, R's only near ‖μ‖/2, so the gap grows like √k."

  public static let parameters: [Parameter] =
    [
      Frei2023.clusters(paper: [4, 16, 64], quick: [4, 16]),
      Frei2023.dimension(paper: 1000, quick: 200),
      Frei2023.perCluster,
      Frei2023.width(paper: 64, quick: 32),
      Frei2023.testPoints(paper: 200, quick: 100),
    ] + Frei2023.gridParameters + Frei2023.mixture + [Frei2023.noLabelNoise]
    + Frei2023.training(maxSteps: (20_000, 3_000), convergence: (5e-3, 1e-2)) + [
      FlipStudy.direction, FlipStudy.attack, .seeds(paper: 2, quick: 1),
    ]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let run = try Frei2023.trained(p, n: p.int("per_cluster") * p.int("k"))
    let (mixture, test, net, reach) = (run.mixture, run.test, run.network, run.reach)
    let robust = mixture.robustReference
    let radii = Frei2023.radiusGrid(p)
    let u = mixture.universalDirection

    var r = Record()
    r.set(
      "radius", radii, "the radius grid, 0 to radius_max·‖μ‖: the axis of every robust_accuracy_* array",
      units: "ℓ2 norm, input units")
    // The trained network: along the universal direction (or, for a control, a random one) ...
    let flips = Frei2023.flipRadii(net, test, direction: Frei2023.flipDirection(p, mixture, rng: &rng), scale: reach)
    r.set(
      "flip_radius", flips,
      "per test point: the trained network's first flip along −y·u (or a random direction for the control); NaN if none within reach",
      units: "ℓ2 norm, input units", allowing: .nan)
    let universal = Frei2023.robustAccuracy(firstFlips: flips, radii: radii)
    r.set(
      "robust_accuracy_universal", universal, "at each radius: share of test points not flipped along −y·u within it")
    // ... and against the ℓ2 attack, with and without the universal direction among its starts.
    let attack: [Double]
    let pgd: [Double]
    switch p.choice("attack", as: AttackKind.self) {
    case .generic:
      attack = try Frei2023.robustAccuracy(net, test, radii: radii, startingAlong: u, rng: &rng)
      pgd = try Frei2023.robustAccuracy(net, test, radii: radii, startingAlong: nil, rng: &rng)
    case .randomDirection:
      let random = (0..<test.count).map { i in
        FlipStudy.flipRadius(
          net, at: test.x.row(i), label: test.y[i], direction: normalized(rng.normals(test.dimension)), maxT: reach)
      }
      attack = Frei2023.robustAccuracy(firstFlips: random, radii: radii)
      pgd = attack
    }
    r.set(
      "robust_accuracy_attack", attack,
      "at each radius: share of test points the ℓ2 PGD attack (with the universal start) does not flip within it")
    r.set(
      "robust_accuracy_pgd", pgd,
      "at each radius: share of test points the ℓ2 PGD attack from random starts only does not flip within it")
    // R: the same measurements.
    let robustFlips = Frei2023.flipRadii(robust, test, direction: u, scale: reach)
    r.set(
      "reference_flip_radius", robustFlips,
      "per test point: the first flip of the robust network R along −y·u (NaN if none within reach)",
      units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      "robust_accuracy_reference_universal", Frei2023.robustAccuracy(firstFlips: robustFlips, radii: radii),
      "at each radius: share of test points R keeps along −y·u")
    let reference = try Frei2023.robustAccuracy(robust, test, radii: radii, startingAlong: u, rng: &rng)
    r.set(
      "robust_accuracy_reference", reference,
      "at each radius: share of test points the ℓ2 PGD attack (with the universal start) does not flip on R")

    r.set(
      "test_accuracy", Frei2023.accuracy(net, test), "share of test points the trained network classifies correctly")
    r.set("reference_test_accuracy", Frei2023.accuracy(robust, test), "share of test points R classifies correctly")
    r.set(
      "flip_radius_median", Statistics.median(flips), "median of flip_radius over the test points (NaN if any is)",
      units: "ℓ2 norm, input units", allowing: .nan)
    let collapse =
      ": the first radius where the robust accuracy is at most ½ (linear between grid points; 0 if the clean accuracy is, +∞ beyond the grid)"
    r.set(
      "collapse_radius_universal", Frei2023.collapseRadius(radii: radii, accuracy: universal),
      "robust_accuracy_universal" + collapse, units: "ℓ2 norm, input units", allowing: .infinity)
    r.set(
      "collapse_radius_attack", Frei2023.collapseRadius(radii: radii, accuracy: attack),
      "robust_accuracy_attack" + collapse, units: "ℓ2 norm, input units", allowing: .infinity)
    r.set(
      "collapse_radius_pgd", Frei2023.collapseRadius(radii: radii, accuracy: pgd),
      "robust_accuracy_pgd" + collapse, units: "ℓ2 norm, input units", allowing: .infinity)
    r.set(
      "collapse_radius_reference", Frei2023.collapseRadius(radii: radii, accuracy: reference),
      "robust_accuracy_reference" + collapse, units: "ℓ2 norm, input units", allowing: .infinity)
    run.record(&r)
    run.recordPremise(&r)
    return r
  }

  static func relative(_ p: PointResult, _ name: String) -> Double { Frei2023.RobustAccuracyFigures.relative(p, name) }

  public static func figures(_ results: Results) throws -> [Figure] {
    try Frei2023.RobustAccuracyFigures.figures(results)
  }

  public static let claims: [Claim] =
    Frei2023.nearKKT + [
      Frei2023.collapseClaim(
        "The ℓ2 attack collapses the trained network's robust accuracy near ‖μ‖/√k",
        reason:
          "prediction 2: perturbations of order ‖μ‖/√k flip most points; collapse = robust accuracy ≤ ½ (y·f ≤ 0 is an error)",
        radius: "collapse_radius_attack"),
      Frei2023.collapseClaim(
        "Along the universal direction alone it collapses near ‖μ‖/√k",
        reason: "prediction 2: z = −y·Σ_j y_j μ_j/‖Σ_j y_j μ_j‖ is one perturbation for all points",
        radius: "collapse_radius_universal"
      ).instrumentCheck(
        "flips sought along a random direction instead of the universal one", set: ["direction=random"]),
      Frei2023.collapseClaim(
        "A generic ℓ2 attack that is not told the universal direction collapses it as early, near ‖μ‖/√k",
        reason:
          "the small radius is not an artefact of the chosen direction: PGD from 0 and random starts only finds it, because the gradient-flow network's units align with Σ_{y_j = ±1} μ_j, so its own gradient points along u at every test point",
        radius: "collapse_radius_pgd"
      ).instrumentCheck("the attack replaced by a search along one random direction", set: ["attack=random-direction"]),
      .fraction(
        "R keeps its accuracy up to ≈ ‖μ‖/2",
        reason:
          "R's unit of a point's own cluster switches off at ‖μ‖/2 from its mean (its bias), no unit of the other label turns on before, and a tie R = 0 counts as an error: up to the noise's projection ~σ/√d, 1 by construction",
        of: { relative($0, "collapse_radius_reference") / 0.5 }, named: "R's collapse radius/(‖μ‖/2)",
        .within(0.8...1.05), atLeast: 1
      ).codeCheck(
        "an identity of R: its bias puts the switch-off at ‖μ‖/2 from each mean, so the radius measures the attack and the tie rule, not the paper; the paper's statement on R (its radius is of order ‖μ‖/2, the best possible for orthonormal means being ‖μ‖/√2) is the gap claim"
      ),
      Frei2023.insidePremise(
        .fraction(
          "The gap between R's radius and the trained network's grows like √k",
          reason:
            "prediction 3: ‖μ‖/2 against ‖μ‖/√k is a factor √k/2; R's radius is ‖μ‖/2 to 1.05·‖μ‖/2 by construction (its code check), so the ratio is R's over the trained radius·√k/‖μ‖: from 2^{−1/4} ≈ 0.84 (half of the collapsed control's factor √(2/k) ≤ 0.71 in log) to 1.05/0.75 = 1.4 (R's top over the trained band's bottom); "
            + Frei2023.collapseBandReason,
          of: {
            $0.scalar("collapse_radius_reference") / $0.scalar("collapse_radius_attack")
              / ($0.real("k").squareRoot() / 2)
          },
          named: "(R/trained)/(√k/2)", .within(Frei2023.gapBand), atLeast: 1)
      ).wrongRegime(
        "the k means collapsed onto two directions (outside the premise): the trained radius stays near ‖μ‖/√2 whatever k, so (R/trained)/(√k/2) ≈ √(2/k) ≤ 0.71 at k ≥ 4, below the band",
        set: ["means=collapsed"]),
    ]
}

extension Frei2023RobustAccuracy {
  /// Memory per point, from its shapes: the training run and its evaluations.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Frei2023.memory(p, n: p.int("per_cluster") * p.int("k"), sizes: "per_cluster")
  }

  /// Work per point, from its shapes (`CostEstimate`), for the dry run's time estimate.
  public static func cost(_ p: Point) -> CostEstimate? {
    Frei2023.robustAccuracyCost(p)
  }
}
